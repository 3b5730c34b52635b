/*
 * File names for pulled flows: the friendly name in kebab case, which is also a valid resource
 * name for the stack config. A name that collides or cannot be a file name gets a suffix from
 * the flow's SID, so every pull gives a flow the same file.
 */

/** Names Windows reserves for devices, whatever the extension. */
const reserved = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;
const maxLength = 60;

/** `Order status (v2)` → `order-status-v2`, cut at a word to 60 characters; "" when nothing is left. */
export function kebabCase(name: string): string {
  const kebab = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (kebab.length <= maxLength) return kebab;
  const cut = kebab.lastIndexOf("-", maxLength);
  return kebab.slice(0, cut > 0 ? cut : maxLength);
}

const suffix = (sid: string) => sid.slice(-6).toLowerCase();

export interface Named {
  readonly sid: string;
  readonly friendlyName: string;
  readonly dateCreated: Date;
}

/**
 * A base name per flow (by SID). Among flows whose names collide, the oldest keeps the plain
 * name and the others get `-` and the last six characters of their SID; a name that is empty or
 * reserved gets the suffix too (`flow-1a2b3c`).
 */
export function fileNames(flows: readonly Named[]): Map<string, string> {
  const byName = new Map<string, Named[]>();
  for (const flow of flows) {
    const base = kebabCase(flow.friendlyName);
    byName.set(base, [...(byName.get(base) ?? []), flow]);
  }
  const names = new Map<string, string>();
  for (const [base, sharing] of byName) {
    const ordered = [...sharing].sort(
      (a, b) => a.dateCreated.getTime() - b.dateCreated.getTime() || a.sid.localeCompare(b.sid),
    );
    for (const [i, flow] of ordered.entries()) {
      const usable = base !== "" && !reserved.test(base);
      names.set(flow.sid, usable && i === 0 ? base : `${base || "flow"}-${suffix(flow.sid)}`);
    }
  }
  return names;
}

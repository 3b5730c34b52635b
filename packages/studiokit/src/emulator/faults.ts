import { z } from "zod";

export const faultKindSchema = z.enum(["429", "500", "503", "drop", "slow"]);
export type FaultKind = z.infer<typeof faultKindSchema>;

/**
 * Fault injection (docs/twilio-rest.md §13): at `rate`, a request gets one of `kinds`, chosen by a
 * seeded PRNG.
 */
export const faultOptionsSchema = z.strictObject({
  rate: z.number().min(0).max(1),
  kinds: z.array(faultKindSchema).min(1),
  /** Sent as `Retry-After` on injected 429s (default 1). */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Delay before a "slow" reply (default 500 ms). */
  slowMs: z.number().int().min(0).optional(),
  /** Same seed, same sequence of requests → same faults. Random when absent. */
  seed: z.number().int().optional(),
  /** "mutations" = POST and DELETE only (default "all"). */
  applyTo: z.enum(["all", "mutations"]).optional(),
  /**
   * Share (0..1) of dropped mutations that are applied before the connection is destroyed: the
   * change happened but its reply was lost. The rest are dropped before being applied.
   * Default 0.5.
   */
  dropAfterApplyShare: z.number().min(0).max(1).optional(),
  /**
   * What the first eligible requests get, in order, before the seeded draws take over: a fault
   * kind, `none`, or `drop-after-apply` (applied, then the reply lost). Replays one exact story,
   * such as "the write is lost five times unapplied, then applied with its reply lost".
   */
  sequence: z.array(z.enum([...faultKindSchema.options, "none", "drop-after-apply"])).optional(),
});
export type FaultOptions = z.infer<typeof faultOptionsSchema>;

/** What to do to one request; `dropAfterApply` only matters for drops of mutations. */
export type FaultDecision =
  | { kind: "none" }
  | { kind: "429"; retryAfterSeconds: number }
  | { kind: "500" | "503" }
  | { kind: "drop"; afterApply: boolean }
  | { kind: "slow"; ms: number };

/** mulberry32: tiny, fast, good enough to spread faults; deterministic per seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseFaultOptions(input: unknown): FaultOptions {
  const result = faultOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `faults.${issue.path.join(".")}` : "faults";
  throw new Error(`invalid emulator ${where}: ${issue?.message ?? "invalid"}`);
}

export class FaultPlan {
  private readonly random: () => number;
  private scripted = 0;

  constructor(readonly options: FaultOptions) {
    this.random = prng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /**
   * The `sequence` first; then exactly three draws per eligible request, so one seed gives one
   * sequence.
   */
  decide(isMutation: boolean): FaultDecision {
    const o = this.options;
    if (o.applyTo === "mutations" && !isMutation) return { kind: "none" };
    const next = o.sequence?.[this.scripted];
    if (next !== undefined) {
      this.scripted += 1;
      if (next === "none") return { kind: "none" };
      if (next === "drop-after-apply") return { kind: "drop", afterApply: isMutation };
      return this.decision(next, false);
    }
    const hit = this.random();
    const pick = this.random();
    const applied = this.random();
    if (hit >= o.rate) return { kind: "none" };
    const kind = o.kinds[Math.min(o.kinds.length - 1, Math.floor(pick * o.kinds.length))] ?? "500";
    return this.decision(kind, isMutation && applied < (o.dropAfterApplyShare ?? 0.5));
  }

  private decision(kind: FaultKind, afterApply: boolean): FaultDecision {
    const o = this.options;
    switch (kind) {
      case "429":
        return { kind, retryAfterSeconds: o.retryAfterSeconds ?? 1 };
      case "500":
      case "503":
        return { kind };
      case "drop":
        return { kind, afterApply };
      case "slow":
        return { kind, ms: o.slowMs ?? 500 };
    }
  }
}

import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { hasLiquid } from "../../definition";
import { isSecretName, masked } from "../secrets";

const advice =
  "anyone who can read the flow (or its git history) can read it; keep it out of the flow, e.g. in a Twilio Function's environment variables";

/** `scheme://user:password@host`, the password literal (not Liquid). */
const urlCredentials = /\b([a-z][a-z0-9+.-]*):\/\/[^\s/?#@]+:([^\s/?#@]+)@([^\s/?#:@]+)/i;
const accountSid = /\bAC[0-9a-f]{32}\b/i;
/** 32 hex digits not preceded by a SID's two-letter prefix: the shape of a Twilio auth token. */
const authTokenLike = /(?<![A-Za-z0-9])[0-9a-f]{32}(?![0-9a-z])/i;
/** Template placeholders filled before deploy (`${TOKEN}` in Terraform templates). */
const placeholder = /^\s*\$\{[^}]*\}\s*$/;

function urlFinding(value: string): string | undefined {
  const match = value.includes("@") ? urlCredentials.exec(value) : null;
  if (!match || hasLiquid(match[2] ?? "")) return undefined;
  return `the URL carries a password (${match[1]}://${masked}:${masked}@${match[3]}); ${advice}`;
}

function namedFinding(name: string, value: string): string | undefined {
  if (!isSecretName(name)) return undefined;
  const literal = value.trim();
  if (literal === "" || hasLiquid(literal) || placeholder.test(literal)) return undefined;
  return `"${name}" holds a literal credential (${masked}); ${advice}`;
}

const tokenMessage = `holds what looks like a Twilio auth token (32 hex digits, ${masked}) beside an Account SID (AC…); ${advice}`;

/**
 * Credentials written into the flow, as warnings: user:password in URLs, literal values of
 * properties or `[{ key, value }]` items named like authorization/token/password/secret/api key
 * (`sip_password` included), and auth-token-shaped strings in a widget that also holds an
 * Account SID. Messages never repeat the secret. `visit` each string of one widget, then `finish`.
 */
export class CredentialScan {
  #besideAccountSid = false;
  readonly #found: ValidationIssue[] = [];
  readonly #tokens: ValidationIssue[] = [];
  #flow: FlowIndex | undefined;
  #index = 0;

  /** Starts on widget `index` of `flow`, forgetting the last widget (one scan serves widget after widget). */
  start(flow: FlowIndex, index: number): void {
    this.#flow = flow;
    this.#index = index;
    this.#besideAccountSid = false;
    if (this.#found.length > 0) this.#found.length = 0;
    if (this.#tokens.length > 0) this.#tokens.length = 0;
  }

  visit(path: ReadonlyArray<string | number>, name: string, value: string): void {
    const flow = this.#flow;
    if (!flow) throw new Error("CredentialScan: start() a widget before visiting its strings");
    if (value.includes("AC") && accountSid.test(value)) this.#besideAccountSid = true;
    const message = urlFinding(value) ?? namedFinding(name, value);
    if (message) this.#found.push(flow.issue(this.#index, "credential", path, message));
    // 32 hex digits need 32 characters: most strings are shorter and skip the regular expression.
    else if (value.length >= 32 && authTokenLike.test(value))
      this.#tokens.push(flow.issue(this.#index, "credential", path, tokenMessage));
  }

  /** Adds the widget's findings, in the order its strings were visited (tokens last). */
  finish(issues: ValidationIssue[]): void {
    for (const issue of this.#found) issues.push(issue);
    if (this.#besideAccountSid) for (const issue of this.#tokens) issues.push(issue);
  }
}

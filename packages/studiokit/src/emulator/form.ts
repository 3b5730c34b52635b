import { invalidParameter } from "./errors";
import { isSid } from "./sids";

/**
 * The form parameters of one request as twilio-node sends them: PascalCase names, dotted
 * nested names (`AutoCreation.Enabled`), arrays as repeated keys, booleans as `true`/`false`.
 * Every reader throws a 400/20001 ApiError naming the parameter, never anything else.
 */
export class Form {
  constructor(private readonly params: URLSearchParams) {}

  static parse(body: string): Form {
    return new Form(new URLSearchParams(body));
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  string(name: string): string | undefined {
    const values = this.params.getAll(name);
    return values.length === 0 ? undefined : values[values.length - 1];
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw invalidParameter(`Missing required parameter ${name} in the post body`);
    return value;
  }

  list(name: string): string[] | undefined {
    const values = this.params.getAll(name);
    return values.length === 0 ? undefined : values;
  }

  bool(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw invalidParameter(`Invalid parameter ${name}: expected true or false, got "${value}"`);
  }

  int(name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw invalidParameter(`Invalid parameter ${name}: expected an integer >= ${min}, got "${value}"`);
    return n;
  }

  /** An enum value matched case-insensitively; returns the value as sent. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (match === undefined)
      throw invalidParameter(`Invalid parameter ${name}: "${value}" is not one of ${allowed.join(", ")}`);
    return match;
  }

  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    this.required(name);
    return this.oneOf(name, allowed) as T;
  }

  sid(name: string, prefix: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!isSid(prefix, value))
      throw invalidParameter(
        `Invalid parameter ${name}: "${value}" is not a ${prefix} SID (${prefix} + 32 hex digits)`,
      );
    return value;
  }

  entries(): Array<[string, string]> {
    return [...this.params.entries()];
  }
}

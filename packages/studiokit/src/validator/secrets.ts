/**
 * Names that say "this value is a credential": authorization, token, password, secret, api key…
 * matched at the end of the name (`x-api-key`, `auth_token`, `sip_password`, `AuthToken`), so
 * `payment_token_type` or `token_count` are not.
 */
const secretName =
  /(authorization|password|passwd|pwd|secret|token|api_?key|access_?key|private_?key|credentials?)$/;

// A flow repeats the same few property and parameter names: decide each once (bounded, for
// long-lived processes validating many flows).
const decided = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let secret = decided.get(name);
  if (secret === undefined) {
    secret = secretName.test(name.toLowerCase().replace(/[\s.-]+/g, "_"));
    if (decided.size >= 10_000) decided.clear();
    decided.set(name, secret);
  }
  return secret;
}

/** The masked stand-in used wherever a credential would otherwise be printed. */
export const masked = "****";

/**
 * Names that say "this value is a credential": authorization, token, password, secret, api key…
 * matched at the end of the name (`x-api-key`, `auth_token`, `sip_password`, `AuthToken`), so
 * `payment_token_type` or `token_count` are not.
 */
const secretName =
  /(authorization|password|passwd|pwd|secret|token|api_?key|access_?key|private_?key|credentials?)$/;

export function isSecretName(name: string): boolean {
  return secretName.test(name.toLowerCase().replace(/[\s.-]+/g, "_"));
}

/** True when the text is (or contains) Liquid, i.e. the value comes from elsewhere at run time. */
export function hasLiquid(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

/** The masked stand-in used wherever a credential would otherwise be printed. */
export const masked = "****";

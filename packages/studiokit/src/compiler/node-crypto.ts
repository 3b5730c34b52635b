import type * as Crypto from "node:crypto";

/** node:crypto, loaded on first use: the module and the streams it loads cost some 15 ms at start-up, which a run that hashes nothing need not pay. */
let loaded: typeof Crypto | undefined;

export function nodeCrypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return (loaded ??= require("node:crypto") as typeof Crypto);
}

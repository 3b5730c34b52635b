/**
 * The dev room: `studiokit dev`, a local Studio. A local Twilio with the project's flows deployed
 * through the providers and redeployed when a flow file changes, and a page (served by the local
 * Twilio) to talk to a flow while watching it run. The page's browser code is in `page/`, built
 * apart (tsconfig.page.json); it shares only the JSON types of model.ts with the server.
 */
export { DevSession, DevError, devAccount, scenarioFileOf, type DevOptions } from "./session";
export { devPage } from "./http";
export { watchProject } from "./watch";
export type * from "./model";

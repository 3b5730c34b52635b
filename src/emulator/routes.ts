import { type Route } from "./context";
import { flowRoutes } from "./studio/flows";
import { revisionRoutes } from "./studio/revisions";
import { testUserRoutes } from "./studio/testUsers";
import { validateRoutes } from "./studio/validate";

/**
 * Every endpoint served. Studio lives under /v2 and Conversations under /v1, so the path alone
 * picks the product; `/v2/Flows/Validate` comes before `/v2/Flows/:Sid`.
 */
export const routes: readonly Route[] = [
  ...validateRoutes,
  ...flowRoutes,
  ...revisionRoutes,
  ...testUserRoutes,
];

import { type Route } from "./context";
import { addressRoutes } from "./conversations/addresses";
import { configurationRoutes } from "./conversations/configuration";
import { conversationRoutes } from "./conversations/conversations";
import { participantRoutes } from "./conversations/participants";
import { serviceRoutes } from "./conversations/services";
import { webhookRoutes } from "./conversations/webhooks";
import { flowRoutes } from "./studio/flows";
import { revisionRoutes } from "./studio/revisions";
import { testUserRoutes } from "./studio/testUsers";
import { validateRoutes } from "./studio/validate";

/**
 * Every endpoint served. Studio lives under /v2 and Conversations under /v1, so the path alone
 * picks the product; literal routes (`/v2/Flows/Validate`) come before captures (`/v2/Flows/:Sid`).
 */
export const routes: readonly Route[] = [
  ...validateRoutes,
  ...flowRoutes,
  ...revisionRoutes,
  ...testUserRoutes,
  ...configurationRoutes,
  ...addressRoutes,
  ...serviceRoutes,
  ...conversationRoutes,
  ...participantRoutes,
  ...webhookRoutes,
];

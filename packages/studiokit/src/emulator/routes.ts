import { callRoutes } from "./api2010/calls";
import { smsRoutes } from "./api2010/messages";
import { phoneNumberRoutes } from "./api2010/phone-numbers";
import { type Route } from "./context";
import { addressRoutes } from "./conversations/addresses";
import { configurationRoutes } from "./conversations/configuration";
import { conversationRoutes } from "./conversations/conversations";
import { messageRoutes } from "./conversations/messages";
import { participantRoutes } from "./conversations/participants";
import { serviceRoutes } from "./conversations/services";
import { webhookRoutes } from "./conversations/webhooks";
import { executionRoutes } from "./live/executions";
import { liveRoutes } from "./live/inbound";
import { stepRoutes } from "./live/steps";
import { dialRoutes } from "./live/voice";
import { flowRoutes } from "./studio/flows";
import { revisionRoutes } from "./studio/revisions";
import { testUserRoutes } from "./studio/testUsers";
import { validateRoutes } from "./studio/validate";

/**
 * Every endpoint served. Studio lives under /v2, Conversations under /v1 and the 2010 API (numbers,
 * SMS, calls) under /2010-04-01, so the path alone picks the product; literal routes
 * (`/v2/Flows/Validate`) come before captures (`/v2/Flows/:Sid`).
 * The emulator's own endpoints (no Twilio counterpart) live under /studiokit/v1.
 */
export const routes: readonly Route[] = [
  ...validateRoutes,
  ...flowRoutes,
  ...revisionRoutes,
  ...testUserRoutes,
  ...executionRoutes,
  ...stepRoutes,
  ...configurationRoutes,
  ...addressRoutes,
  ...serviceRoutes,
  ...conversationRoutes,
  ...participantRoutes,
  ...webhookRoutes,
  ...messageRoutes,
  ...phoneNumberRoutes,
  ...smsRoutes,
  ...callRoutes,
  ...liveRoutes,
  ...dialRoutes,
];

import { ok, type Route } from "../context";
import { readFlowWrite } from "./flows";

/** `POST /v2/Flows/Validate`: the create body, checked, nothing stored. */
export const validateRoutes: Route[] = [
  {
    path: "/v2/Flows/Validate",
    handlers: {
      POST: (ctx) => {
        readFlowWrite(ctx);
        return ok({ valid: true });
      },
    },
  },
];

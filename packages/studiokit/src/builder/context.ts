import { type contextShapes } from "../definition/types";
import { ref, type OpenRef, type RefChildren } from "./ref";

type TriggerShape = (typeof contextShapes)["trigger"];
type FlowShape = (typeof contextShapes)["flow"];
type ContactShape = (typeof contextShapes)["contact"];

/** `trigger.*`: `trigger.message.Body` renders `{{trigger.message.Body}}`. */
export const trigger = ref("trigger") as unknown as RefChildren<TriggerShape>;
/** `flow.*` (named flowContext because `flow` builds a flow): `flowContext.channel.address`. */
export const flowContext = ref("flow") as unknown as RefChildren<FlowShape>;
/** `contact.*`: `contact.channel.address` renders `{{contact.channel.address}}`. */
export const contact = ref("contact") as unknown as RefChildren<ContactShape>;
/** `widgets.*`, for widgets the builder does not know (raw or imported names). */
export const widgets: OpenRef = ref("widgets");

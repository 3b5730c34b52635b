import { type ConsoleDefaults, type WidgetType } from "./types";
import { type WidgetPropertiesInput } from "./widgets/index";

/*
 * Studio's defaults, in one place (docs/studio-behaviour.md §9). The compiler fills in the
 * console's, the builder makes those props optional, the engine runs a widget whose key is absent
 * with these values, and the providers count "left out" and "spelt out as the default" as the
 * same flow.
 */

type Known<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type DefaultsTable = {
  readonly [T in WidgetType]?: {
    readonly [K in keyof Known<WidgetPropertiesInput<T>>]?: Known<WidgetPropertiesInput<T>>[K];
  };
};

const sender = "{{flow.channel.address}}";
const contact = "{{contact.channel.address}}";

/**
 * What a widget does when a property is absent, by widget type: the value Studio uses in its
 * place. Sources: the tutorial's console export (Send Message, Send & Wait) and the widget pages
 * (the rest; the console's initial values for Make HTTP Request, Make Outgoing Call, Connect Call
 * To and Run Subflow are UNCONFIRMED).
 */
export const propertyDefaults = {
  "send-message": {
    from: sender,
    to: contact,
    service: "{{trigger.message.InstanceSid}}",
    channel: "{{trigger.message.ChannelSid}}",
  },
  "send-and-wait-for-reply": {
    from: sender,
    service: "{{trigger.message.InstanceSid}}",
    channel: "{{trigger.message.ChannelSid}}",
    timeout: "3600",
  },
  "make-http-request": { method: "GET", content_type: "application/x-www-form-urlencoded;charset=utf-8" },
  "run-subflow": { flow_revision: "LatestPublished" },
  "say-play": { loop: 1 },
  "gather-input-on-call": { loop: 1, timeout: 5, finish_on_key: "#", gather_language: "en-US" },
  "connect-call-to": { caller_id: contact, timeout: 30 },
  "record-voicemail": { timeout: 5, max_length: 3600 },
  "make-outgoing-call-v1": { from: sender, to: contact, timeout: 60 },
  "make-outgoing-call-v2": { from: sender, to: contact, timeout: 60 },
  "add-twiml-redirect": { method: "POST", timeout: "14400" },
  "send-to-flex": { timeout: "3600" },
} as const satisfies DefaultsTable;

type PropertyDefaults = typeof propertyDefaults;

/** The properties the console writes into a new widget, which the compiler writes too. */
const consoleKeys = {
  "send-message": ["from", "to", "service", "channel"],
  "send-and-wait-for-reply": ["from", "service", "channel", "timeout"],
  "make-http-request": ["method", "content_type"],
  "run-subflow": ["flow_revision"],
  "connect-call-to": ["caller_id"],
  "make-outgoing-call-v1": ["from", "to"],
  "make-outgoing-call-v2": ["from", "to"],
} as const satisfies { readonly [T in keyof PropertyDefaults]?: ReadonlyArray<keyof PropertyDefaults[T]> };

type ConsoleKeys = typeof consoleKeys;
/** `ConsoleDefaults` as the tables above derive it (types.ts holds it written out). */
export type DerivedConsoleDefaults = {
  readonly [T in keyof ConsoleKeys]: Pick<
    PropertyDefaults[T],
    ConsoleKeys[T][number] & keyof PropertyDefaults[T]
  >;
};

/**
 * What the Studio console writes into a new widget before the author changes anything: the
 * compiler fills these in when the author leaves them out, so a key here is optional in the
 * builder's props even where Studio requires it.
 */
export const consoleDefaults = Object.fromEntries(
  Object.entries(consoleKeys).map(([type, keys]) => {
    const values: Readonly<Record<string, unknown>> = propertyDefaults[type as keyof ConsoleKeys];
    return [type, Object.fromEntries(keys.map((key: string) => [key, values[key]]))];
  }),
) as ConsoleDefaults;

/** The property defaults of a widget type: none for a type without any, or one studiokit does not know. */
export function propertyDefaultsOf(type: string): Readonly<Record<string, unknown>> {
  return Object.prototype.hasOwnProperty.call(propertyDefaults, type)
    ? propertyDefaults[type as keyof PropertyDefaults]
    : {};
}

/** The flow's `flags` when absent: concurrent calls allowed (the default for flows created since 2018). */
export const defaultFlags = { allow_concurrent_calls: true } as const;

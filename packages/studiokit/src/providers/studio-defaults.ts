/**
 * What Studio fills in when a definition leaves it out, so that "left out" and "spelt out as the
 * default" compare equal and never cause an update (a no-op preview shows no change). Used for
 * comparison only: the definition sent to Twilio is the author's, untouched. Sources:
 * docs/studio-behaviour.md §1 (every event listed with `next` omitted when unwired) and §9 (the
 * flags default, per-widget property defaults). Whether Studio's API itself adds these on write is
 * UNCONFIRMED (docs/twilio-rest.md §15); treating them as equal is safe either way because each
 * default is what Studio does when the key is absent.
 */

/** `flags` when absent: concurrent calls allowed (the default for flows created since 2018). */
export const defaultFlags: Readonly<Record<string, unknown>> = { allow_concurrent_calls: true };

const messagingDefaults = {
  from: "{{flow.channel.address}}",
  service: "{{trigger.message.InstanceSid}}",
  channel: "{{trigger.message.ChannelSid}}",
} as const;

/** Property values a widget has when the key is absent, by widget type. */
export const defaultProperties: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "send-message": { ...messagingDefaults, to: "{{contact.channel.address}}" },
  "send-and-wait-for-reply": { ...messagingDefaults, timeout: "3600" },
};

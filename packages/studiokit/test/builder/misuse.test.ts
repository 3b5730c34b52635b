import { describe, expect, it } from "vitest";
import { flow, raw, sendAndWaitForReply, sendMessage, splitBasedOn, type AnyWidget } from "../../src/builder";

/** Plain-JavaScript callers get no type errors, so the builder checks eagerly where the call is written. */
const loose = <T>(value: unknown) => value as T;

describe("builder misuse throws where it is written", () => {
  const ask = sendAndWaitForReply("ask", { body: "?" });

  it.each([
    {
      message: 'send-message: a widget needs a non-empty name (its Studio name), got ""',
      call: () => sendMessage("", { body: "x" }),
    },
    {
      message:
        'send-message "m": unknown prop "media_url"; send-message takes from, body, mediaUrl, service, channel, attributes, messageType, contentSid, contentVariables, shortenUrls, to (extraProperties passes others through)',
      call: () => sendMessage("m", loose({ body: "x", media_url: "y" })),
    },
    {
      message: 'widget "m" (send-message) has no event "timeout"; its events are sent, failed',
      call: () => sendMessage("m", { body: "x" }).on(loose("timeout"), ask),
    },
    {
      message:
        'widget "ask": transition "timeout" was given the string "ask"; targets are widget objects (or end), not names',
      call: () => ask.on("timeout", loose<AnyWidget>("ask")),
    },
    {
      message: 'widget "m": event "sent" is already wired; wire each event once',
      call: () => sendMessage("m", { body: "x" }).on("sent", ask).on("sent", ask),
    },
    {
      message: 'widget "s": wire match transitions with .when(condition, target)',
      call: () => splitBasedOn("s", { input: "x" }).on(loose("match"), ask),
    },
    {
      message:
        'flow: the trigger has no event "incomingSms"; its events are incomingMessage, incomingCall, incomingConversationMessage, incomingRequest, incomingParent',
      call: () => flow({ on: loose({ incomingSms: ask }) }),
    },
    {
      message: "flow: wire at least one trigger event, e.g. flow({ on: { incomingMessage: greet } })",
      call: () => flow({ on: {} }),
    },
    {
      message: 'raw "r": properties.offset must be { x: number, y: number }',
      call: () => raw("r", "x-widget", { offset: { x: "left" } }, []),
    },
  ])("$message", ({ call, message }) => {
    expect(call).toThrow(new Error(message));
  });
});

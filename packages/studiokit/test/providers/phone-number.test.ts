import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { providerImplementations } from "../../src/providers";
import { accountSid, authToken } from "../support/emulator";
import { startStack, type Stack } from "./harness/stack";

// PhoneNumber through the dynamic-provider plugin over gRPC against the local Twilio: it points
// an existing number's SMS and/or voice webhook at a flow, updates and refreshes it, and on
// delete puts back what the number had, however many updates came between.

const number = "+15017122661";
const second = "+15017122662";
const app = "AP" + "a".repeat(32);
let stack: Stack;
let flowA = "";
let flowB = "";
const definition = {
  initial_state: "Trigger",
  states: [{ name: "Trigger", type: "trigger", transitions: [], properties: {} }],
};

beforeAll(async () => {
  stack = await startStack();
  const client = stack.env.client;
  const flows = client.studio.v2.flows;
  flowA = (await flows.create({ friendlyName: "a", status: "published", definition })).webhookUrl;
  flowB = (await flows.create({ friendlyName: "b", status: "published", definition })).webhookUrl;
  // Numbers as a console leaves them: one on a TwiML app for calls, one on someone's webhook.
  await client.incomingPhoneNumbers.create({
    phoneNumber: number,
    smsUrl: "https://example.com/old-sms",
    smsMethod: "GET",
    voiceApplicationSid: app,
  });
  await client.incomingPhoneNumbers.create({
    phoneNumber: second,
    voiceUrl: "https://example.com/old-voice",
  });
});
afterAll(async () => {
  await stack?.close();
});

const live = (phoneNumber: string) => {
  const n = [...stack.env.emulator.store.incomingPhoneNumbers.values()].find(
    (x) => x.phone_number === phoneNumber,
  )!;
  return {
    sms: [n.sms_url, n.sms_method, n.sms_application_sid],
    voice: [n.voice_url, n.voice_method, n.voice_application_sid],
  };
};
const outputsOf = (r: { state?: { outputs: Record<string, unknown> } | undefined }) => {
  const { __provider: _p, ...outs } = r.state!.outputs;
  return outs;
};
const original = {
  smsUrl: "https://example.com/old-sms",
  smsMethod: "GET",
  smsApplicationSid: "",
  voiceUrl: "",
  voiceMethod: "POST",
  voiceApplicationSid: app,
};

describe("PhoneNumber", () => {
  const resource = () => stack.resource("phoneNumber", "front-desk");
  let phone: ReturnType<typeof resource>;

  test("create points the SMS webhook at the flow and keeps what the number had; a no-op changes nothing", async () => {
    phone = resource();
    expect(await phone.up({ phoneNumber: number, smsUrl: flowA })).toBe("create");
    const sid = phone.state!.id;
    expect(sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(outputsOf(phone)).toEqual({
      sid,
      phoneNumber: number,
      smsUrl: flowA,
      smsMethod: "POST",
      original,
    });
    expect(live(number)).toEqual({ sms: [flowA, "POST", ""], voice: ["", "POST", app] });
    expect(await phone.up({ phoneNumber: number, smsUrl: flowA })).toBe("same");
  });

  test("an update keeps the original webhooks to put back, not the ones it replaces", async () => {
    expect(await phone.up({ phoneNumber: number, smsUrl: flowB, voiceUrl: flowB })).toBe("update");
    // The voice channel's TwiML app would take the calls: it is cleared, and kept to put back.
    expect(live(number)).toEqual({ sms: [flowB, "POST", ""], voice: [flowB, "POST", ""] });
    expect(outputsOf(phone)).toMatchObject({ smsUrl: flowB, voiceUrl: flowB, voiceMethod: "POST", original });
  });

  test("a console change shows in refresh, and the next up puts the flow back", async () => {
    await stack.env.client
      .incomingPhoneNumbers(phone.state!.id)
      .update({ smsUrl: "https://example.com/console" });
    await phone.refresh();
    expect(phone.state!.inputs).toMatchObject({ smsUrl: "https://example.com/console", voiceUrl: flowB });
    expect(outputsOf(phone)).toMatchObject({ smsUrl: "https://example.com/console", original });
    const news = { phoneNumber: number, smsUrl: flowB, voiceUrl: flowB };
    expect(await phone.preview(news)).toBe("update");
    expect(await phone.up(news)).toBe("update");
    expect(live(number).sms).toEqual([flowB, "POST", ""]);
  });

  test("a channel left out gets its own webhook back; delete puts back the rest", async () => {
    expect(await phone.up({ phoneNumber: number, smsUrl: flowB })).toBe("update");
    expect(live(number)).toEqual({ sms: [flowB, "POST", ""], voice: ["", "POST", app] });
    await phone.destroy();
    expect(live(number)).toEqual({
      sms: ["https://example.com/old-sms", "GET", ""],
      voice: ["", "POST", app],
    });
  });

  test("found by SID too; naming another number restores the first before taking the second", async () => {
    const sid = [...stack.env.emulator.store.incomingPhoneNumbers.values()].find(
      (n) => n.phone_number === number,
    )!.sid;
    const byId = stack.resource("phoneNumber", "by-sid");
    expect(await byId.up({ phoneNumberSid: sid, voiceUrl: flowA, voiceMethod: "get" })).toBe("create");
    expect(outputsOf(byId)).toEqual({
      sid,
      phoneNumber: number,
      phoneNumberSid: sid,
      voiceUrl: flowA,
      voiceMethod: "GET",
      original,
    });
    // The same number by its number: no change.
    expect(await byId.up({ phoneNumber: number, voiceUrl: flowA, voiceMethod: "GET" })).toBe("same");
    expect(await byId.up({ phoneNumber: second, voiceUrl: flowA })).toBe("replace");
    expect(live(number).voice).toEqual(["", "POST", app]);
    expect(live(second).voice).toEqual([flowA, "POST", ""]);
    await byId.destroy();
    expect(live(second).voice).toEqual(["https://example.com/old-voice", "POST", ""]);
  });

  test("refuses what it cannot manage, in one line each, and never buys or releases a number", async () => {
    const bad = stack.resource("phoneNumber", "bad");
    const failures = [];
    for (const news of [
      { smsUrl: flowA },
      { phoneNumber: number, phoneNumberSid: "PN" + "0".repeat(32), smsUrl: flowA },
      { phoneNumber: "501-712-2661", smsUrl: flowA },
      { phoneNumber: number },
      { phoneNumber: number, voiceUrl: flowA, smsMethod: "POST" },
      { phoneNumber: number, smsUrl: "not a url" },
    ])
      failures.push(
        await bad.check(news).then(
          () => "accepted",
          (e: Error) => e.message,
        ),
      );
    expect(failures).toEqual([
      "phoneNumber: give phoneNumber (+1…) or phoneNumberSid (PN…), one of them",
      "phoneNumber: give phoneNumber (+1…) or phoneNumberSid (PN…), one of them",
      "phoneNumber: an E.164 phone number such as +15005550006",
      "smsUrl: give smsUrl, voiceUrl or both: the webhooks to point at the flow",
      "smsMethod: smsMethod needs smsUrl",
      "smsUrl: Invalid URL",
    ]);
    const before = stack.env.emulator.store.incomingPhoneNumbers.size;
    await expect(bad.up({ phoneNumber: "+15017122699", smsUrl: flowA })).rejects.toThrow(
      `number +15017122699 is not in Twilio account ${accountSid}; studiokit never buys numbers: buy or port it first, or fix the number`,
    );
    await expect(bad.up({ phoneNumberSid: "PN" + "0".repeat(32), smsUrl: flowA })).rejects.toThrow(
      `number PN${"0".repeat(32)} is not in Twilio account ${accountSid}`,
    );
    // Released behind studiokit's back: refresh finds it gone, and a delete has nothing to put back.
    const gone = stack.resource("phoneNumber", "gone");
    const bought = await stack.env.client.incomingPhoneNumbers.create({ phoneNumber: "+15017122670" });
    await gone.up({ phoneNumber: "+15017122670", smsUrl: flowA });
    await stack.env.client.incomingPhoneNumbers(bought.sid).remove();
    await gone.refresh();
    expect(gone.state).toBeUndefined();
    expect(stack.env.emulator.store.incomingPhoneNumbers.size).toBe(before);
  });

  test("a create whose write keeps failing reports the number and what it had, so the state can put it back", async () => {
    const provider = {
      ...providerImplementations.phoneNumber,
      connectionConfig: { accountSid, authToken, apiBaseUrl: stack.env.emulator.url },
    };
    stack.env.emulator.setFaults({ rate: 1, kinds: ["503"], applyTo: "mutations", seed: 1 });
    try {
      const failed = await provider.create({ phoneNumber: second, smsUrl: flowA, smsMethod: "POST" }).then(
        () => undefined,
        (error: unknown) => error as { message: string; id?: string; properties?: unknown },
      );
      expect(failed).toMatchObject({
        message: expect.stringContaining(`point number ${second} at sms webhook URLs`),
        id: expect.stringMatching(/^PN/),
        properties: {
          phoneNumber: second,
          smsUrl: "",
          original: { smsUrl: "", voiceUrl: "https://example.com/old-voice" },
        },
      });
    } finally {
      stack.env.emulator.setFaults(undefined);
    }
    expect(live(second).sms).toEqual(["", "POST", ""]);
  }, 60_000);
});

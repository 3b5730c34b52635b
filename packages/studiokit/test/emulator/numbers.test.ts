import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountSid, rejection, withEmulator, type TestEmulator } from "../support/emulator";

// API 2010 IncomingPhoneNumbers on the local Twilio through the official twilio library: the
// numbers `--number` gives the account, found by number, updated, bought and released; every
// field the library reads is there; Twilio-shaped errors.

const number = "+15017122661";
const other = "+15017122662";
let t: TestEmulator;
beforeAll(async () => {
  t = await withEmulator({ numbers: [number, other] });
});
afterAll(() => t.emulator.close());

/** The keys of an instance the library left undefined: fields the reply did not have. */
const missingFields = (instance: { toJSON(): object }) =>
  Object.entries(instance.toJSON())
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);

describe("IncomingPhoneNumbers", () => {
  it("lists the numbers the emulator was started with; list({ phoneNumber }) finds one, with every field set", async () => {
    const all = await t.client.incomingPhoneNumbers.list();
    expect(all.map((n) => [n.phoneNumber, n.friendlyName])).toEqual([
      [number, "(501) 712-2661"],
      [other, "(501) 712-2662"],
    ]);
    const [found, ...more] = await t.client.incomingPhoneNumbers.list({ phoneNumber: number });
    expect(more).toEqual([]);
    expect(missingFields(found!)).toEqual([]);
    expect(found!.toJSON()).toMatchObject({
      accountSid,
      sid: expect.stringMatching(/^PN[0-9a-f]{32}$/),
      phoneNumber: number,
      smsUrl: "",
      smsMethod: "POST",
      voiceUrl: "",
      voiceMethod: "POST",
      smsApplicationSid: "",
      voiceApplicationSid: "",
      trunkSid: null,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
      uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${found!.sid}.json`,
      status: "in-use",
    });
    expect(found!.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(found!.dateCreated.getTime())).toBe(false);
    // Part of a number, `*` for any digit.
    expect(
      (await t.client.incomingPhoneNumbers.list({ phoneNumber: "71226*2" })).map((n) => n.phoneNumber),
    ).toEqual([other]);
  });

  it("(sid).update({ smsUrl, voiceUrl }) sets the webhooks; fetch reads them back; the rest stays", async () => {
    const [found] = await t.client.incomingPhoneNumbers.list({ phoneNumber: number });
    const sid = found!.sid;
    const updated = await t.client.incomingPhoneNumbers(sid).update({
      smsUrl: "https://example.com/sms",
      voiceUrl: "https://example.com/voice",
      voiceMethod: "get",
    });
    expect(missingFields(updated)).toEqual([]);
    const fetched = await t.client.incomingPhoneNumbers(sid).fetch();
    expect([
      fetched.smsUrl,
      fetched.smsMethod,
      fetched.voiceUrl,
      fetched.voiceMethod,
      fetched.friendlyName,
    ]).toEqual(["https://example.com/sms", "POST", "https://example.com/voice", "GET", "(501) 712-2661"]);
    await t.client
      .incomingPhoneNumbers(sid)
      .update({ smsUrl: "", voiceApplicationSid: "AP" + "1".repeat(32) });
    const cleared = await t.client.incomingPhoneNumbers(sid).fetch();
    expect([cleared.smsUrl, cleared.voiceUrl, cleared.voiceApplicationSid]).toEqual([
      "",
      "https://example.com/voice",
      "AP" + "1".repeat(32),
    ]);
  });

  it("pages through a long list with the 2010 API's page links", async () => {
    const own = await withEmulator({
      numbers: Array.from({ length: 7 }, (_, i) => `+1555010${String(i).padStart(4, "0")}`),
    });
    try {
      const paged = await own.client.incomingPhoneNumbers.list({ pageSize: 3 });
      expect(paged.map((n) => n.phoneNumber)).toEqual(
        Array.from({ length: 7 }, (_, i) => `+1555010${String(i).padStart(4, "0")}`),
      );
      const first = await own.raw(
        "GET",
        `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json?PageSize=3`,
      );
      expect(first.json).toMatchObject({
        page: 0,
        page_size: 3,
        start: 0,
        end: 2,
        previous_page_uri: null,
        first_page_uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json?PageSize=3&Page=0`,
        next_page_uri: expect.stringMatching(
          /^\/2010-04-01\/.*IncomingPhoneNumbers\.json\?PageSize=3&Page=1&PageToken=/,
        ),
      });
    } finally {
      await own.emulator.close();
    }
  });

  it("buys (create) a number it is given, releases (remove) it; Twilio-shaped errors for the rest", async () => {
    const bought = await t.client.incomingPhoneNumbers.create({
      phoneNumber: "+15017122663",
      smsUrl: "https://example.com/s",
    });
    expect([bought.phoneNumber, bought.smsUrl]).toEqual(["+15017122663", "https://example.com/s"]);
    expect(
      await rejection(t.client.incomingPhoneNumbers.create({ phoneNumber: "+15017122663" })),
    ).toMatchObject({
      status: 400,
      code: 21422,
      message: `PhoneNumber +15017122663 is not available: it is already this account's ${bought.sid}`,
    });
    expect(
      await rejection(t.client.incomingPhoneNumbers.create({ phoneNumber: "501-712-2664" })),
    ).toMatchObject({
      status: 400,
      code: 21421,
    });
    expect(await rejection(t.client.incomingPhoneNumbers.create({ areaCode: "501" }))).toMatchObject({
      status: 400,
      code: 20001,
      message: "The emulator provisions only the number you name: give PhoneNumber, not AreaCode",
    });
    expect(
      await rejection(t.client.incomingPhoneNumbers(bought.sid).update({ smsUrl: "not a url" })),
    ).toMatchObject({
      status: 400,
      code: 20001,
      message: 'Invalid parameter SmsUrl: "not a url" is not an http(s) URL',
    });
    expect(
      await rejection(t.client.incomingPhoneNumbers(bought.sid).update({ smsMethod: "PUT" })),
    ).toMatchObject({
      status: 400,
      code: 20001,
    });
    expect(await t.client.incomingPhoneNumbers(bought.sid).remove()).toBe(true);
    expect(await rejection(t.client.incomingPhoneNumbers(bought.sid).fetch())).toMatchObject({
      status: 404,
      code: 20404,
    });
    const proto = await t.raw(
      "GET",
      `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/__proto__.json`,
    );
    expect(proto).toMatchObject({ status: 404, json: { code: 20404 } });
  });

  it("keeps its numbers in the state file, and --number adds none twice", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-numbers-")), "state.json");
    const first = await withEmulator({ stateFile: file, numbers: [number] });
    const [n] = await first.client.incomingPhoneNumbers.list();
    await first.client.incomingPhoneNumbers(n!.sid).update({ smsUrl: "https://example.com/kept" });
    await first.emulator.close();
    const second = await withEmulator({ stateFile: file, numbers: [number, other] });
    try {
      const numbers = await second.client.incomingPhoneNumbers.list();
      expect(numbers.map((x) => [x.sid === n!.sid, x.phoneNumber, x.smsUrl])).toEqual([
        [true, number, "https://example.com/kept"],
        [false, other, ""],
      ]);
    } finally {
      await second.emulator.close();
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DevSession, devPage } from "../../src/dev";
import { projectDir } from "../support/fixtures";

// The dev server without a browser: its API's guards, a project it cannot read, drafts, and a
// restart that picks up where it was.

const generated = path.join(__dirname, "..", ".generated");
fs.mkdirSync(generated, { recursive: true });
const copies: string[] = [];
const copy = (files: Record<string, string> = {}) => {
  const dir = fs.mkdtempSync(path.join(generated, "dev-session-"));
  fs.cpSync(projectDir, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  copies.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

async function session(dir: string, port = 0) {
  const lines: string[] = [];
  const dev = await DevSession.start({
    projectDir: dir,
    port,
    log: (l) => lines.push(l),
    extension: devPage,
  });
  return { dev, lines };
}

describe("the page's API", () => {
  it("takes JSON from its own page only, and answers a bad request in one line", async () => {
    const { dev } = await session(copy());
    const post = (
      action: string,
      body: string,
      headers: Record<string, string> = { "Content-Type": "application/json" },
    ) =>
      fetch(`${dev.url}/dev/api/${action}`, { method: "POST", headers, body }).then(async (r) => [
        r.status,
        ((await r.json()) as { message?: string }).message,
      ]);
    const message = JSON.stringify({
      flow: "do-you-like-bots",
      channel: "address:+15005550006",
      contact: "+15551230000",
      body: "hi",
    });
    expect(await post("message", message, { "Content-Type": "text/plain" })).toEqual([
      403,
      "send JSON from the dev page itself",
    ]);
    expect(
      await post("message", message, { "Content-Type": "application/json", Origin: "https://evil.example" }),
    ).toEqual([403, "send JSON from the dev page itself"]);
    expect(await post("message", "{ not json")).toEqual([400, "the request body is not JSON"]);
    expect(await post("message", JSON.stringify({ flow: "do-you-like-bots" }))).toEqual([
      400,
      "channel: Invalid input: expected string, received undefined",
    ]);
    expect(await post("message", message.replace("do-you-like-bots", "nope"))).toEqual([
      400,
      'no flow named "nope" in this project',
    ]);
    expect(await post("clock", JSON.stringify({ seconds: -1 }))).toEqual([
      400,
      "advance the clock by a number of seconds from 1 to 31622400",
    ]);
    expect(await post("frobnicate", "{}")).toEqual([404, "no POST /dev/api/frobnicate here"]);
    expect(await post("message", message)).toEqual([200, undefined]);
    // The Twilio API beside it still wants credentials.
    expect((await fetch(`${dev.url}/v2/Flows`)).status).toBe(401);
    await dev.close();
  });

  it("finds nothing by the names every plain object has: an action, a flow, a channel, a contact", async () => {
    const { dev } = await session(copy());
    const post = (action: string, body: Record<string, unknown>) =>
      fetch(`${dev.url}/dev/api/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => [r.status, ((await r.json()) as { message?: string }).message]);
    const flow = "do-you-like-bots";
    const sent = { flow, channel: "address:+15005550006", contact: "+15551230009", body: "hi" };
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      expect(await post(name, {})).toEqual([404, `no POST /dev/api/${name} here`]);
      expect(await post("message", { ...sent, flow: name })).toEqual([
        400,
        `no flow named "${name}" in this project`,
      ]);
      const channel = await post("message", { ...sent, channel: name });
      expect(channel[0], `channel ${name}`).toBe(400);
      expect(await post("message", { ...sent, contact: name })).toEqual([200, undefined]);
      const listed = await fetch(`${dev.url}/dev/api/executions?flow=${name}&contact=${name}`);
      expect([listed.status, await listed.json()]).toEqual([200, []]);
    }
    await dev.close();
  });

  it("says why a draft flow does not run for the page's contact", async () => {
    const { dev } = await session(copy());
    await expect(
      dev.send({ flow: "opening-hours", channel: "direct:incomingCall", contact: "+15551230001", body: "" }),
    ).rejects.toThrow(/has no published revision for \+15551230001 to run; publish it \(Status=published\)/);
    await dev.close();
  });
});

describe("numbers", () => {
  it("gives the local account the project's numbers, and calls them as a phone would", async () => {
    const dir = copy();
    const stack = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(stack, fs.readFileSync(stack, "utf8").replace("status: draft", "status: published"));
    const { dev } = await session(dir);
    const hours = dev.project().flows.find((f) => f.name === "opening-hours")!;
    expect(hours.channels.map((c) => [c.id, c.label])).toEqual([
      ["call:+15017122661", "Call +15017122661"],
      ["direct:incomingCall", "Call (voice)"],
    ]);
    await dev.send({
      flow: "opening-hours",
      channel: "call:+15017122661",
      contact: "+15551230002",
      body: "",
    });
    await dev.call({
      flow: "opening-hours",
      channel: "call:+15017122661",
      contact: "+15551230002",
      action: "press",
      value: "1",
    });
    const [run] = dev.executions("opening-hours", "+15551230002");
    expect(
      run?.transcript.filter((e) => e.kind === "say").map((e) => (e.kind === "say" ? e.text : "")),
    ).toEqual(["For our opening hours, press 1.", "We are open nine to five, Monday to Friday."]);
    expect([...dev.emulator.store.calls.values()].map((c) => [c.from, c.to])).toEqual([
      ["+15551230002", "+15017122661"],
    ]);
    await dev.close();
  });
});

describe("the project", () => {
  it("shows a project it cannot read on the page and in the terminal", async () => {
    const dir = copy({ "Pulumi.dev.yaml": "config:\n  studiokit:flows:\n    - file: flows/missing.ts\n" });
    const { dev, lines } = await session(dir);
    expect(dev.project()).toMatchObject({
      flows: [],
      error: "stack config studiokit:flows[0].file: flows/missing.ts: no such file",
    });
    expect(lines).toEqual([
      "studiokit dev: stack config studiokit:flows[0].file: flows/missing.ts: no such file",
    ]);
    await dev.close();
  });

  it("picks up where it was after a restart: the same flows, no new revision", async () => {
    const dir = copy();
    const first = await session(dir);
    const sids = first.dev.project().flows.map((f) => f.deployed);
    // The same port, as `studiokit dev` keeps (4010): flows' webhook URLs are the local Twilio's.
    const port = first.dev.emulator.port;
    await first.dev.close();
    const second = await session(dir, port);
    expect(second.dev.project().flows.map((f) => f.deployed)).toEqual(sids);
    expect(second.lines).toEqual([]);
    expect(fs.existsSync(path.join(dir, ".studiokit", "state.json"))).toBe(true);
    await second.dev.close();
  });

  it("deletes a flow's resources when the project drops it", async () => {
    const dir = copy();
    const { dev, lines } = await session(dir);
    const stack = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(
      stack,
      fs.readFileSync(stack, "utf8").replace(/\n {4}- file: flows\/opening-hours\.ts[\s\S]*$/, "\n"),
    );
    await dev.reload();
    expect(dev.project().flows.map((f) => f.name)).toEqual(["do-you-like-bots"]);
    expect(lines.at(-1)).toBe(
      "studiokit dev: deleted opening-hours-flow, which the project no longer declares",
    );
    expect([...dev.emulator.store.flows.values()].map((f) => f.revisions.at(-1)?.friendly_name)).toEqual([
      "Do you like bots?",
    ]);
    await dev.close();
  });
});

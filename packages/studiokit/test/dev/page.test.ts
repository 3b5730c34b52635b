import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, runDev } from "../../src/cli";
import { projectDir } from "../support/fixtures";

// `studiokit dev` in a real browser (Debian's chromium through playwright-core; .ci/run installs
// it): the command started as the CLI starts it, on a copy of the kit's test project, and the page
// driven as a user drives it, keyboard and mouse.

const generated = path.join(__dirname, "..", ".generated");
fs.mkdirSync(generated, { recursive: true });
// Inside the package, so the copy's flows resolve `studiokit` as the project's own do.
const project = fs.mkdtempSync(path.join(generated, "dev-page-"));
fs.cpSync(projectDir, project, { recursive: true });
// The test project keeps its voice flow a draft, which runs for test users only: publish it here.
const stackFile = path.join(project, "Pulumi.dev.yaml");
fs.writeFileSync(stackFile, fs.readFileSync(stackFile, "utf8").replace("status: draft", "status: published"));
const flowFile = path.join(project, "flows", "do-you-like-bots.ts");
const original = fs.readFileSync(flowFile, "utf8");
/** Where the screenshots go: docs/images when asked for (npm run screenshots), else beside the copy. */
const shots = process.env["STUDIOKIT_SCREENSHOTS"] ?? project;

let stop: () => void;
let finished: Promise<number>;
let url: string;
let log = "";
let browser: Browser;
let page: Page;

beforeAll(async () => {
  let printed = "";
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  finished = runDev(
    ["--port", "0", "--no-open"],
    {
      stdout: (text) => (printed += text),
      stderr: (text) => (log += text),
      cwd: project,
    },
    stopped,
  );
  for (let i = 0; i < 200 && !/http:\/\/127\.0\.0\.1:\d+/.test(printed); i++)
    await new Promise((r) => setTimeout(r, 50));
  url = /http:\/\/127\.0\.0\.1:\d+/.exec(printed)![0];
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  stop?.();
  await finished;
  fs.rmSync(project, { recursive: true, force: true });
});

const send = async (text: string) => {
  await page.getByLabel("Message").fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
};
const bubbles = () => page.locator("#bubbles li").allTextContents();

describe("studiokit dev in the browser", () => {
  it("talks to the tutorial and marks the path it took", async () => {
    await page.goto(`${url}/?flow=do-you-like-bots`);
    await expect.poll(() => page.locator("#flow-title").textContent()).toBe("Flow: Do you like bots?");
    await send("hi");
    await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
    await send("yes");
    await page.getByText("🤖", { exact: true }).waitFor();
    expect(await bubbles()).toEqual([
      "hi",
      "Hi, do you like bots?",
      "yes",
      "🤖",
      "ended: send_message_2 took sent, which leads nowhere",
    ]);
    expect(await page.locator(".node.current").getAttribute("data-widget")).toBe("send_message_2");
    const taken = await page
      .locator(".edge.taken")
      .evaluateAll((edges) =>
        edges.map((e) => `${e.getAttribute("data-from")}→${e.getAttribute("data-to")}`),
      );
    expect(taken).toEqual(["Trigger→send_and_reply_1", "send_and_reply_1→split_1", "split_1→send_message_2"]);
    expect(await page.locator("#steps li").allTextContents()).toEqual([
      "Trigger —incomingConversationMessage→ send_and_reply_1",
      "send_and_reply_1 —incomingMessage→ split_1",
      "split_1 —match→ send_message_2",
      "send_message_2 —sent→ Ended",
    ]);
    expect(await page.locator("#context").textContent()).toContain('"Body": "yes"');
    await page.screenshot({ path: path.join(shots, "dev-page.png") });
  });

  it("labels every control and works from the keyboard alone", async () => {
    const unlabeled = await page.locator("input, select, button, textarea").evaluateAll((controls) =>
      controls
        .filter((c) => !c.closest("[hidden]"))
        .filter((c) => {
          const labelled = (c as unknown as { labels?: { length: number } }).labels?.length ?? 0;
          return labelled === 0 && !c.getAttribute("aria-label") && (c.textContent ?? "").trim() === "";
        })
        .map((c) => c.outerHTML),
    );
    expect(unlabeled).toEqual([]);
    await page.getByLabel("Channel").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // New contact: an empty conversation
    await expect.poll(bubbles).toEqual([]);
    await page.keyboard.press("Tab");
    await page.keyboard.type("no");
    await page.keyboard.press("Enter");
    await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
    await page.keyboard.type("no");
    await page.keyboard.press("Enter");
    await page.getByText("👽", { exact: true }).waitFor();
    expect(await page.locator(".node.current").getAttribute("data-widget")).toBe("send_message_3");
  });

  it("redeploys a flow file saved on disk, and the page follows without a reload", async () => {
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    await page.getByRole("button", { name: "New contact" }).click();
    await send("hi");
    await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
    fs.writeFileSync(flowFile, original.replace('{ body: "🤖" }', '{ body: "🤖 beep" }'));
    await expect
      .poll(() => page.locator("#flow-meta").textContent(), { timeout: 10_000 })
      .toMatch(/revision 2$/);
    expect(await page.locator('.node[data-widget="send_message_2"] .detail').textContent()).toBe("“🤖 beep”");
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    // As at Studio, the execution that was running goes on with the revision it started on.
    await send("yes");
    await page.getByText("🤖", { exact: true }).waitFor();
    await page.getByRole("button", { name: "New contact" }).click();
    await send("hi");
    await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
    await send("yes");
    await page.getByText("🤖 beep", { exact: true }).waitFor();
    expect(log).toMatch(
      /flows\/do-you-like-bots\.ts → FW[0-9a-f]{32} revision 2 \(update do-you-like-bots-flow\)/,
    );
  });

  it("shows a broken flow file's error, deploys nothing, and recovers when it is fixed", async () => {
    fs.writeFileSync(
      flowFile,
      original.replace('sendMessage("send_message_2"', 'sendMessage("send_message_1"'),
    );
    const problem = page.getByRole("alert");
    await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toContain("send_message_1");
    expect(await problem.textContent()).toMatch(/^flows\/do-you-like-bots\.ts: widget "send_message_1"/);
    expect(await page.locator("#flow-meta").textContent()).toMatch(/revision 2$/);
    expect(log).toContain("flows/do-you-like-bots.ts not deployed; the last good version keeps running");
    fs.writeFileSync(flowFile, original);
    await expect.poll(() => problem.isHidden(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => page.locator("#flow-meta").textContent(), { timeout: 10_000 })
      .toMatch(/revision 3$/);
  });

  it("calls a voice flow: keypad, speech, hang-up and what the flow says", async () => {
    await page.goto(`${url}/?flow=opening-hours`);
    await page.getByLabel("Channel").selectOption({ label: "Call (voice)" });
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await page.getByText("🔊 For our opening hours, press 1.", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Press 1" }).click();
    await page.getByText("🔊 We are open nine to five, Monday to Friday.", { exact: true }).waitFor();
    expect(await bubbles()).toEqual([
      "You called",
      "🔊 For our opening hours, press 1.",
      "pressed 1",
      "🔊 We are open nine to five, Monday to Friday.",
      "ended: hours took audioComplete, which leads nowhere",
    ]);
    expect(await page.locator(".node.current").getAttribute("data-widget")).toBe("hours");
    await page.screenshot({ path: path.join(shots, "dev-page-voice.png") });
    await page.getByRole("button", { name: "New contact" }).click();
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await page.getByText("🔊 For our opening hours, press 1.", { exact: true }).waitFor();
    await page.getByLabel("Speech").fill("opening hours please");
    await page.getByRole("button", { name: "Speak" }).click();
    await page.getByText("said “opening hours please”", { exact: true }).waitFor();
    await page.getByRole("button", { name: "New contact" }).click();
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await page.getByText("🔊 For our opening hours, press 1.", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Hang up" }).click();
    await page.getByText("You hung up", { exact: true }).waitFor();
    expect(await bubbles()).toEqual([
      "You called",
      "🔊 For our opening hours, press 1.",
      "You hung up",
      "the caller hung up",
    ]);
  });

  it("answers a flow's HTTP requests from its scenario file's mocks, and tells what failed", async () => {
    fs.writeFileSync(
      path.join(project, "flows", "order-status.ts"),
      [
        'import { flow, liquid, makeHttpRequest, sendMessage } from "studiokit";',
        'const lookup = makeHttpRequest<{ state: string }>("lookup", { method: "GET", url: "http://127.0.0.1:9/orders/42" });',
        'lookup.on("success", sendMessage("found", { body: liquid`Your order is ${lookup.parsed.state}.` }));',
        'lookup.on("failed", sendMessage("sorry", { body: "Sorry, try again later." }));',
        "export default flow({ on: { incomingMessage: lookup } });",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(project, "flows", "order-status.scenarios.yaml"),
      [
        "flow: ./order-status.ts",
        "scenarios:",
        "  - name: shipped",
        '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15005550006", body: "where is it" }',
        "    mocks: { http: [{ url: 'http://127.0.0.1:9/orders/*', status: 200, body: { state: shipped } }] }",
        "    steps:",
        '      - expect: { send: "Your order is shipped.", ended: true }',
        "",
      ].join("\n"),
    );
    fs.appendFileSync(path.join(project, "Pulumi.dev.yaml"), "    - file: flows/order-status.ts\n");
    await page.goto(`${url}/?flow=order-status`);
    await expect
      .poll(() => page.locator("#flow-title").textContent(), { timeout: 10_000 })
      .toBe("Flow: order-status");
    await send("where is it");
    await page.getByText("Sorry, try again later.", { exact: true }).waitFor();
    expect(await page.locator("#notices li").allTextContents()).toEqual(['widget "lookup": fetch failed']);
    await page.getByLabel("HTTP and Function answers").selectOption({ label: "Mocks of scenario “shipped”" });
    await page.getByRole("button", { name: "New contact" }).click();
    await send("where is it");
    await page.getByText("Your order is shipped.", { exact: true }).waitFor();
  });

  it("saves what just happened as a scenario that studiokit test passes", async () => {
    await page.goto(`${url}/?flow=do-you-like-bots`);
    await page.getByRole("button", { name: "New contact" }).click();
    await send("hello");
    await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
    await page.getByLabel("Advance the clock by (seconds)").fill("3600");
    await page.getByRole("button", { name: "Advance time" }).click();
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/ended$/);
    await page.getByLabel("Scenario name").fill("saved from the page: silence");
    await page.getByRole("button", { name: "Save as scenario" }).click();
    await expect
      .poll(() => page.locator("#saved").textContent())
      .toBe("Saved “saved from the page: silence” to flows/do-you-like-bots.scenarios.yaml.");
    const saved = fs.readFileSync(path.join(project, "flows", "do-you-like-bots.scenarios.yaml"), "utf8");
    expect(saved.slice(saved.indexOf('  - name: "saved from the page: silence"'))).toMatch(
      /^ {2}- name: "saved from the page: silence"\n {4}trigger: \{ event: "incomingConversationMessage", from: "\+1555\d{7}", to: "\+15005550006", body: "hello" \}\n {4}steps:\n {6}- expect: \{ send: "Hi, do you like bots\?" \}\n {6}- wait: 3600\n {6}- expect: \{ ended: true \}\n$/,
    );
    let out = "";
    const code = await main(["test", "flows/do-you-like-bots.scenarios.yaml"], {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      cwd: project,
    });
    expect([code, out]).toEqual([0, "5 passed, 0 failed\n"]);
  });
});

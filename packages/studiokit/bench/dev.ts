// `npm run bench -- dev`: what a flow author waits for on the `studiokit dev` page, in a real
// browser on loopback. Page ready (first contentful paint, and the flow drawn with its controls
// live), a message's reply on the page (p50/p99), and save → redeployed → page updated.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { runDev } from "../src/cli";
import { projectDir } from "../test/support/fixtures";
import { median } from "./stats";

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export async function devBench(): Promise<void> {
  const messages = Number(process.env["BENCH_MESSAGES"] ?? 100);
  const saves = Number(process.env["BENCH_SAVES"] ?? 10);
  const generated = path.join(__dirname, "..", "test", ".generated");
  fs.mkdirSync(generated, { recursive: true });
  const project = fs.mkdtempSync(path.join(generated, "bench-dev-"));
  fs.cpSync(projectDir, project, { recursive: true });
  let printed = "";
  let stop!: () => void;
  const finished = runDev(
    ["--port", "0", "--no-open"],
    { stdout: (t) => (printed += t), stderr: () => undefined, cwd: project },
    new Promise<void>((resolve) => (stop = resolve)),
  );
  while (!/http:\/\/127\.0\.0\.1:\d+/.test(printed)) await new Promise((r) => setTimeout(r, 20));
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(printed)![0];
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
  try {
    const ready: number[] = [];
    const paints: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await browser.newPage();
      const start = performance.now();
      await page.goto(`${url}/?flow=do-you-like-bots`);
      await page.locator('.node[data-widget="Trigger"]').waitFor();
      await page.getByLabel("Channel").locator("option").first().waitFor({ state: "attached" });
      ready.push(performance.now() - start);
      paints.push(
        await page.evaluate(
          () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
        ),
      );
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`${url}/?flow=do-you-like-bots`);
    await page.locator('.node[data-widget="Trigger"]').waitFor();
    const replies: number[] = [];
    for (let i = 0; i < messages; i++) {
      await page.getByRole("button", { name: "New contact" }).click();
      await page.getByLabel("Message").fill("hi");
      const start = performance.now();
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.getByText("Hi, do you like bots?", { exact: true }).waitFor();
      replies.push(performance.now() - start);
    }
    const file = path.join(project, "flows", "do-you-like-bots.ts");
    const original = fs.readFileSync(file, "utf8");
    const redeploys: number[] = [];
    for (let i = 1; i <= saves; i++) {
      const start = performance.now();
      fs.writeFileSync(file, original.replace('{ body: "🤖" }', `{ body: "🤖 ${i}" }`));
      await page
        .locator("#flow-meta")
        .filter({ hasText: `revision ${i + 1}` })
        .waitFor();
      redeploys.push(performance.now() - start);
    }
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    process.stdout.write(
      [
        `dev page on loopback (chromium ${browser.version()}):`,
        `  page ready (navigation → flow drawn, controls filled): median ${ms(median(ready))} of ${ready.length}; first contentful paint median ${ms(median(paints))}`,
        `  message → reply on the page: p50 ${ms(percentile(replies, 50))}, p99 ${ms(percentile(replies, 99))} (${messages} messages)`,
        `  save → redeployed → page updated: median ${ms(median(redeploys))}, max ${ms(Math.max(...redeploys))} (${saves} saves; 120 ms of it is the watcher's debounce)`,
        "",
      ].join("\n"),
    );
  } finally {
    await browser.close();
    stop();
    await finished;
    fs.rmSync(project, { recursive: true, force: true });
  }
}

import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { type Flow } from "../../src/builder";
import { compileWithIssues } from "../../src/compiler";
import { canonicalJson, parseFlowDefinition, type FlowDefinition } from "../../src/definition";
import { type FlowRecord } from "../../src/emulator";
import { parseProjectConfig } from "../../src/project";
import { validateDefinition } from "../../src/validator";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { legacyFlowFile, realFlows, seedFlowPath } from "../support/fixtures";
import { repoRoot, runCli } from "../support/run-cli";

// `studiokit pull` against the local Twilio, flows put there through the twilio library: every
// real-flow fixture (the v1 legacy export cannot be made in Studio v2, so it is left out), flows
// whose names collide or make no file name, numbers and an address configuration wired to them.
// Each pull round-trips to the live definitions; --check reports exactly the widgets edited.

/** Gitignored and inside the package, so a pulled module's `import … from "studiokit"` resolves. */
const generated = path.join(repoRoot, "test", ".generated", "pull");
const rel = (dir: string) => path.relative(repoRoot, dir).split(path.sep).join("/");
const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;
const sms = "+15017122661";
const voice = "+15017122662";

let t: TestEmulator;
/** Every flow of the account by SID, as created. */
const created = new Map<string, { name: string; definition: FlowDefinition }>();
const sidOf = (name: string) => [...created].find(([, f]) => f.name === name)![0];
let orders = "";
let ivr = "";

/**
 * Two real flows read a widget that does not exist in Liquid; Studio took them (they were
 * published), the local Twilio's validation refuses them: they go into its store as an account
 * would hold them.
 */
function putInStore(name: string, definition: FlowDefinition): string {
  const sid =
    "FW" +
    [...name]
      .reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
      .toString(16)
      .padStart(32, "0");
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const record: FlowRecord = {
    sid,
    account_sid: accountSid,
    date_created: now,
    date_updated: null,
    test_users: [],
    revisions: [
      {
        revision: 1,
        friendly_name: name,
        definition,
        status: "published",
        commit_message: null,
        author_sid: null,
        valid: true,
        errors: [],
        warnings: [],
        date_created: now,
        date_updated: null,
      },
    ],
  };
  t.emulator.store.flows.set(sid, record);
  return sid;
}

async function deploy(name: string, definition: FlowDefinition, status: "draft" | "published" = "published") {
  const errors = validateDefinition(definition).filter((i) => i.severity === "error");
  const sid =
    errors.length > 0
      ? putInStore(name, definition)
      : (await t.client.studio.v2.flows.create({ friendlyName: name, status, definition })).sid;
  created.set(sid, { name, definition });
  return sid;
}

beforeAll(async () => {
  fs.rmSync(generated, { recursive: true, force: true });
  t = await withEmulator({ numbers: [sms, voice] });
  for (const fixture of realFlows().filter((f) => f.file !== legacyFlowFile)) {
    const parsed = parseFlowDefinition(fixture.json);
    if (!parsed.ok) throw new Error(`${fixture.file} does not parse`);
    await deploy(fixture.file.replace(/\.json$/, "").replace(/--/g, " / "), parsed.value);
  }
  // Names that collide, and names that make no file name.
  for (const name of ["Support", "support!", "Support", "🤖🤖", "CON"]) await deploy(name, seed);
  await deploy("Drafts", seed, "draft");
  orders = sidOf("anthonywong555 / Twilio-SMS-Trivia / trivia-flow");
  ivr = sidOf("mbarry-owl / OrderLookupIVR / flow");
  const webhook = (sid: string) => `https://webhooks.twilio.com/v1/Accounts/${accountSid}/Flows/${sid}`;
  const numbers = await t.client.incomingPhoneNumbers.list();
  await t.client
    .incomingPhoneNumbers(numbers[0]!.sid)
    .update({ smsUrl: webhook(orders), voiceUrl: webhook(ivr) });
  await t.client.incomingPhoneNumbers(numbers[1]!.sid).update({ voiceUrl: webhook(ivr) });
  await t.client.conversations.v1.addressConfigurations.create({
    type: "whatsapp",
    address: "whatsapp:+15005550006",
    friendlyName: "Trivia on WhatsApp",
    "autoCreation.enabled": true,
    "autoCreation.type": "studio",
    "autoCreation.studioFlowSid": orders,
    "autoCreation.studioRetryCount": 1,
  });
}, 60_000);
afterAll(async () => {
  await t.emulator.close();
  fs.rmSync(generated, { recursive: true, force: true });
});
afterEach(() => vi.unstubAllEnvs());

function credentials() {
  vi.stubEnv("TWILIO_ACCOUNT_SID", accountSid);
  vi.stubEnv("TWILIO_AUTH_TOKEN", authToken);
  vi.stubEnv("TWILIO_API_KEY", "");
  vi.stubEnv("TWILIO_API_SECRET", "");
  vi.stubEnv("TWILIO_API_BASE_URL", "");
}

const pull = (...args: string[]) => runCli(["pull", "--api-base-url", t.emulator.url, ...args]);

/** Every module in `dir` compiled, by file name. */
async function compiledIn(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir).sort()) {
    const module = (await import(path.join(dir, file))) as { default: Flow };
    out.set(file, canonicalJson(compileWithIssues(module.default).definition));
  }
  return out;
}

/** The stack settings a pull printed, parsed as the project room reads them. */
function printedEntries(stdout: string) {
  const flows = (parse(stdout) as { config: Record<string, unknown> }).config["studiokit:flows"];
  return parseProjectConfig({ flows }).flows!;
}

describe("studiokit pull", () => {
  it("--all: every flow round-trips to its live definition; names collide into stable suffixes; the settings adopt each with its wiring", async () => {
    credentials();
    const dir = path.join(generated, "all");
    const run = await pull("--all", "--out", rel(dir));
    expect(run.stderr.split("\n").filter((l) => l.startsWith("studiokit pull:"))).toEqual([]);
    expect(run.code).toBe(0);
    const suffix = (name: string) => sidOf(name).slice(-6);
    // Of the flows named "support", the oldest keeps the plain name (ties: the lower SID).
    const supports = await Promise.all(
      [...created]
        .filter(([, f]) => ["Support", "support!"].includes(f.name))
        .map(([sid]) => t.client.studio.v2.flows(sid).fetch()),
    );
    const [, ...suffixed] = supports.sort(
      (a, b) => a.dateCreated.getTime() - b.dateCreated.getTime() || a.sid.localeCompare(b.sid),
    );
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(
      [
        "anthonywong555-level-up-your-salesforce-contact-center-with",
        "anthonywong555-twilio-scaling-landlines-customer-flow",
        "anthonywong555-twilio-studio-sms-forwarding-sms-flow",
        "anthonywong555-twilio-sms-trivia-trivia-flow",
        `con-${suffix("CON")}`,
        "drafts",
        `flow-${suffix("🤖🤖")}`,
        "guvarallo-frontline-airtable-studio-bot-studio-flow",
        "luisleao-workshop-genai-imagem-whatsapp-final",
        "mbarry-owl-orderlookupivr-flow",
        "neri78-twilio-studio-flow-execution-studioflow",
        "rjpearson94-twilio-sdk-go-flowtrigger",
        "support",
        ...suffixed.map((f) => `support-${f.sid.slice(-6)}`),
        "todd-twilio-global-connect-passport-twilio-studio-flow",
        "twilio-labs-function-templates-covid-vaccine-faq-bot",
        "twilio-labs-function-templates-patient-appointment",
        "twilio-labs-function-templates-vaccine-standby",
        "twilio-labs-sample-flows-github-actions-webinar-flow",
        "twilio-professional-services-flex-project-template-callback",
        "twilio-professional-services-flex-project-template-messaging",
        "twilio-professional-services-flex-project-template-schedule",
        "twilio-twilio-webchat-react-app-studio-flow",
      ]
        .map((f) => `${f}.ts`)
        .sort(),
    );
    expect(created.size).toBe(24);

    const entries = printedEntries(run.stdout);
    expect(entries).toHaveLength(24);
    const compiled = await compiledIn(dir);
    for (const entry of entries) {
      const flow = created.get(entry.adoptSid!)!;
      expect(entry.friendlyName).toBe(flow.name);
      expect(compiled.get(path.basename(entry.file)), entry.file).toBe(canonicalJson(flow.definition));
    }
    const entryOf = (sid: string) => entries.find((e) => e.adoptSid === sid)!;
    expect(entryOf(orders)).toEqual({
      file: `${rel(dir)}/anthonywong555-twilio-sms-trivia-trivia-flow.ts`,
      friendlyName: "anthonywong555 / Twilio-SMS-Trivia / trivia-flow",
      status: "published",
      validateWithTwilio: false,
      strict: false,
      adoptSid: orders,
      numbers: [{ number: sms, sms: true, voice: false }],
      addresses: [
        {
          type: "whatsapp",
          address: "+15005550006",
          friendlyName: "Trivia on WhatsApp",
          studioRetryCount: 1,
          conversationServiceSid: t.emulator.store.configuration.default_chat_service_sid,
        },
      ],
      conversations: [],
    });
    expect(entryOf(ivr).numbers).toEqual([
      { number: sms, sms: false, voice: true },
      { number: voice, sms: false, voice: true },
    ]);
    expect(entryOf(sidOf("Drafts")).status).toBe("draft");
    // The printed block is what a stack file holds: stable, commented, numbers quoted.
    expect(run.stdout).toContain(`      numbers:\n        - number: "${sms}"\n          sms: true\n`);

    // A second pull names every flow the same and finds every module unchanged.
    const again = await pull("--all", "--out", rel(dir));
    expect(again.code).toBe(0);
    expect(again.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("unchanged "))).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
  }, 120_000);

  it("one flow, or several, by SID: only those, each round-tripping", async () => {
    credentials();
    const one = path.join(generated, "one");
    const run = await pull("--flow", ivr, "--out", rel(one));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `wrote ${rel(one)}/mbarry-owl-orderlookupivr-flow.ts (${ivr}, "mbarry-owl / OrderLookupIVR / flow", revision 1)\n`,
    );
    expect([...(await compiledIn(one)).values()]).toEqual([canonicalJson(created.get(ivr)!.definition)]);
    const several = path.join(generated, "several");
    const picked = [orders, sidOf("luisleao / workshop-genai-imagem-whatsapp / final"), sidOf("Support")];
    const many = await pull(...picked.flatMap((sid) => ["--flow", sid]), "--out", rel(several));
    expect(many.code).toBe(0);
    expect(printedEntries(many.stdout).map((e) => e.adoptSid)).toEqual(picked);
    expect([...(await compiledIn(several)).values()].sort()).toEqual(
      picked.map((sid) => canonicalJson(created.get(sid)!.definition)).sort(),
    );
  }, 60_000);

  it("--check reports exactly the widgets edited through the API, and writes nothing", async () => {
    credentials();
    const dir = path.join(generated, "check");
    expect((await pull("--all", "--out", rel(dir))).code).toBe(0);
    const clean = await pull("--all", "--out", rel(dir), "--check");
    expect(clean.code).toBe(0);
    expect(
      clean.stdout
        .split("\n")
        .filter((l) => l.includes(" (FW"))
        .every((l) => l.endsWith(": no drift")),
    ).toBe(true);
    // Two widgets of the trivia flow edited in the account, as a console edit would.
    const live = (await t.client.studio.v2.flows(orders).fetch()).definition as FlowDefinition;
    const edited = live.states.filter((s) => typeof s.properties["body"] === "string").slice(0, 2);
    expect(edited).toHaveLength(2);
    const changed = {
      ...live,
      states: live.states.map((s) =>
        edited.includes(s)
          ? { ...s, properties: { ...s.properties, body: `${String(s.properties["body"])}!` } }
          : s,
      ),
    };
    await t.client.studio.v2.flows(orders).update({ status: "published", definition: changed });
    const before = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    const drift = await pull("--all", "--out", rel(dir), "--check");
    expect(drift.code).toBe(1);
    const report = drift.stdout.split(/\n(?=\S+\.ts \(FW)/);
    const differs = report.filter((r) => !r.trimEnd().endsWith(": no drift"));
    expect(differs).toHaveLength(1);
    expect(differs[0]!.split("\n")[0]).toBe(
      `${rel(dir)}/anthonywong555-twilio-sms-trivia-trivia-flow.ts (${orders}, "anthonywong555 / Twilio-SMS-Trivia / trivia-flow", revision 2): live differs from the code (before: the code, after: live)`,
    );
    expect([...differs[0]!.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1]).sort()).toEqual(
      edited.map((s) => s.name).sort(),
    );
    expect(differs[0]).toContain("**Widgets:** 2 changed");
    expect(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"))).toEqual(before);
    // A flow without its module drifts too.
    fs.rmSync(path.join(dir, "drafts.ts"));
    const missing = await pull("--flow", sidOf("Drafts"), "--out", rel(dir), "--check");
    expect([missing.code, missing.stdout]).toEqual([
      1,
      `${rel(dir)}/drafts.ts (${sidOf("Drafts")}, "Drafts", revision 1): not in the code; studiokit pull writes it\n\n`,
    ]);
    await t.client.studio.v2.flows(orders).update({ status: "published", definition: live });
  }, 120_000);

  it("keeps a module that differs unless --force", async () => {
    credentials();
    const dir = path.join(generated, "force");
    expect((await pull("--flow", ivr, "--out", rel(dir))).code).toBe(0);
    const file = path.join(dir, "mbarry-owl-orderlookupivr-flow.ts");
    fs.appendFileSync(file, "// my edit\n");
    const kept = await pull("--flow", ivr, "--out", rel(dir));
    expect([kept.code, kept.stdout, kept.stderr]).toEqual([
      1,
      "",
      `studiokit pull: ${rel(file)}: exists and differs from ${ivr}; see studiokit pull --check, or pass --force to overwrite it\n`,
    ]);
    expect(fs.readFileSync(file, "utf8")).toContain("// my edit");
    expect((await pull("--flow", ivr, "--out", rel(dir), "--force")).code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).not.toContain("// my edit");
  }, 60_000);

  it("pages through a long list of flows", async () => {
    const own = await withEmulator();
    try {
      for (let i = 0; i < 57; i++)
        await own.client.studio.v2.flows.create({
          friendlyName: `Flow ${i}`,
          status: "published",
          definition: seed,
        });
      credentials();
      const dir = path.join(generated, "paged");
      const run = await runCli(["pull", "--all", "--out", rel(dir), "--api-base-url", own.emulator.url]);
      expect(run.code).toBe(0);
      expect(fs.readdirSync(dir)).toHaveLength(57);
      expect(
        own.emulator.requests.log.filter((r) => r.path === "/v2/Flows" && r.method === "GET"),
      ).toHaveLength(2);
    } finally {
      await own.emulator.close();
    }
  }, 120_000);

  it("bad input: one line, exit 2, no stack trace, the token never printed; other flows still come", async () => {
    credentials();
    const dir = rel(path.join(generated, "bad"));
    const missing = "FW" + "0".repeat(32);
    const partial = await pull("--flow", missing, "--flow", ivr, "--out", dir);
    expect([partial.code, partial.stderr.split("\n")[0]]).toEqual([
      2,
      `studiokit pull: ${missing}: no such Studio flow in account ${accountSid}`,
    ]);
    expect(printedEntries(partial.stdout).map((e) => e.adoptSid)).toEqual([ivr]);
    // A flow whose start is not a trigger (Studio would not run it) cannot be imported.
    const broken = putInStore("broken", { ...seed, initial_state: "send_message_1" });
    const unimportable = await pull("--flow", broken, "--flow", ivr, "--out", dir);
    expect([
      unimportable.code,
      unimportable.stderr.split("\n").filter((l) => l.startsWith("studiokit")),
    ]).toEqual([
      2,
      [
        `studiokit pull: ${broken}: cannot be imported: initial_state "send_message_1" is not a trigger widget; a flow starts at its Trigger`,
      ],
    ]);
    expect(printedEntries(unimportable.stdout).map((e) => e.adoptSid)).toEqual([ivr]);

    vi.stubEnv("TWILIO_AUTH_TOKEN", "wrong-token-that-must-never-print");
    const refused = await pull("--all", "--out", dir);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    const noToken = await pull("--all", "--out", dir);
    credentials();
    const runs = [
      refused,
      noToken,
      await pull("--flow", "FW123", "--out", dir),
      await pull("--all", "--flow", ivr, "--out", dir),
      await pull("--out", dir),
      await pull("--all"),
      await runCli(["pull", "--all", "--out", dir, "--api-base-url", "ftp://example.com"]),
    ];
    expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
      [
        2,
        "",
        "studiokit pull: Twilio refused the credentials (HTTP 401): check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET\n",
      ],
      [
        2,
        "",
        "studiokit pull: Twilio auth token missing: set the secret twilio:authToken (pulumi config set --secret twilio:authToken …) or TWILIO_AUTH_TOKEN, or use an API key (twilio:apiKey + twilio:apiSecret)\n",
      ],
      [2, "", 'studiokit pull: --flow "FW123" is not a Studio flow SID (FW followed by 32 hex digits)\n'],
      [2, "", "studiokit pull: give --flow or --all, not both\n"],
      [
        2,
        "",
        `studiokit pull: say which flows: --flow FW… (repeatable) or --all; usage: ${"studiokit pull (--flow FW…... | --all) --out <dir> [--api-base-url <url>] [--check] [--force]   (credentials: TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET)"}\n`,
      ],
      [2, "", "studiokit pull: give --out <dir>: where the flow modules go, such as --out flows\n"],
      [2, "", "studiokit pull: --api-base-url must start with http:// or https://\n"],
    ]);
    for (const r of runs) expect(r.stderr + r.stdout).not.toContain("wrong-token-that-must-never-print");
    expect(fs.existsSync(path.join(generated, "bad", "drafts.ts"))).toBe(false);
  }, 60_000);
});

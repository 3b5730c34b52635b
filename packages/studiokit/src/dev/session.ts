import fs from "node:fs";
import path from "node:path";
import { flowCanvas } from "../codegen";
import { FlowFileError, isCompileError, loadFlowFile } from "../compiler";
import { type FlowDefinition, type TriggerEvent } from "../definition";
import { adaptersFromMocks, type EndReason, type TriggerInput } from "../engine";
import {
  ApiError,
  placeCall,
  receiveInbound,
  startEmulator,
  startFlow,
  statusOf,
  type Emulator,
  type LiveExecution,
  type RequestExtension,
} from "../emulator";
import {
  listProjectFlows,
  ProjectError,
  readProjectSettings,
  type ProjectFlow,
  type ProjectFlowEntry,
} from "../project";
import {
  deployFlowLocally,
  LocalDeployError,
  LocalStack,
  type LocalFlow,
  type LocalStackState,
} from "../providers";
import {
  appendScenario,
  parseScenarioText,
  scenarioYaml,
  ScenarioFileError,
  type ScenarioTrigger,
} from "../testing";
import { formatIssues } from "../validator";
import { type Channel, type DevEvent, type DevExecution, type DevFlow, type DevProject } from "./model";

/** The local account `studiokit dev` runs: made up, never a real one. */
export const devAccount = { accountSid: `AC${"0".repeat(32)}`, authToken: "local-token" } as const;

export interface DevOptions {
  readonly projectDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The local Twilio's state file (default `.studiokit/state.json` in the project). */
  readonly stateFile?: string;
  readonly stack?: string;
  /** One line per deployment, reload and error, for the terminal. */
  readonly log?: (line: string) => void;
  /** Serves the page and its API (http.ts). */
  readonly extension?: (session: DevSession) => RequestExtension;
}

/** A request the session refuses: one line, answered with 400 by the page's API. */
export class DevError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DevError";
  }
}

interface FlowState {
  readonly entry: ProjectFlowEntry;
  readonly errors: readonly string[];
  readonly definition?: FlowDefinition;
  readonly deployed?: LocalFlow;
  /** Resource names its last good deployment declared: kept while the file is broken. */
  readonly resources: readonly string[];
  mocks: string | null;
}

/** How the page started an execution, so it can be written down as a scenario. */
interface Run {
  readonly flow: string;
  readonly trigger: ScenarioTrigger;
  readonly waits: Array<{ after: number; seconds: number }>;
}

const directTriggers = [
  "incomingMessage",
  "incomingConversationMessage",
  "incomingCall",
  "incomingRequest",
] as const;
type DirectTrigger = (typeof directTriggers)[number];

/** Contacts of the page write to this address when a flow is reached directly. */
const directAddress = "+15005550000";

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

function endedText(reason: EndReason | undefined, stopped: boolean): string | undefined {
  if (stopped) return "ended through the API";
  switch (reason?.kind) {
    case undefined:
      return undefined;
    case "finished":
      return `ended: ${reason.widget} took ${reason.event}, which leads nowhere`;
    case "limit":
      return `stopped by Studio's limit ${reason.code} at ${reason.widget}: ${reason.message}`;
    case "noTransition":
      return `ended: ${reason.widget} had ${reason.event}, which it has no transition for`;
    case "hangup":
      return "the caller hung up";
    case "expired":
      return "ended: Studio ends an execution 30 days after it started";
    case "error":
      return `failed${reason.widget !== undefined ? ` at ${reason.widget}` : ""}: ${reason.message}`;
  }
}

/**
 * `studiokit dev`: a local Twilio with the project's flows deployed through the providers, kept
 * in step with the flow files, and what the page does to them (messages, calls, the clock, mocks,
 * scenarios recorded from a run).
 */
export class DevSession {
  readonly #flows = new Map<string, FlowState>();
  readonly #listeners = new Set<(event: DevEvent) => void>();
  readonly #runs = new Map<string, Run>();
  #projectError: string | undefined;
  #reloading: Promise<void> = Promise.resolve();

  private constructor(
    readonly options: DevOptions,
    readonly emulator: Emulator,
    readonly stack: LocalStack,
    private readonly stackFile: string,
  ) {
    emulator.live.onChange((record) => {
      const execution = this.#execution(record);
      if (execution) this.#emit({ type: "execution", execution });
    });
  }

  static async start(options: DevOptions): Promise<DevSession> {
    const dir = path.join(options.projectDir, ".studiokit");
    fs.mkdirSync(dir, { recursive: true });
    const stackFile = path.join(dir, "dev-stack.json");
    // The page is served by the emulator, and needs the session the emulator is part of.
    const ready: { session?: DevSession } = {};
    const extension = options.extension;
    const emulator = await startEmulator({
      ...devAccount,
      numbers: projectNumbers(options),
      port: options.port,
      stateFile: options.stateFile ?? path.join(dir, "state.json"),
      ...(extension
        ? { extension: (req, res, url) => (ready.session ? extension(ready.session)(req, res, url) : false) }
        : {}),
    });
    const state = readStackState(stackFile);
    const stack = new LocalStack({ ...devAccount, apiBaseUrl: emulator.url }, state);
    const session = new DevSession(options, emulator, stack, stackFile);
    ready.session = session;
    await session.reload();
    return session;
  }

  get url(): string {
    return this.emulator.url;
  }

  subscribe(listener: (event: DevEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: DevEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #log(line: string): void {
    this.options.log?.(line);
  }

  /** Reads the project again, deploys what compiles, and tells the page. Reloads never overlap. */
  reload(): Promise<void> {
    this.#reloading = this.#reloading
      .then(() => this.#reload())
      .catch((error: unknown) => {
        this.#projectError = firstLine(error);
        this.#log(`studiokit dev: ${this.#projectError}`);
      });
    return this.#reloading.then(() => this.#emit({ type: "project", project: this.project() }));
  }

  async #reload(): Promise<void> {
    forgetProjectModules(this.options.projectDir);
    let entries: ProjectFlowEntry[];
    try {
      entries = listProjectFlows(
        readProjectSettings(this.options.projectDir, this.options.stack),
        this.options.projectDir,
      );
      this.#projectError = undefined;
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      this.#projectError = error.message;
      this.#log(`studiokit dev: ${error.message}`);
      return;
    }
    // The numbers the project wires are the local account's own: a PhoneNumber never buys one.
    this.emulator.addNumbers(
      entries.flatMap((e) => e.config.numbers.flatMap((n) => (n.number ? [n.number] : []))),
    );
    const keep = new Set<string>();
    const next = new Map<string, FlowState>();
    for (const entry of entries) {
      const before = this.#flows.get(entry.name);
      const state = await this.#load(entry, before);
      next.set(entry.name, state);
      for (const name of state.resources) keep.add(name);
    }
    this.#flows.clear();
    for (const [name, state] of next) this.#flows.set(name, state);
    const removed = await this.stack.prune(keep);
    for (const name of removed)
      this.#log(`studiokit dev: deleted ${name}, which the project no longer declares`);
    fs.writeFileSync(this.stackFile, `${JSON.stringify(this.stack.state(), null, 2)}\n`);
  }

  async #load(entry: ProjectFlowEntry, before: FlowState | undefined): Promise<FlowState> {
    const keep = { entry, mocks: before?.mocks ?? null, resources: before?.resources ?? [] };
    let definition: FlowDefinition;
    try {
      definition = loadFlowFile(entry.file, this.options.projectDir).definition;
    } catch (error) {
      const errors = isCompileError(error)
        ? formatIssues(
            error.issues.filter((i) => i.severity === "error"),
            entry.file,
          ).split("\n")
        : error instanceof FlowFileError
          ? [error.message]
          : [`${entry.file}: ${firstLine(error)}`];
      for (const line of errors) this.#log(`studiokit dev: ${line}`);
      this.#log(`studiokit dev: ${entry.file} not deployed; the last good version keeps running`);
      return { ...keep, errors, ...(before?.deployed ? { deployed: before.deployed } : {}) };
    }
    const flow: ProjectFlow = { ...entry, definition };
    try {
      const { flow: deployed, names } = await deployFlowLocally(this.stack, flow);
      const changed = Object.entries(deployed.steps).filter(([, step]) => step !== "same");
      if (changed.length > 0)
        this.#log(
          `studiokit dev: ${entry.file} → ${deployed.flowSid} revision ${deployed.revision} (${changed.map(([n, s]) => `${s} ${n}`).join(", ")})`,
        );
      const state: FlowState = { ...keep, errors: [], definition, deployed, resources: names };
      this.#applyMocks(state);
      return state;
    } catch (error) {
      if (!(error instanceof LocalDeployError)) throw error;
      this.#log(`studiokit dev: ${error.message}`);
      return { ...keep, errors: [error.message], definition };
    }
  }

  /** What the page shows of the project. */
  project(): DevProject {
    return {
      flows: [...this.#flows.values()].map((state) => this.#devFlow(state)),
      now: this.emulator.live.now(),
      ...(this.#projectError !== undefined ? { error: this.#projectError } : {}),
    };
  }

  #devFlow(state: FlowState): DevFlow {
    const { entry, definition, deployed } = state;
    return {
      name: entry.name,
      file: entry.file,
      friendlyName: entry.config.friendlyName ?? entry.name,
      errors: state.errors,
      ...(definition ? { canvas: flowCanvas(definition) } : {}),
      ...(deployed ? { deployed: { flowSid: deployed.flowSid, revision: deployed.revision } } : {}),
      channels: definition && deployed ? channelsOf(definition, deployed) : [],
      mockSets: this.#mockSets(state),
      mocks: state.mocks,
      scenarioFile: scenarioFileOf(entry.file),
    };
  }

  #flow(name: string): FlowState & { deployed: LocalFlow } {
    const state = this.#flows.get(name);
    if (!state) throw new DevError(`no flow named "${name}" in this project`);
    if (!state.deployed)
      throw new DevError(`${state.entry.file} is not deployed: ${state.errors[0] ?? "it did not compile"}`);
    return state as FlowState & { deployed: LocalFlow };
  }

  #channel(state: FlowState & { deployed: LocalFlow }, id: string): Channel {
    const channel = this.#devFlow(state).channels.find((c) => c.id === id);
    if (!channel) throw new DevError(`flow "${state.entry.name}" has no channel "${id}"`);
    return channel;
  }

  /** A message from the page's contact, routed as Twilio would route it. */
  async send(request: { flow: string; channel: string; contact: string; body: string }): Promise<void> {
    const state = this.#flow(request.flow);
    const channel = this.#channel(state, request.channel);
    const live = this.emulator.live;
    const from =
      channel.from ?? (channel.to.startsWith("whatsapp:") ? `whatsapp:${request.contact}` : request.contact);
    if (channel.trigger === "incomingCall" && channel.kind === "number") {
      const call = await this.#serve(() => live.serial(() => placeCall(live, from, channel.to)));
      if (call.execution_sid !== null)
        this.#runs.set(call.execution_sid, {
          flow: state.entry.name,
          trigger: { event: "incomingCall", from, to: channel.to },
          waits: [],
        });
      return;
    }
    if (channel.kind === "direct" && !live.activeFor(state.deployed.flowSid, from)) {
      await this.#startDirect(state, channel, from, request.body);
      return;
    }
    const outcome = await this.#serve(() =>
      live.serial(() => receiveInbound(live, from, channel.to, request.body)),
    );
    const event = channel.kind === "number" ? "incomingMessage" : "incomingConversationMessage";
    for (const execution of outcome.executions)
      if (execution.started)
        this.#runs.set(execution.sid, {
          flow: state.entry.name,
          trigger: { event, from, to: channel.to, body: request.body },
          waits: [],
        });
    for (const notice of outcome.notices) this.#log(`studiokit dev: ${notice}`);
  }

  async #startDirect(
    state: FlowState & { deployed: LocalFlow },
    channel: Channel,
    from: string,
    body: string,
  ) {
    const event: DirectTrigger = channel.trigger ?? "incomingMessage";
    const trigger: TriggerInput =
      event === "incomingCall" || event === "incomingRequest"
        ? { event, from, to: channel.to }
        : { event, from, to: channel.to, body };
    const live = this.emulator.live;
    const record = await this.#serve(() =>
      live.serial(() =>
        startFlow(live, { flowSid: state.deployed.flowSid, trigger, contact: from, address: channel.to }),
      ),
    );
    const withBody = event === "incomingMessage" || event === "incomingConversationMessage";
    const recorded: ScenarioTrigger = withBody
      ? { event, from, to: channel.to, body }
      : { event, from, to: channel.to };
    this.#runs.set(record.sid, { flow: state.entry.name, trigger: recorded, waits: [] });
  }

  /** The local Twilio's refusals, as Twilio would refuse (a draft flow runs for its test users only). */
  async #serve<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError) throw new DevError(error.message);
      throw error;
    }
  }

  /** The caller's side of a call: a key pressed, words spoken, hanging up. */
  async call(request: {
    flow: string;
    channel: string;
    contact: string;
    action: "press" | "speak" | "hangup";
    value?: string;
  }) {
    const state = this.#flow(request.flow);
    this.#channel(state, request.channel);
    const live = this.emulator.live;
    const record = live.activeFor(state.deployed.flowSid, request.contact);
    if (!record) {
      if (request.action === "hangup") return;
      throw new DevError("no call is in progress; call the flow first");
    }
    const value = request.value ?? "";
    await live.serial(() =>
      live.act(record, (e) =>
        request.action === "press"
          ? e.press(value)
          : request.action === "speak"
            ? e.speak(value)
            : e.hangup(),
      ),
    );
  }

  /** Moves the simulated clock; timeouts due by then fire. */
  async advance(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 366 * 86_400)
      throw new DevError("advance the clock by a number of seconds from 1 to 31622400");
    const live = this.emulator.live;
    for (const [sid, run] of this.#runs) {
      const record = live.executions.get(sid);
      if (record && statusOf(record) === "active")
        run.waits.push({ after: record.execution.transcript.length, seconds });
    }
    await live.serial(() => live.advance(seconds));
    this.#emit({ type: "project", project: this.project() });
  }

  #mockSets(state: FlowState): string[] {
    const file = path.join(this.options.projectDir, scenarioFileOf(state.entry.file));
    if (!fs.existsSync(file)) return [];
    try {
      const parsed = readScenarioFileSync(file);
      return parsed.scenarios
        .filter((s) => s.mocks?.http !== undefined || s.mocks?.functions !== undefined)
        .map((s) => s.name);
    } catch {
      return [];
    }
  }

  /** Answers the flow's HTTP Request and Run Function widgets from a scenario's mocks (null: for real). */
  async setMocks(request: { flow: string; scenario: string | null }): Promise<void> {
    const state = this.#flow(request.flow);
    if (request.scenario !== null && !this.#mockSets(state).includes(request.scenario))
      throw new DevError(
        `${scenarioFileOf(state.entry.file)} has no scenario "${request.scenario}" with mocks`,
      );
    state.mocks = request.scenario;
    this.#applyMocks(state);
    this.#emit({ type: "project", project: this.project() });
  }

  #applyMocks(state: FlowState): void {
    if (!state.deployed) return;
    const live = this.emulator.live;
    if (state.mocks === null) return live.setAdapters(state.deployed.flowSid, undefined);
    const file = path.join(this.options.projectDir, scenarioFileOf(state.entry.file));
    const scenario = readScenarioFileSync(file).scenarios.find((s) => s.name === state.mocks);
    if (!scenario?.mocks) return live.setAdapters(state.deployed.flowSid, undefined);
    const { http, functions } = adaptersFromMocks(scenario.mocks);
    live.setAdapters(state.deployed.flowSid, { http, functions });
  }

  /** Appends the contact's latest run of the flow to its scenario file, as a scenario named `name`. */
  async saveScenario(request: { flow: string; contact: string; name: string }): Promise<{ file: string }> {
    const state = this.#flow(request.flow);
    const name = request.name.trim();
    if (name === "") throw new DevError("give the scenario a name");
    const record = [...this.emulator.live.executions.values()]
      .filter((e) => e.flowSid === state.deployed.flowSid && e.contact.endsWith(request.contact))
      .at(-1);
    const run = record && this.#runs.get(record.sid);
    if (!record || !run) throw new DevError("nothing to save yet: talk to the flow first");
    const waiting = record.execution.waitingAt;
    const item = scenarioYaml({
      name,
      trigger: run.trigger,
      transcript: record.execution.transcript,
      waits: run.waits,
      end: statusOf(record) === "ended" || waiting === undefined ? { ended: true } : { widget: waiting },
    });
    const relative = scenarioFileOf(state.entry.file);
    const file = path.join(this.options.projectDir, relative);
    const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    let text: string;
    try {
      text = appendScenario(existing, `./${path.basename(state.entry.file)}`, item, relative);
    } catch (error) {
      if (error instanceof ScenarioFileError)
        throw new DevError(`${error.message}; fix the file, then save again`);
      throw error;
    }
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
    this.#log(`studiokit dev: saved scenario "${name}" to ${relative}`);
    this.#emit({ type: "project", project: this.project() });
    return { file: relative };
  }

  /** The runs of a flow the page's contact made, newest last. */
  executions(flow: string, contact: string): DevExecution[] {
    const state = this.#flows.get(flow);
    if (!state?.deployed) return [];
    return [...this.emulator.live.executions.values()]
      .filter((e) => e.flowSid === state.deployed!.flowSid && e.contact.endsWith(contact))
      .map((e) => this.#execution(e)!)
      .filter((e) => e !== undefined);
  }

  #execution(record: LiveExecution): DevExecution | undefined {
    const state = [...this.#flows.values()].find((s) => s.deployed?.flowSid === record.flowSid);
    if (!state) return undefined;
    const status = statusOf(record);
    const execution = record.execution;
    const ended = status === "ended" ? endedText(execution.endReason, record.stopped) : undefined;
    return {
      flow: state.entry.name,
      sid: record.sid,
      contact: record.contact,
      status,
      ...(status === "active" && execution.waitingAt !== undefined ? { waitingAt: execution.waitingAt } : {}),
      steps: execution.steps.map((s) => ({
        from: s.transitioned_from,
        to: s.transitioned_to,
        event: s.name,
        index: s.transition_index,
        context: s.context as unknown as DevExecution["steps"][number]["context"],
      })),
      transcript: execution.transcript,
      ...triggerOf(execution.context.trigger as unknown),
      ...(ended !== undefined ? { ended } : {}),
    };
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#reloading;
    await this.emulator.close();
  }
}

/** What started an execution, from its `trigger` context: the event's key and the message's Body. */
function triggerOf(trigger: unknown): { trigger?: string; triggerBody?: string } {
  if (typeof trigger !== "object" || trigger === null) return {};
  const [key] = Object.keys(trigger);
  const event = {
    message: "incomingMessage",
    conversation: "incomingConversationMessage",
    call: "incomingCall",
    request: "incomingRequest",
    parent: "incomingParent",
  }[key ?? ""];
  const body = key === undefined ? undefined : (trigger as Record<string, { Body?: unknown }>)[key]?.Body;
  return {
    ...(event !== undefined ? { trigger: event } : {}),
    ...(typeof body === "string" ? { triggerBody: body } : {}),
  };
}

/** `flows/order.ts` → `flows/order.scenarios.yaml`. */
export const scenarioFileOf = (file: string) => file.replace(/\.(ts|json)$/, "") + ".scenarios.yaml";

function readScenarioFileSync(file: string) {
  return parseScenarioText(fs.readFileSync(file, "utf8"), path.basename(file));
}

/** The ways in a deployed flow offers: its address configurations, its conversations, its trigger. */
function channelsOf(definition: FlowDefinition, deployed: LocalFlow): Channel[] {
  const channels: Channel[] = [];
  for (const a of deployed.addresses)
    channels.push({
      id: `address:${a.address}`,
      label: `${a.type === "whatsapp" ? "WhatsApp" : a.type.toUpperCase()} to ${a.address.replace(/^whatsapp:/, "")} (Conversations)`,
      kind: "conversations",
      to: a.address,
    });
  for (const c of deployed.conversations)
    channels.push({
      id: `conversation:${c.contact}`,
      label: `Conversation as ${c.contact} with ${c.twilioNumber}`,
      kind: "conversations",
      to: c.twilioNumber,
      from: c.contact,
    });
  for (const n of deployed.numbers) {
    if (n.sms)
      channels.push({
        id: `sms:${n.number}`,
        label: `SMS to ${n.number} (phone number)`,
        kind: "number",
        to: n.number,
        trigger: "incomingMessage",
      });
    if (n.voice)
      channels.push({
        id: `call:${n.number}`,
        label: `Call ${n.number}`,
        kind: "number",
        to: n.number,
        trigger: "incomingCall",
      });
  }
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  const wired = new Set(
    (trigger?.transitions ?? []).filter((t) => t.next).map((t) => t.event as TriggerEvent),
  );
  for (const event of directTriggers)
    if (wired.has(event))
      channels.push({
        id: `direct:${event}`,
        label: event === "incomingCall" ? "Call (voice)" : `Directly (${event})`,
        kind: "direct",
        to: directAddress,
        trigger: event,
      });
  return channels;
}

/** The numbers the stack settings wire (the local account is given them at start). */
function projectNumbers(options: DevOptions): string[] {
  try {
    const config = readProjectSettings(options.projectDir, options.stack);
    return (config.flows ?? []).flatMap((f) => f.numbers.flatMap((n) => (n.number ? [n.number] : [])));
  } catch {
    return []; // the reload reports a project it cannot read
  }
}

function readStackState(file: string): LocalStackState | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as LocalStackState;
    return typeof parsed === "object" && parsed !== null && typeof parsed.resources === "object"
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets every module of the project (not its node_modules): an edit must reach the next load. */
function forgetProjectModules(projectDir: string): void {
  const root = path.resolve(projectDir) + path.sep;
  for (const key of Object.keys(require.cache))
    if (key.startsWith(root) && !key.includes(`${path.sep}node_modules${path.sep}`))
      delete require.cache[key];
}

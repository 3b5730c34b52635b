// The dev page in the browser: draws the flow, talks to it as a contact, shows the execution.
// It reads the server's events (GET /dev/api/events) and acts through POST /dev/api/*.
import type { FlowCanvas } from "../../codegen";
import type { TranscriptEntry } from "../../engine";
import type { Channel, DevEvent, DevExecution, DevFlow, DevProject } from "../model";

const svgNs = "http://www.w3.org/2000/svg";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const ui = {
  flows: element<HTMLUListElement>("flows"),
  clock: element<HTMLParagraphElement>("clock"),
  problem: element<HTMLDivElement>("problem"),
  flowTitle: element<HTMLHeadingElement>("flow-title"),
  flowMeta: element<HTMLParagraphElement>("flow-meta"),
  diagram: element<HTMLDivElement>("diagram"),
  channel: element<HTMLSelectElement>("channel"),
  newContact: element<HTMLButtonElement>("new-contact"),
  contact: element<HTMLParagraphElement>("contact"),
  bubbles: element<HTMLOListElement>("bubbles"),
  compose: element<HTMLFormElement>("compose"),
  message: element<HTMLInputElement>("message"),
  messageLabel: element<HTMLLabelElement>("message-label"),
  voice: element<HTMLDivElement>("voice"),
  keypad: element<HTMLDivElement>("keypad"),
  speak: element<HTMLFormElement>("speak"),
  speech: element<HTMLInputElement>("speech"),
  hangup: element<HTMLButtonElement>("hangup"),
  clockForm: element<HTMLFormElement>("clock-form"),
  advance: element<HTMLInputElement>("advance"),
  mocks: element<HTMLSelectElement>("mocks"),
  save: element<HTMLFormElement>("save"),
  scenarioName: element<HTMLInputElement>("scenario-name"),
  saved: element<HTMLParagraphElement>("saved"),
  status: element<HTMLParagraphElement>("status"),
  steps: element<HTMLOListElement>("steps"),
  context: element<HTMLPreElement>("context"),
  notices: element<HTMLUListElement>("notices"),
};

/** A made-up contact number for this tab, kept while the tab lives. */
function newContact(): string {
  const contact = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  sessionStorage.setItem("studiokit-contact", contact);
  return contact;
}

const state = {
  project: undefined as DevProject | undefined,
  flow: new URLSearchParams(location.search).get("flow") ?? undefined,
  contact: sessionStorage.getItem("studiokit-contact") ?? newContact(),
  executions: new Map<string, DevExecution>(),
  /** The step whose context is shown (an index in the latest execution), or the latest. */
  step: undefined as number | undefined,
};

function currentFlow(): DevFlow | undefined {
  const flows = state.project?.flows ?? [];
  return flows.find((f) => f.name === state.flow) ?? flows[0];
}

function currentChannel(flow: DevFlow | undefined): Channel | undefined {
  return flow?.channels.find((c) => c.id === ui.channel.value) ?? flow?.channels[0];
}

/** The contact this tab speaks as on a channel: the wiring's own contact, or the tab's. */
const speaker = (channel: Channel | undefined) => channel?.from ?? state.contact;

async function post(action: string, body: unknown): Promise<unknown> {
  const response = await fetch(`/dev/api/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { message?: string };
  if (!response.ok) {
    showProblem(answer.message ?? `${action} failed (${response.status})`);
    throw new Error(answer.message);
  }
  return answer;
}

function showProblem(text: string | undefined): void {
  ui.problem.hidden = text === undefined;
  ui.problem.textContent = text ?? "";
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function text(x: number, y: number, className: string, content: string): SVGTextElement {
  const node = svg("text", { x, y, class: className });
  node.textContent = content;
  return node;
}

/** The flow as Studio's canvas draws it, with where the execution is and the path it took. */
function drawDiagram(canvas: FlowCanvas, execution: DevExecution | undefined): void {
  const pad = 24;
  const root = svg("svg", {
    width: canvas.width + 2 * pad,
    height: canvas.height + 2 * pad,
    viewBox: `${-pad} ${-pad} ${canvas.width + 2 * pad} ${canvas.height + 2 * pad}`,
    role: "img",
  });
  const defs = svg("defs", {});
  const marker = svg("marker", {
    id: "arrow",
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: "auto",
  });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#57606a" }));
  defs.append(marker);
  root.append(defs);

  const taken = new Set((execution?.steps ?? []).map((s) => `${s.from}#${s.index}`));
  const visited = new Set((execution?.steps ?? []).flatMap((s) => [s.from, s.to]));
  const last = execution?.steps.at(-1);
  const current = execution?.waitingAt ?? (last && last.to !== "Ended" ? last.to : last?.from);
  const at = new Map(canvas.nodes.map((n) => [n.name, n]));
  const { width, height } = canvas.card;

  for (const edge of canvas.edges) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (!from || !to) continue;
    // Downwards: bottom edge to top edge; sideways or back up: side to side, as Studio draws it.
    const down = to.y >= from.y + height;
    const right = to.x >= from.x;
    const x1 = down ? from.x + width / 2 : right ? from.x + width : from.x;
    const y1 = down ? from.y + height : from.y + height / 2;
    const x2 = down ? to.x + width / 2 : right ? to.x : to.x + width;
    const y2 = down ? to.y : to.y + height / 2;
    const bend = down ? Math.max(40, Math.abs(y2 - y1) / 2) : Math.max(40, Math.abs(x2 - x1) / 2);
    const curve = down
      ? `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`
      : `M${x1},${y1} C${x1 + (right ? bend : -bend)},${y1} ${x2 + (right ? -bend : bend)},${y2} ${x2},${y2}`;
    const group = svg("g", {
      class: `edge${taken.has(`${edge.from}#${edge.index}`) ? " taken" : ""}`,
      "data-from": edge.from,
      "data-to": edge.to,
    });
    group.append(svg("path", { d: curve, "marker-end": "url(#arrow)" }));
    // The label sits on the curve, past its middle, clear of the cards.
    group.append(text(x1 + (x2 - x1) * 0.6, y1 + (y2 - y1) * 0.6, "label", edge.label));
    root.append(group);
  }
  for (const node of canvas.nodes) {
    const classes = ["node", visited.has(node.name) ? "visited" : "", node.name === current ? "current" : ""];
    const group = svg("g", {
      class: classes.filter(Boolean).join(" "),
      transform: `translate(${node.x},${node.y})`,
      "data-widget": node.name,
    });
    const title = svg("title", {});
    title.textContent = `${node.name} (${node.type})${node.name === current ? ", the execution is here" : ""}`;
    group.append(title, svg("rect", { width, height }));
    group.append(text(10, 20, "name", node.name), text(10, 37, "type", node.type));
    if (node.detail !== undefined) group.append(text(10, 55, "detail", node.detail.slice(0, 34)));
    root.append(group);
  }
  root.setAttribute(
    "aria-label",
    `Diagram of the flow, ${canvas.nodes.length} widgets${current !== undefined ? `; the execution is at ${current}` : ""}`,
  );
  ui.diagram.replaceChildren(root);
}

function bubble(kind: "flow" | "contact" | "note", content: string): HTMLLIElement {
  const item = document.createElement("li");
  item.className = `bubble ${kind}`;
  item.textContent = content;
  return item;
}

function bubblesOf(execution: DevExecution): HTMLLIElement[] {
  const out: HTMLLIElement[] = [];
  if (execution.triggerBody !== undefined) out.push(bubble("contact", execution.triggerBody));
  else if (execution.trigger === "incomingCall") out.push(bubble("note", "You called"));
  for (const entry of execution.transcript as TranscriptEntry[]) {
    if (entry.kind === "send") out.push(bubble("flow", entry.body));
    else if (entry.kind === "say") out.push(bubble("flow", `🔊 ${entry.text}`));
    else if (entry.kind === "play") out.push(bubble("flow", `🔊 plays ${entry.url}`));
    else if (entry.kind === "reply") out.push(bubble("contact", entry.body));
    else if (entry.kind === "press") out.push(bubble("contact", `pressed ${entry.digits}`));
    else if (entry.kind === "speak") out.push(bubble("contact", `said “${entry.text}”`));
    else if (entry.kind === "hangup") out.push(bubble("note", "You hung up"));
  }
  if (execution.ended !== undefined) out.push(bubble("note", execution.ended));
  return out;
}

function mine(flow: DevFlow | undefined): DevExecution[] {
  const contact = speaker(currentChannel(flow));
  return [...state.executions.values()].filter(
    (e) => e.flow === flow?.name && (e.contact === contact || e.contact === `whatsapp:${contact}`),
  );
}

function renderRun(): void {
  const flow = currentFlow();
  const runs = mine(flow);
  const latest = runs.at(-1);
  ui.bubbles.replaceChildren(...runs.flatMap(bubblesOf));
  ui.bubbles.lastElementChild?.scrollIntoView({ block: "nearest" });
  if (flow?.canvas) drawDiagram(flow.canvas, latest);
  ui.status.textContent = latest
    ? latest.status === "active"
      ? `Execution ${latest.sid} is waiting at ${latest.waitingAt ?? "nothing"}`
      : `Execution ${latest.sid} ended`
    : "No execution yet: send a message to start one.";
  const steps = latest?.steps ?? [];
  const shown = state.step !== undefined && state.step < steps.length ? state.step : steps.length - 1;
  ui.steps.replaceChildren(
    ...steps.map((step, i) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${step.from} —${step.event}→ ${step.to}`;
      button.setAttribute("aria-pressed", String(i === shown));
      button.addEventListener("click", () => {
        state.step = i;
        renderRun();
      });
      item.append(button);
      return item;
    }),
  );
  ui.context.textContent = steps[shown] ? JSON.stringify(steps[shown].context, null, 2) : "";
  // Warnings name their widget; a request that got an error status says which.
  const notices = (latest?.transcript ?? []).flatMap((entry) =>
    entry.kind === "warning" || entry.kind === "error"
      ? [entry.message]
      : (entry.kind === "http" || entry.kind === "function") &&
          entry.status !== undefined &&
          entry.status >= 400
        ? [
            `${entry.widget}: ${entry.kind === "http" ? entry.method : "Function"} ${entry.url} answered ${entry.status}`,
          ]
        : [],
  );
  ui.notices.replaceChildren(
    ...notices.map((notice) => {
      const item = document.createElement("li");
      item.textContent = notice;
      return item;
    }),
  );
}

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const item = document.createElement("option");
  item.value = value;
  item.textContent = label;
  item.selected = selected;
  return item;
}

function renderProject(project: DevProject): void {
  state.project = project;
  ui.clock.textContent = `Simulated time: ${project.now}`;
  const flow = currentFlow();
  ui.flows.replaceChildren(
    ...project.flows.map((f) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/?flow=${encodeURIComponent(f.name)}`;
      link.textContent = f.friendlyName;
      if (f.name === flow?.name) link.setAttribute("aria-current", "page");
      item.append(link);
      return item;
    }),
  );
  const problems = [project.error, ...(flow?.errors ?? [])].filter((p): p is string => p !== undefined);
  showProblem(problems.length > 0 ? problems.join("\n") : undefined);
  ui.flowTitle.textContent = flow ? `Flow: ${flow.friendlyName}` : "Flow";
  ui.flowMeta.textContent = flow
    ? `${flow.file}${flow.deployed ? ` · ${flow.deployed.flowSid} revision ${flow.deployed.revision}` : " · not deployed"}`
    : "This project has no flows yet.";
  const chosen = ui.channel.value;
  ui.channel.replaceChildren(...(flow?.channels ?? []).map((c) => option(c.id, c.label, c.id === chosen)));
  ui.mocks.replaceChildren(
    option("", "Real requests", flow?.mocks === null),
    ...(flow?.mockSets ?? []).map((name) =>
      option(name, `Mocks of scenario “${name}”`, name === flow?.mocks),
    ),
  );
  renderChannel();
  renderRun();
}

function renderChannel(): void {
  const channel = currentChannel(currentFlow());
  const voice = channel?.trigger === "incomingCall";
  ui.voice.hidden = !voice;
  ui.message.hidden = voice;
  ui.messageLabel.hidden = voice;
  ui.compose.querySelector("button")!.textContent = voice ? "Call" : "Send";
  ui.contact.textContent = `You are ${speaker(channel)}${channel ? `, writing to ${channel.to}` : ""}.`;
}

async function loadExecutions(): Promise<void> {
  const flow = currentFlow();
  if (!flow) return;
  const contact = speaker(currentChannel(flow));
  const response = await fetch(
    `/dev/api/executions?flow=${encodeURIComponent(flow.name)}&contact=${encodeURIComponent(contact)}`,
  );
  for (const execution of (await response.json()) as DevExecution[])
    state.executions.set(execution.sid, execution);
  renderRun();
}

function listen(): void {
  const events = new EventSource("/dev/api/events");
  events.addEventListener("project", (message) => {
    renderProject(
      (JSON.parse((message as MessageEvent<string>).data) as Extract<DevEvent, { type: "project" }>).project,
    );
  });
  events.addEventListener("execution", (message) => {
    const { execution } = JSON.parse((message as MessageEvent<string>).data) as Extract<
      DevEvent,
      { type: "execution" }
    >;
    state.executions.set(execution.sid, execution);
    if (execution.flow === currentFlow()?.name) renderRun();
  });
}

function wire(): void {
  ui.compose.addEventListener("submit", (event) => {
    event.preventDefault();
    const flow = currentFlow();
    const channel = currentChannel(flow);
    if (!flow || !channel) return;
    const body = ui.message.value;
    void post("message", { flow: flow.name, channel: channel.id, contact: speaker(channel), body }).then(
      () => {
        ui.message.value = "";
        showProblem(undefined);
      },
    );
  });
  const call = (action: "press" | "speak" | "hangup", value?: string) => {
    const flow = currentFlow();
    const channel = currentChannel(flow);
    if (!flow || !channel) return Promise.resolve();
    return post("call", {
      flow: flow.name,
      channel: channel.id,
      contact: speaker(channel),
      action,
      ...(value !== undefined ? { value } : {}),
    });
  };
  for (const key of ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = key;
    button.setAttribute("aria-label", `Press ${key}`);
    button.addEventListener("click", () => void call("press", key));
    ui.keypad.append(button);
  }
  ui.speak.addEventListener("submit", (event) => {
    event.preventDefault();
    void call("speak", ui.speech.value).then(() => (ui.speech.value = ""));
  });
  ui.hangup.addEventListener("click", () => void call("hangup"));
  ui.clockForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void post("clock", { seconds: Number(ui.advance.value) });
  });
  ui.mocks.addEventListener("change", () => {
    const flow = currentFlow();
    if (flow)
      void post("mocks", { flow: flow.name, scenario: ui.mocks.value === "" ? null : ui.mocks.value });
  });
  ui.save.addEventListener("submit", (event) => {
    event.preventDefault();
    const flow = currentFlow();
    if (!flow) return;
    const name = ui.scenarioName.value;
    void post("scenario", { flow: flow.name, contact: speaker(currentChannel(flow)), name }).then(
      (answer) => {
        ui.saved.textContent = `Saved “${name}” to ${(answer as { file: string }).file}.`;
        ui.scenarioName.value = "";
      },
    );
  });
  ui.channel.addEventListener("change", () => {
    renderChannel();
    void loadExecutions();
  });
  ui.newContact.addEventListener("click", () => {
    state.contact = newContact();
    state.step = undefined;
    renderChannel();
    renderRun();
  });
}

wire();
listen();
void loadExecutions();

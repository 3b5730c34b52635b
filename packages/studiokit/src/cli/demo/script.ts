import { z } from "zod";
import { type CallBody, type LiveClient, type OutcomeBody } from "../../emulator";
import { cast } from "./cast";
import { type Deployment } from "./deploy";

type Out = (line: string) => void;

/** A contact's line, or moving the simulated clock. */
type Beat = string | { readonly wait: number };

interface Scene {
  readonly title: string;
  readonly contact: string;
  readonly beats: readonly Beat[];
}

/** The tutorial's conversations: every branch of the flow, both wirings, and a timeout. */
const scenes: readonly Scene[] = [
  {
    title: "1. Wiring 1: a new contact texts the number, and likes bots",
    contact: cast.likesBots,
    beats: ["hi", "Yes"],
  },
  { title: "2. Wiring 1: another new contact does not", contact: cast.dislikesBots, beats: ["hi", "no"] },
  {
    title: "3. Wiring 2: the participant of the hand-made conversation is not sure",
    contact: cast.manual,
    beats: ["hi", "maybe"],
  },
  {
    title: "4. Nobody answers: the clock moves an hour and the question times out",
    contact: cast.silent,
    beats: ["hi", { wait: 3600 }],
  },
];

/**
 * What one inbound message or clock move did, as indented narration under the chat lines; where
 * a scene's first message went (`opening`) is always said.
 */
function narrate(out: Out, outcome: OutcomeBody, opening = false): void {
  if (outcome.conversation_created)
    out(`      · the address configuration created conversation ${outcome.conversation_sid}`);
  else if (opening && outcome.conversation_sid !== null)
    out(`      · into conversation ${outcome.conversation_sid}`);
  for (const e of outcome.executions.filter((e) => e.started)) out(`      · execution ${e.sid} started`);
  for (const reply of outcome.replies) out(`  ${reply.from}: ${reply.body}`);
  for (const e of outcome.executions.filter((e) => e.status === "ended"))
    out(
      `      · execution ${e.sid} ended${e.last_step ? ` (${e.last_step.transitioned_from}: ${e.last_step.name})` : ""}`,
    );
  for (const notice of outcome.notices) out(`      ! ${notice}`);
}

async function play(client: LiveClient, out: Out, scene: Scene): Promise<void> {
  out("");
  out(scene.title);
  for (const [i, beat] of scene.beats.entries()) {
    if (typeof beat === "string") {
      out(`  ${scene.contact}: ${beat}`);
      narrate(out, await client.inbound(scene.contact, cast.number, beat), i === 0);
    } else {
      out(`  (the clock moves ${beat.wait} s)`);
      narrate(out, await client.advance(beat.wait));
    }
  }
}

/** A call's lines, as the scenes tell them: what the flow says, what the caller does. */
function narrateCall(out: Out, call: CallBody): void {
  for (const line of call.lines)
    if (line.speaker === "caller")
      out(`  ${cast.caller} ${line.kind === "press" ? `presses ${line.text}` : `${line.kind} ${line.text}`}`);
    else
      out(
        `  ${cast.number} (${line.widget ?? "?"}) ${line.kind === "say" ? "says" : line.kind}: ${line.text}`,
      );
  if (call.status === "completed") out(`      · call ${call.sid} completed`);
}

/** The voice IVR: the caller dials the number, hears the menu and answers with a keypress. */
async function playCall(client: LiveClient, out: Out): Promise<void> {
  out("");
  out("5. A call: the number's voice webhook runs the IVR; the caller presses 1");
  out(`  ${cast.caller} calls ${cast.number}`);
  const call = await client.call(cast.caller, cast.number);
  out(
    `      · call ${call.sid} answered by ${call.flow_sid ?? "?"} (execution ${call.execution_sid ?? "?"})`,
  );
  narrateCall(out, call);
  narrateCall(out, await client.onCall(call.sid, { Digits: "1" }));
}

const executionsSchema = z.object({ executions: z.array(z.object({ sid: z.string(), status: z.string() })) });
const stepsSchema = z.object({
  steps: z.array(z.object({ name: z.string(), transitioned_from: z.string(), transitioned_to: z.string() })),
});

/** Studio's own account of the runs, read back through the Executions and Steps API. */
async function studioView(client: LiveClient, out: Out, flowSid: string): Promise<void> {
  const path = `/v2/Flows/${flowSid}/Executions`;
  const { executions } = executionsSchema.parse(await client.get(path));
  const ended = executions.filter((e) => e.status === "ended").length;
  out("");
  out(`Studio's view (GET ${path}): ${executions.length} executions, ${ended} ended`);
  const first = executions[executions.length - 1];
  if (!first) return;
  const { steps } = stepsSchema.parse(await client.get(`${path}/${first.sid}/Steps`));
  out(`  steps of the first, ${first.sid}:`);
  for (const s of steps) out(`    ${s.transitioned_from} --${s.name}--> ${s.transitioned_to}`);
}

export function describeDeployment(out: Out, d: Deployment): void {
  out("Deployed with studiokit's providers (check, then create: what pulumi up runs for a new stack):");
  out(`  flow       ${d.flow.sid}  "${cast.flowName}", revision ${d.flow.revision}, ${d.flow.status}`);
  out(`  wiring 1   ${d.addressConfiguration.sid}  address configuration sms ${cast.number}`);
  out(`                 auto-creates conversations into ${d.flow.sid}`);
  out(`  wiring 2   ${d.conversation.sid}  conversation "${cast.conversationName}"`);
  out(`             ${d.participant.sid}  participant ${cast.manual} via ${cast.number}`);
  out(`             ${d.webhook.sid}  studio webhook to ${d.flow.sid}`);
  out(`  voice IVR  ${d.ivr.sid}  "${cast.ivrName}", revision ${d.ivr.revision}, ${d.ivr.status}`);
  out(`             ${d.phoneNumber.sid}  number ${cast.number}: its voice webhook runs ${d.ivr.sid}`);
  out(`                 (its texts still go to Conversations: the address configuration wins)`);
}

/** Plays every scene and the call over HTTP against the running emulator, then shows Studio's view of it. */
export async function playTutorial(client: LiveClient, out: Out, d: Deployment): Promise<void> {
  for (const scene of scenes) await play(client, out, scene);
  await playCall(client, out);
  await studioView(client, out, d.flow.sid);
}

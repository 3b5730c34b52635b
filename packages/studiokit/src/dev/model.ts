import { type FlowCanvas } from "../codegen";
import { type JsonObject, type TranscriptEntry } from "../engine";

/*
 * What the dev page receives: plain JSON, the one contract between the server (session.ts) and
 * the browser code (page/app.ts), which imports these types only.
 */

/** A way for the page to talk to a flow, as the flow is wired. */
export interface Channel {
  readonly id: string;
  readonly label: string;
  /**
   * `conversations`: through an address configuration or a conversation; `number`: a text or a
   * call to a number whose webhook runs the flow; `direct`: the trigger itself.
   */
  readonly kind: "conversations" | "number" | "direct";
  /** The Twilio address the contact writes (or calls) to. */
  readonly to: string;
  /** A contact the wiring names (wiring 2): the page speaks as that contact. */
  readonly from?: string;
  /** How a direct execution starts; a voice flow (`incomingCall`) gets a keypad, not a textbox. */
  readonly trigger?: "incomingMessage" | "incomingConversationMessage" | "incomingCall" | "incomingRequest";
}

export interface DevFlow {
  /** The flow's name in the project (its file's base name unless the stack names it). */
  readonly name: string;
  readonly file: string;
  readonly friendlyName: string;
  /** One line per problem when the file does not compile; nothing is deployed then. */
  readonly errors: readonly string[];
  readonly canvas?: FlowCanvas;
  readonly deployed?: { readonly flowSid: string; readonly revision: number };
  readonly channels: readonly Channel[];
  /** Scenarios of the flow's scenario file that mock HTTP or Functions, by name. */
  readonly mockSets: readonly string[];
  /** The mocks in use: a scenario's name, or null for real requests. */
  readonly mocks: string | null;
  readonly scenarioFile: string;
}

export interface DevProject {
  readonly flows: readonly DevFlow[];
  /** The simulated clock, ISO time. */
  readonly now: string;
  /** A project-level problem (no flows/, a bad stack setting). */
  readonly error?: string;
}

export interface DevStep {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly index: number;
  /** `flow.variables`, `widgets.*`, `trigger.*` once the step ended. */
  readonly context: JsonObject;
}

export interface DevExecution {
  readonly flow: string;
  readonly sid: string;
  readonly contact: string;
  readonly status: "active" | "ended";
  readonly waitingAt?: string;
  readonly steps: readonly DevStep[];
  readonly transcript: readonly TranscriptEntry[];
  /** The trigger event that started it, and the message that did, when there was one. */
  readonly trigger?: string;
  readonly triggerBody?: string;
  /** Why it ended, in plain words. */
  readonly ended?: string;
}

/** Server-sent events: `project` after every load or deploy, `execution` whenever one moves. */
export type DevEvent =
  | { readonly type: "project"; readonly project: DevProject }
  | { readonly type: "execution"; readonly execution: DevExecution };

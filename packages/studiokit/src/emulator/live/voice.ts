import { type Execution } from "../../engine";
import { apiVersion, isE164, recordAt } from "../api2010/format";
import { numberFor } from "../api2010/phone-numbers";
import { created, ok, type RequestContext, type Route } from "../context";
import { ApiError, codes, invalidParameter } from "../errors";
import { newSid } from "../sids";
import { type CallRecord } from "../state";
import { callLines, type CallBody } from "./call-wire";
import { statusOf, type Live, type LiveExecution } from "./live";
import { flowOfNumber } from "./numbers";
import { runnable } from "./runnable";

/**
 * Calls to the account's numbers, an emulator-only endpoint standing in for a caller's phone
 * (docs/deploy.md): `POST /studiokit/v1/Calls` dials a number whose voice webhook is a flow, which
 * answers with its `incomingCall` trigger; keypresses, speech, outside events and the hang-up are
 * further requests on the call. The call itself is a Call of API 2010 (api2010/calls.ts).
 */

const execution = (live: Live, call: CallRecord): LiveExecution | undefined =>
  call.execution_sid === null ? undefined : live.executions.get(call.execution_sid);

/**
 * The call as its flow leaves it: once the execution has ended (or is gone), the call is
 * completed, with its end time and duration on the live clock.
 */
export function settleCall(live: Live, call: CallRecord): CallRecord {
  if (call.status !== "in-progress") return call;
  const e = execution(live, call);
  if (e !== undefined && statusOf(e) === "active") return call;
  const now = live.now();
  const settled: CallRecord = { ...call, status: "completed", end_time: now, date_updated: now };
  live.store.calls.set(call.sid, settled);
  return settled;
}

function body(live: Live, call: CallRecord, from = 0): CallBody {
  const settled = settleCall(live, call);
  const e = execution(live, settled);
  const { lines, notices } = callLines(e?.execution.transcript.slice(from) ?? []);
  return {
    sid: settled.sid,
    from: settled.from,
    to: settled.to,
    status: settled.status === "in-progress" ? "in-progress" : "completed",
    flow_sid: settled.flow_sid,
    execution_sid: settled.execution_sid,
    waiting_at: settled.status === "in-progress" ? (e?.execution.waitingAt ?? null) : null,
    lines,
    notices,
  };
}

/** Dials `to` from `from`: the number's voice webhook flow runs `incomingCall` for the caller. */
export async function placeCall(live: Live, from: string, to: string): Promise<CallBody> {
  const number = numberFor(live.store, to);
  if (number === undefined)
    throw new ApiError(
      404,
      codes.notFound,
      `${to} is not a number of this account; start the emulator with --number ${to} or create it (incomingPhoneNumbers.create)`,
    );
  const flow = flowOfNumber(live.store, number, "voice");
  const now = live.now();
  const call: CallRecord = {
    sid: newSid("CA"),
    account_sid: live.store.accountSid,
    from,
    to,
    phone_number_sid: number.sid,
    direction: "inbound",
    status: "in-progress",
    start_time: now,
    end_time: null,
    date_created: now,
    date_updated: now,
    flow_sid: flow.sid,
    execution_sid: null,
  };
  // A call always gets an execution of its own: concurrent calls are Studio's default.
  const record = await live.start({
    ...runnable(live.store, flow, from),
    flowSid: flow.sid,
    trigger: {
      event: "incomingCall",
      from,
      to,
      AccountSid: live.store.accountSid,
      ApiVersion: apiVersion,
      CallSid: call.sid,
      Caller: from,
      Called: to,
      CallStatus: "ringing",
      Direction: "inbound",
    },
    contact: from,
    address: to,
    initiatedBy: call.sid,
    conversationSid: null,
  });
  const answered = { ...call, execution_sid: record.sid };
  live.store.calls.set(answered.sid, answered);
  return body(live, answered);
}

/** What the caller does next: exactly one of `Digits`, `SpeechResult`, `Event` or `Status=completed`. */
function readAction(ctx: RequestContext): (e: Execution) => Promise<void> {
  const form = ctx.form;
  const given = ["Digits", "SpeechResult", "Event", "Status"].filter((name) => form.has(name));
  if (given.length !== 1)
    throw invalidParameter(
      "give exactly one of Digits (keys pressed), SpeechResult (words said), Event (an outcome from outside, such as callCompleted) or Status=completed (hang up)",
    );
  const digits = form.string("Digits");
  if (digits !== undefined) {
    if (!/^[0-9*#w]+$/.test(digits))
      throw invalidParameter(`Invalid parameter Digits: "${digits}" is not keys of a phone (0-9, *, #, w)`);
    return (e) => e.press(digits);
  }
  const speech = form.string("SpeechResult");
  if (speech !== undefined) {
    const confidence = Number(form.string("Confidence") ?? "0.9");
    if (!(confidence >= 0 && confidence <= 1))
      throw invalidParameter(`Invalid parameter Confidence: expected a number from 0 to 1`);
    return (e) => e.speak(speech, confidence);
  }
  const event = form.string("Event");
  if (event !== undefined) {
    if (!/^[A-Za-z]+$/.test(event))
      throw invalidParameter(
        `Invalid parameter Event: "${event}" is not an event name such as callCompleted`,
      );
    return (e) => e.callEvent(event);
  }
  form.requiredOneOf("Status", ["completed"] as const);
  return (e) => e.hangup();
}

const findCall = (ctx: RequestContext) => recordAt(ctx, ctx.store.calls);

async function act(ctx: RequestContext): Promise<CallBody> {
  const call = settleCall(ctx.live, findCall(ctx));
  const action = readAction(ctx);
  const e = execution(ctx.live, call);
  if (call.status !== "in-progress" || e === undefined)
    throw new ApiError(
      400,
      codes.callNotInProgress,
      `Call ${call.sid} is not in progress (${call.status}); place a new one`,
    );
  const from = e.execution.transcript.length;
  await ctx.live.act(e, action);
  return body(ctx.live, call, from);
}

export const dialRoutes: Route[] = [
  {
    path: "/studiokit/v1/Calls",
    handlers: {
      POST: async (ctx) => {
        const from = ctx.form.required("From");
        const to = ctx.form.required("To");
        for (const [name, value] of [
          ["From", from],
          ["To", to],
        ] as const)
          if (!isE164(value))
            throw invalidParameter(
              `Invalid parameter ${name}: "${value}" is not an E.164 number such as +15017122661`,
            );
        return created(await ctx.live.serial(() => placeCall(ctx.live, from, to)));
      },
    },
  },
  {
    path: "/studiokit/v1/Calls/:Sid",
    handlers: {
      GET: (ctx) => ok(body(ctx.live, findCall(ctx))),
      POST: async (ctx) => ok(await ctx.live.serial(() => act(ctx))),
    },
  },
];

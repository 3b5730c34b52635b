import { parseFlowDefinition, type FlowDefinition } from "../../definition";
import { toCallError, type CallError, type TwilioClient } from "../../providers";
import { CliError } from "../errors";

/** A flow as the account holds it: its latest revision. */
export interface LiveFlow {
  readonly sid: string;
  readonly friendlyName: string;
  readonly status: "draft" | "published";
  readonly revision: number;
  readonly dateCreated: Date;
  readonly definition: FlowDefinition;
}

/** A flow that could not be read: one line saying why. */
export interface FailedFlow {
  readonly sid: string;
  readonly problem: string;
}

export interface LiveNumber {
  readonly sid: string;
  readonly phoneNumber: string;
  readonly smsUrl: string;
  readonly smsApplicationSid: string;
  readonly voiceUrl: string;
  readonly voiceApplicationSid: string;
}

export interface LiveAddress {
  readonly type: string;
  readonly address: string;
  readonly friendlyName: string | null;
  readonly autoCreation: Readonly<Record<string, unknown>>;
}

export interface Account {
  readonly accountSid: string;
  readonly flows: readonly (LiveFlow | FailedFlow)[];
  readonly numbers: readonly LiveNumber[];
  readonly addresses: readonly LiveAddress[];
}

/** Requests in flight at once: enough to hide latency, few enough for Twilio's rate limits. */
const concurrency = 8;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * A failure that ends the pull: credentials refused, Twilio unreachable. The message names the
 * settings to check and never a value of them.
 */
function fatal(error: CallError): CliError | undefined {
  if (error.status === 401 || error.status === 403)
    return new CliError(
      `Twilio refused the credentials (HTTP ${error.status}): check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET`,
    );
  if (error.noReply === true) return new CliError(error.message);
  return undefined;
}

/** Runs one request; a fatal failure throws a CliError, any other a one-line CallError. */
async function request<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    const error = toCallError(thrown, action);
    throw fatal(error) ?? error;
  }
}

async function fetchFlow(
  client: TwilioClient,
  accountSid: string,
  sid: string,
): Promise<LiveFlow | FailedFlow> {
  let flow;
  try {
    flow = await request(`fetch Studio flow ${sid}`, () => client.studio.v2.flows(sid).fetch());
  } catch (thrown) {
    if (thrown instanceof CliError) throw thrown;
    const error = thrown as CallError;
    return {
      sid,
      problem: error.status === 404 ? `no such Studio flow in account ${accountSid}` : error.message,
    };
  }
  const parsed = parseFlowDefinition(flow.definition);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return {
      sid,
      problem: `not a Studio flow definition at ${first?.path ?? "(root)"}: ${first?.message ?? "invalid"}`,
    };
  }
  return {
    sid: flow.sid,
    friendlyName: flow.friendlyName,
    status: flow.status,
    revision: flow.revision,
    dateCreated: flow.dateCreated,
    definition: parsed.value,
  };
}

/** Every page of a list; a failure of any kind ends the pull (it is not about one flow). */
async function listAll<T>(action: string, run: () => Promise<T[]>): Promise<T[]> {
  try {
    return await request(action, run);
  } catch (thrown) {
    throw thrown instanceof CliError ? thrown : new CliError((thrown as CallError).message);
  }
}

/**
 * The flows asked for (`sids`, or every flow of the account), each fetched with its definition,
 * and the numbers and address configurations that could point at them. twilio-node follows
 * every page of a list.
 */
export async function readAccount(
  client: TwilioClient,
  accountSid: string,
  sids: readonly string[] | "all",
): Promise<Account> {
  const wanted =
    sids === "all"
      ? (await listAll("list Studio flows", () => client.studio.v2.flows.list())).map((f) => f.sid)
      : [...new Set(sids)];
  const flows = await mapLimit(wanted, concurrency, (sid) => fetchFlow(client, accountSid, sid));
  const [numbers, addresses] = await Promise.all([
    listAll("list phone numbers", () => client.api.v2010.account.incomingPhoneNumbers.list()),
    listAll("list address configurations", () => client.conversations.v1.addressConfigurations.list()),
  ]);
  return {
    accountSid,
    flows,
    numbers: numbers.map((n) => ({
      sid: n.sid,
      phoneNumber: n.phoneNumber,
      smsUrl: n.smsUrl ?? "",
      smsApplicationSid: n.smsApplicationSid ?? "",
      voiceUrl: n.voiceUrl ?? "",
      voiceApplicationSid: n.voiceApplicationSid ?? "",
    })),
    addresses: addresses.map((a) => ({
      type: a.type,
      address: a.address,
      friendlyName: a.friendlyName ?? null,
      autoCreation: (a.autoCreation ?? {}) as Record<string, unknown>,
    })),
  };
}

export const isLive = (flow: LiveFlow | FailedFlow): flow is LiveFlow => "definition" in flow;

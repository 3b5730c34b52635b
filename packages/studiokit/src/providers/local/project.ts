import { type ProjectFlow } from "../../project";
import { studioAddressInputs } from "../conversation-flow";
import { addressArgs, addressKey, conversationWiring, flowInputs, numberWiring } from "../project/resources";
import { type LocalStack, type LocalStep } from "./stack";

/** One flow as the local stack deployed it. */
export interface LocalFlow {
  readonly name: string;
  readonly flowSid: string;
  readonly revision: number;
  readonly webhookUrl: string;
  /** Wiring 1: the addresses new conversations to the flow arrive on, with their type. */
  readonly addresses: ReadonlyArray<{
    readonly type: string;
    readonly address: string;
    readonly sid: string;
  }>;
  /** Wiring 2: contact → conversation. */
  readonly conversations: ReadonlyArray<{
    readonly contact: string;
    readonly twilioNumber: string;
    readonly conversationSid: string;
  }>;
  /** Numbers whose SMS and/or voice webhook runs the flow. */
  readonly numbers: ReadonlyArray<{
    readonly number: string;
    readonly sms: boolean;
    readonly voice: boolean;
  }>;
  /** What each resource went through, by resource name. */
  readonly steps: Readonly<Record<string, LocalStep>>;
}

const text = (value: unknown) => (typeof value === "string" ? value : String(value));

/**
 * Deploys one project flow and its wiring to the local stack, as `deployProject` declares them
 * (the same resource names and inputs), and returns the resource names it declared.
 */
export async function deployFlowLocally(
  stack: LocalStack,
  flow: ProjectFlow,
): Promise<{ flow: LocalFlow; names: string[] }> {
  const steps: Record<string, LocalStep> = {};
  const names: string[] = [];
  const up = async (
    name: string,
    provider: Parameters<LocalStack["up"]>[1],
    inputs: Record<string, unknown>,
  ) => {
    const result = await stack.up(name, provider, inputs);
    steps[name] = result.step;
    names.push(name);
    return result.outputs;
  };
  const deployed = await up(`${flow.name}-flow`, "studioFlow", flowInputs(flow));
  const flowSid = text(deployed["sid"]);
  const addresses = [];
  for (const address of flow.config.addresses) {
    const args = addressArgs(flow, address);
    const outputs = await up(
      `${flow.name}-${addressKey(address.type, address.address)}`,
      "addressConfiguration",
      studioAddressInputs(args, flowSid),
    );
    addresses.push({ type: address.type, address: text(args.address), sid: text(outputs["sid"]) });
  }
  const conversations = [];
  for (const conversation of flow.config.conversations) {
    const planned = conversationWiring(flow, conversation);
    const created = await up(planned.names.conversation, "conversation", planned.conversation);
    const conversationSid = text(created["sid"]);
    await up(planned.names.participant, "participant", planned.participant(conversationSid));
    await up(planned.names.webhook, "conversationWebhook", planned.webhook(conversationSid, flowSid));
    conversations.push({
      contact: conversation.contact,
      twilioNumber: conversation.twilioNumber,
      conversationSid,
    });
  }
  const numbers = [];
  const webhookUrl = text(deployed["webhookUrl"]);
  for (const n of flow.config.numbers) {
    const planned = numberWiring(flow, n);
    const outputs = await up(planned.name, "phoneNumber", planned.inputs(webhookUrl));
    numbers.push({ number: text(outputs["phoneNumber"] ?? n.number), sms: n.sms, voice: n.voice });
  }
  return {
    flow: {
      name: flow.name,
      flowSid,
      revision: Number(deployed["revision"]),
      webhookUrl,
      addresses,
      conversations,
      numbers,
      steps,
    },
    names,
  };
}

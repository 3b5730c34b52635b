import { type ProjectFlowEntry } from "./flows";
import { ProjectError } from "./error";

const what = { sms: "SMS", voice: "calls" } as const;

/**
 * A number's webhooks across the project: each of a number's webhooks names one flow, and an SMS
 * webhook on a number Conversations takes (an `sms` address of some flow, which auto-creates
 * conversations) would never run. Throws a ProjectError naming both settings.
 */
export function checkNumbers(flows: readonly ProjectFlowEntry[]): void {
  const taken = new Map<string, { flow: string; where: string }>();
  const conversations = new Map<string, string>();
  for (const flow of flows)
    for (const [i, a] of flow.config.addresses.entries())
      if (a.type === "sms") conversations.set(a.address, `${flow.where}.addresses[${i}]`);
  for (const flow of flows)
    for (const [i, n] of flow.config.numbers.entries()) {
      const where = `${flow.where}.numbers[${i}]`;
      const number = n.number ?? n.sid ?? "";
      for (const channel of (["sms", "voice"] as const).filter((c) => n[c])) {
        const key = `${channel} ${number}`;
        const first = taken.get(key);
        if (first !== undefined)
          throw new ProjectError(
            `${where}: ${number} already sends its ${what[channel]} to flow "${first.flow}" (${first.where}); a number's ${what[channel]} go to one flow`,
          );
        taken.set(key, { flow: flow.name, where });
      }
      const address = conversations.get(number);
      if (n.sms && address !== undefined)
        throw new ProjectError(
          `${where}: Conversations takes the SMS to ${number} (${address} auto-creates conversations on it), so its SMS webhook would never run the flow; drop sms: true or that address`,
        );
    }
}

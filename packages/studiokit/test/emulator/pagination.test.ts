import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";

const definition = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Record<string, unknown>;
let t: TestEmulator;
const created: string[] = [];

beforeAll(async () => {
  t = await withEmulator();
  for (let i = 0; i < 23; i++)
    created.push(
      (await t.client.studio.v2.flows.create({ friendlyName: `f${i}`, status: "draft", definition })).sid,
    );
});
afterAll(() => t.emulator.close());

interface Meta {
  page: number;
  page_size: number;
  key: string;
  url: string;
  first_page_url: string;
  previous_page_url: string | null;
  next_page_url: string | null;
}

describe("pagination", () => {
  it("twilio-node walks every page by following next_page_url back to the emulator", async () => {
    const before = t.emulator.requests.count;
    const flows = await t.client.studio.v2.flows.list({ pageSize: 5 });
    expect(flows.map((f) => f.sid)).toEqual(created);
    const pages = t.emulator.requests.log.slice(before);
    expect(pages.map((r) => [r.method, r.path, r.status])).toEqual(Array(5).fill(["GET", "/v2/Flows", 200]));
  });

  it("each page's meta points at its neighbours", async () => {
    const metas: Meta[] = [];
    const sids: string[] = [];
    let next: string | null = `${t.emulator.url}/v2/Flows?PageSize=10`;
    while (next) {
      const res = await fetch(next, { headers: { Authorization: t.auth } });
      const body = (await res.json()) as { meta: Meta; flows: Array<{ sid: string }> };
      metas.push(body.meta);
      sids.push(...body.flows.map((f) => f.sid));
      next = body.meta.next_page_url;
    }
    expect(sids).toEqual(created);
    const base = `${t.emulator.url}/v2/Flows?PageSize=10`;
    const token = (url: string | null) => (url ? new URL(url).searchParams.get("PageToken") : null);
    expect(metas.map((m) => [m.page, m.page_size, m.key, m.first_page_url])).toEqual([
      [0, 10, "flows", `${base}&Page=0`],
      [1, 10, "flows", `${base}&Page=0`],
      [2, 10, "flows", `${base}&Page=0`],
    ]);
    expect(metas.map((m) => m.next_page_url?.startsWith(`${base}&Page=`) ?? null)).toEqual([
      true,
      true,
      null,
    ]);
    expect(metas[1]!.previous_page_url).toBe(
      `${base}&Page=0&PageToken=${token(metas[1]!.previous_page_url)}`,
    );
    expect(metas[0]!.previous_page_url).toBeNull();
    expect(metas[2]!.url).toBe(metas[1]!.next_page_url);
  });

  it("keeps list filters in paging links and clamps PageSize to the endpoint's maximum", async () => {
    for (let i = 0; i < 3; i++)
      await t.client.conversations.v1.addressConfigurations.create({
        type: "sms",
        address: `+1555000000${i}`,
      });
    await t.client.conversations.v1.addressConfigurations.create({ type: "email", address: "x@example.com" });
    const res = await t.raw("GET", "/v1/Configuration/Addresses?Type=sms&PageSize=2");
    const body = res.json as { meta: Meta; address_configurations: unknown[] };
    expect(body.address_configurations).toHaveLength(2);
    expect(new URL(body.meta.next_page_url!).searchParams.get("Type")).toBe("sms");
    const sms = await t.client.conversations.v1.addressConfigurations.list({ type: "sms", pageSize: 2 });
    expect(sms.map((a) => a.address)).toEqual(["+15550000000", "+15550000001", "+15550000002"]);
    const conv = await t.client.conversations.v1.conversations.create({});
    const hooks = await t.raw("GET", `/v1/Conversations/${conv.sid}/Webhooks?PageSize=50`);
    expect((hooks.json as { meta: Meta }).meta.page_size).toBe(5);
  });
});

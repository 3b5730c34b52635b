import http from "node:http";
import { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { startExecution, type Execution } from "../../src/engine";
import { flow, widget } from "../engine/helpers";
import { accountSid, rejection, withEmulator, type TestEmulator } from "../support/emulator";

// Studio v2 Executions on the emulator through the twilio library: REST-started runs of deployed
// flows, their context and steps (checked against the engine run on its own), one active
// execution per contact, test users, the clock, and real HTTP Request widgets.

const contact = "+15558675310";
const other = "+15558675311";
const number = "+15017122661";
const sent = { sent: undefined, failed: undefined };
const say = (body: string) => ({ from: "{{flow.channel.address}}", to: "{{contact.channel.address}}", body });

function survey(greeting = "Hi"): FlowDefinition {
  return flow(
    "incomingRequest",
    "ask",
    widget(
      "ask",
      "send-and-wait-for-reply",
      { incomingMessage: "remember", timeout: "bye", deliveryFailure: undefined },
      {
        from: "{{flow.channel.address}}",
        body: `${greeting} {{flow.data.name}}, which plan? (you had {{trigger.request.parameters.plan}})`,
        timeout: "600",
      },
    ),
    widget(
      "remember",
      "set-variables",
      { next: "thanks" },
      { variables: [{ key: "answer", value: "{{widgets.ask.inbound.Body}}" }] },
    ),
    widget("thanks", "send-message", sent, say("Thanks, {{flow.variables.answer}} it is")),
    widget("bye", "send-message", sent, say("No answer; bye")),
  );
}

let t: TestEmulator;
beforeAll(async () => {
  t = await withEmulator();
});
afterAll(() => t.emulator.close());

async function deploy(definition: FlowDefinition, status: "draft" | "published" = "published") {
  return (await t.client.studio.v2.flows.create({ friendlyName: "survey", status, definition })).sid;
}

const fnSid = expect.stringMatching(/^FN[0-9a-f]{32}$/);

/** The Steps API's view of an engine execution, for comparing the two. */
const engineSteps = (e: Execution) =>
  e.steps.map((s) => ({
    name: s.name,
    transitionedFrom: s.transitioned_from,
    transitionedTo: s.transitioned_to,
    type: s.type,
    context: s.context,
  }));

async function apiSteps(flowSid: string, sid: string) {
  const steps = await t.client.studio.v2.flows(flowSid).executions(sid).steps.list();
  return steps.map((s) => ({
    name: s.name,
    transitionedFrom: s.transitionedFrom,
    transitionedTo: s.transitionedTo,
    type: s.type,
    context: s.context,
  }));
}

describe("REST-triggered executions", () => {
  it("run the published revision with Parameters in flow.data; context and steps are the engine's", async () => {
    const flowSid = await deploy(survey());
    const parameters = { name: "Ada", plan: "basic" };
    const executions = t.client.studio.v2.flows(flowSid).executions;
    const created = await executions.create({ to: contact, from: number, parameters });
    const local = await startExecution(
      survey(),
      { event: "incomingRequest", from: number, to: contact, parameters },
      { flowSid, executionSid: created.sid },
    );
    const url = `${t.emulator.url}/v2/Flows/${flowSid}/Executions/${created.sid}`;
    expect(created.toJSON()).toEqual({
      sid: fnSid,
      accountSid,
      flowSid,
      contactChannelAddress: contact,
      contactSid: expect.stringMatching(/^FC[0-9a-f]{32}$/),
      flowVersion: 1,
      context: local.context,
      status: "active",
      dateCreated: expect.any(Date),
      dateUpdated: expect.any(Date),
      initiatedBy: null,
      url,
      links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
    });
    const context = await executions(created.sid).executionContext().fetch();
    expect(context.context).toMatchObject({
      flow: { data: parameters },
      trigger: { request: { parameters } },
    });
    expect(await apiSteps(flowSid, created.sid)).toEqual(engineSteps(local));

    // The contact answers by SMS: the message goes to the execution waiting for it.
    const reply = await t.raw("POST", "/studiokit/v1/Inbound", { From: contact, To: number, Body: "gold" });
    expect(reply).toMatchObject({ status: 200 });
    expect(reply.json).toEqual({
      conversation_sid: null,
      conversation_created: false,
      message_sid: null,
      executions: [
        {
          sid: created.sid,
          flow_sid: flowSid,
          contact_channel_address: contact,
          status: "ended",
          started: false,
          waiting_at: null,
          last_step: { name: "sent", transitioned_from: "thanks", transitioned_to: "Ended" },
        },
      ],
      replies: [
        {
          from: number,
          to: contact,
          body: "Thanks, gold it is",
          widget: "thanks",
          execution_sid: created.sid,
          conversation_sid: null,
          // Sent outside Conversations: a plain SMS, listed by client.messages.list.
          message_sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        },
      ],
      notices: [],
    });
    await local.reply("gold", { AccountSid: accountSid, From: contact, To: number });
    expect(await apiSteps(flowSid, created.sid)).toEqual(engineSteps(local));
    expect((await executions(created.sid).fetch()).status).toBe("ended");

    const [first] = await t.client.studio.v2.flows(flowSid).executions(created.sid).steps.list();
    const step = await executions(created.sid).steps(first!.sid).fetch();
    expect(step.toJSON()).toMatchObject({ sid: first!.sid, parentStepSid: null, name: "incomingRequest" });
    const stepContext = await executions(created.sid).steps(first!.sid).stepContext().fetch();
    expect(stepContext.toJSON()).toEqual({
      accountSid,
      context: local.steps[0]!.context,
      executionSid: created.sid,
      flowSid,
      stepSid: first!.sid,
      url: `${url}/Steps/${first!.sid}/Context`,
    });
  });

  it("keep one active execution per contact per flow; ended or deleted ones make room", async () => {
    const flowSid = await deploy(survey());
    const executions = t.client.studio.v2.flows(flowSid).executions;
    const a = await executions.create({ to: contact, from: number, parameters: { name: "Ada" } });
    const again = await executions.create({ to: contact, from: number, parameters: { name: "Bob" } });
    expect({ sid: again.sid, data: (again.context as { flow: { data: unknown } }).flow.data }).toEqual({
      sid: a.sid,
      data: { name: "Ada" },
    });
    const b = await executions.create({ to: other, from: number });
    expect(b.sid).not.toBe(a.sid);
    expect((await executions.list()).map((e) => [e.sid, e.status])).toEqual([
      [b.sid, "active"],
      [a.sid, "active"],
    ]);
    expect((await executions(a.sid).update({ status: "ended" })).status).toBe("ended");
    const c = await executions.create({ to: contact, from: number });
    expect(c.sid).not.toBe(a.sid);
    expect((await executions.list({ status: "ended" })).map((e) => e.sid)).toEqual([a.sid]);
    expect((await executions.list({ status: "active" })).map((e) => e.sid)).toEqual([c.sid, b.sid]);
    // An execution ended through the API takes no more messages: the reply goes nowhere.
    await executions(c.sid).update({ status: "ended" });
    const nowhere = await t.raw("POST", "/studiokit/v1/Inbound", { From: contact, To: number, Body: "gold" });
    expect(nowhere).toMatchObject({ status: 404, json: { code: 20404 } });
    expect(await executions(a.sid).remove()).toBe(true);
    expect(await rejection(executions(a.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
  });

  it("run the latest revision for test users and the latest published one for everyone else", async () => {
    const flowSid = await deploy(survey("Hello"));
    const flows = t.client.studio.v2.flows;
    await flows(flowSid).update({ status: "draft", definition: survey("Howdy") });
    await flows(flowSid)
      .testUsers()
      .update({ testUsers: [other] });
    const executions = flows(flowSid).executions;
    const everyone = await executions.create({ to: contact, from: number, parameters: { name: "Ada" } });
    const tester = await executions.create({ to: other, from: number, parameters: { name: "Bob" } });
    expect([everyone.flowVersion, tester.flowVersion]).toEqual([1, 2]);
    const steps = await executions(tester.sid).steps.list();
    expect(steps.map((s) => [s.transitionedFrom, s.transitionedTo])).toEqual([["Trigger", "ask"]]);
    const draftOnly = await deploy(survey(), "draft");
    expect(await rejection(flows(draftOnly).executions.create({ to: contact, from: number }))).toEqual({
      status: 400,
      code: 20001,
      message: `flow ${draftOnly} has no published revision for ${contact} to run; publish it (Status=published) or add ${contact} to its TestUsers`,
      details: undefined,
    });
  });

  it("time out when the simulated clock moves past the widget's timeout", async () => {
    // An emulator of its own: the clock moves every execution on it.
    const own = await withEmulator();
    const created = await own.client.studio.v2.flows.create({
      friendlyName: "survey",
      status: "published",
      definition: survey(),
    });
    const executions = own.client.studio.v2.flows(created.sid).executions;
    const e = await executions.create({ to: "+15558675399", from: number, parameters: { name: "Cy" } });
    const early = await own.raw("POST", "/studiokit/v1/Clock", { Advance: "599" });
    expect(early.json).toMatchObject({ advanced_seconds: 599, executions: [], replies: [], notices: [] });
    const due = await own.raw("POST", "/studiokit/v1/Clock", { Advance: "1" });
    expect(due.json).toEqual({
      now: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      advanced_seconds: 1,
      conversation_sid: null,
      conversation_created: false,
      message_sid: null,
      executions: [
        {
          sid: e.sid,
          flow_sid: created.sid,
          contact_channel_address: "+15558675399",
          status: "ended",
          started: false,
          waiting_at: null,
          last_step: { name: "sent", transitioned_from: "bye", transitioned_to: "Ended" },
        },
      ],
      replies: [
        {
          from: number,
          to: "+15558675399",
          body: "No answer; bye",
          widget: "bye",
          execution_sid: e.sid,
          conversation_sid: null,
          message_sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        },
      ],
      notices: [],
    });
    const started = Date.parse((early.json as { now: string }).now) - 599_000;
    expect(Date.parse((due.json as { now: string }).now) - started).toBe(600_000);
    const now = await own.raw("GET", "/studiokit/v1/Clock");
    expect(now.json).toEqual({ now: (due.json as { now: string }).now });
    const steps = await executions(e.sid).steps.list();
    expect(steps.map((s) => `${s.transitionedFrom} -${s.name}-> ${s.transitionedTo}`)).toEqual([
      "Trigger -incomingRequest-> ask",
      "ask -timeout-> bye",
      "bye -sent-> Ended",
    ]);
    await own.emulator.close();
  });

  it("answer bad input with Twilio's error shape", async () => {
    const flowSid = await deploy(survey());
    const base = `/v2/Flows/${flowSid}/Executions`;
    const cases = await Promise.all([
      t.raw("POST", base, { From: number }),
      t.raw("POST", base, { To: contact, From: number, Parameters: "{name" }),
      t.raw("POST", base, { To: contact, From: number, Parameters: "[1]" }),
      t.raw("GET", `${base}/FN${"0".repeat(32)}`),
      t.raw("GET", `/v2/Flows/FW${"0".repeat(32)}/Executions`),
      t.raw("GET", `${base}?Status=paused`),
      t.raw("POST", "/studiokit/v1/Clock", { Advance: "soon" }),
      t.raw("POST", "/studiokit/v1/Inbound", { From: contact }),
    ]);
    expect(cases.map((c) => [c.status, (c.json as { message: string }).message])).toEqual([
      [400, "Missing required parameter To in the post body"],
      [400, 'Invalid parameter Parameters: not JSON; send an object such as {"name":"Ada"}'],
      [400, 'Invalid parameter Parameters: expected a JSON object such as {"name":"Ada"}'],
      [404, `The requested resource ${base}/FN${"0".repeat(32)} was not found`],
      [404, `The requested resource /v2/Flows/FW${"0".repeat(32)}/Executions was not found`],
      [400, 'Invalid parameter Status: "paused" is not one of active, ended'],
      [400, 'Invalid parameter Advance: expected a number of seconds such as 3600, got "soon"'],
      [400, "Missing required parameter To in the post body"],
    ]);
    const ended = await t.client.studio.v2.flows(flowSid).executions.create({ to: contact, from: number });
    await t.client.studio.v2.flows(flowSid).executions(ended.sid).update({ status: "ended" });
    expect(
      await rejection(t.client.studio.v2.flows(flowSid).executions(ended.sid).update({ status: "active" })),
    ).toMatchObject({
      status: 400,
      message: `Execution ${ended.sid} has ended; Status can only be set to ended`,
    });
  });
});

describe("live Run Subflow widgets", () => {
  it("run the subflow deployed to the emulator, in the parent's execution", async () => {
    const child: FlowDefinition = {
      description: "child",
      initial_state: "Trigger",
      states: [
        widget("Trigger", "trigger", { incomingParent: "vars" }),
        widget(
          "vars",
          "set-variables",
          { next: undefined },
          { variables: [{ key: "double", value: "{{trigger.parent.parameters.n | times: 2}}" }] },
        ),
      ],
    };
    const childSid = await deploy(child);
    const parent = flow(
      "incomingRequest",
      "sub",
      widget(
        "sub",
        "run-subflow",
        { completed: "done", failed: undefined },
        {
          flow_sid: childSid,
          flow_revision: "LatestPublished",
          parameters: [{ key: "n", value: "{{flow.data.n}}" }],
        },
      ),
      widget("done", "send-message", sent, say("twice {{flow.data.n}} is {{widgets.sub.double}}")),
    );
    const parentSid = await deploy(parent);
    const e = await t.client.studio.v2.flows(parentSid).executions.create({
      to: contact,
      from: number,
      parameters: { n: 21 },
    });
    expect(e.status).toBe("ended");
    expect(t.emulator.live.sent.at(-1)).toMatchObject({ executionSid: e.sid, body: "twice 21 is 42" });
    const steps = await t.client.studio.v2.flows(parentSid).executions(e.sid).steps.list();
    expect(steps.map((s) => `${s.transitionedFrom} -${s.name}-> ${s.transitionedTo}`)).toEqual([
      "Trigger -incomingRequest-> sub",
      "Trigger -incomingParent-> vars",
      "vars -next-> Ended",
      "sub -completed-> done",
      "done -sent-> Ended",
    ]);
  });
});

describe("live HTTP Request widgets", () => {
  it("call real servers and feed the answer back into the flow", async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ greeting: "hello" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/greet`;
    try {
      const definition = flow(
        "incomingRequest",
        "fetch",
        widget(
          "fetch",
          "make-http-request",
          { success: "greet", failed: undefined },
          {
            method: "GET",
            url: api,
            content_type: "application/x-www-form-urlencoded;charset=utf-8",
            parameters: [{ key: "name", value: "{{flow.data.name}}" }],
          },
        ),
        widget("greet", "send-message", sent, say("{{widgets.fetch.parsed.greeting}}, {{flow.data.name}}")),
      );
      const flowSid = await deploy(definition);
      const e = await t.client.studio.v2.flows(flowSid).executions.create({
        to: contact,
        from: number,
        parameters: { name: "Ada" },
      });
      expect(seen).toEqual(["GET /greet?name=Ada"]);
      expect({
        status: e.status,
        fetch: (e.context as { widgets: Record<string, unknown> }).widgets["fetch"],
      }).toMatchObject({ status: "ended", fetch: { status_code: 200, parsed: { greeting: "hello" } } });
      expect(t.emulator.live.sent.at(-1)).toMatchObject({
        body: "hello, Ada",
        to: contact,
        conversationSid: null,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

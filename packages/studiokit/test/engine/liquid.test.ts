import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pacificOffsetMinutes, parseTemplate, renderLiquid, studioLiquid } from "../../src/engine";
import { flow, run, sms, twilio, widget } from "./helpers";

const scope = {
  flow: { sid: "FN1", variables: { count: 2, name: "Ada" }, data: {} },
  trigger: { message: { Body: " Hello " } },
  widgets: { fn: { parsed: { items: ["a", "b"], open: true, nested: { k: 1 } } } },
  contact: { channel: { address: "+1555" } },
};
const jan = Date.parse("2024-01-15T17:00:00Z");
const jul = Date.parse("2024-07-01T17:00:00Z");

function render(source: string, now = jan) {
  const warnings: string[] = [];
  const value = renderLiquid(
    source,
    scope,
    now,
    (code, message) => void warnings.push(`${code}: ${message}`),
  );
  return { value, warnings };
}

describe("engine/liquid", () => {
  it("renders missing variables as empty text", () => {
    expect(render("[{{widgets.nope.body}}][{{trigger.parameters.x}}]")).toEqual({
      value: "[][]",
      warnings: [],
    });
  });

  it("has the standard filters, Studio's counter idiom and bracket access", () => {
    expect(
      render("{{ flow.variables.count | plus: 1 }}|{{ trigger.message.Body | strip | downcase }}").value,
    ).toBe("3|hello");
    expect(
      render("{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}0{% endif %}").value,
    ).toBe("3");
    expect(
      render(
        "{{ flow.variables.missing | default: 'none' }}|{{ 'a b' | url_encode }}|{{ widgets.fn.parsed.items | size }}",
      ).value,
    ).toBe("none|a+b|2");
    expect(render(`{{ widgets["fn"].parsed["open"] }}`).value).toBe("true");
    expect(
      render("{%- case flow.variables.name -%}{%- when 'Ada' -%}hi Ada{%- else -%}who{%- endcase -%}").value,
    ).toBe("hi Ada");
  });

  it("adds to_json", () => {
    expect(render("{{ widgets.fn.parsed | to_json }}").value).toBe(
      '{"items":["a","b"],"open":true,"nested":{"k":1}}',
    );
    expect(render("{{ widgets.none | to_json }}").value).toBe("null");
  });

  it("formats dates in US Pacific time from the simulated clock (PST in winter, PDT in summer)", () => {
    expect(render("{{ 'now' | date: '%Y-%m-%d %H:%M' }}", jan).value).toBe("2024-01-15 09:00");
    expect(render("{{ 'now' | date: '%H:%M' }}", jul).value).toBe("10:00");
    expect(render("{{ '2024-03-01T12:00:00Z' | date: '%H' }}").value).toBe("04");
  });

  it("stops for loops after 15 iterations, with a warning", () => {
    const result = render("{% for i in (1..20) %}{{i}},{% endfor %}");
    expect(result).toEqual({
      value: "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,",
      warnings: ["liquid: a {% for %} loop stopped after 15 iterations (Studio's limit)"],
    });
    expect(render("{% for i in (1..15) %}{{i}}{% endfor %}").warnings).toEqual([]);
    expect(
      render("{% for i in (1..3) %}{% for j in (1..3) %}{{i}}{{j}} {% endfor %}{% endfor %}").value,
    ).toBe("11 12 13 21 22 23 31 32 33 ");
  });

  it("caps a rendered value at 16 KB", () => {
    const result = render(
      "{% for i in (1..15) %}{{ 'é' | append: '' }}{% endfor %}{{ flow.variables.name | prepend: '" +
        "x".repeat(17000) +
        "' }}",
    );
    expect(Buffer.byteLength(result.value)).toBeLessThanOrEqual(16 * 1024);
    expect(Buffer.byteLength(result.value)).toBeGreaterThan(16 * 1024 - 4);
    expect(result.warnings).toEqual([
      `liquid: a rendered value of ${17033} bytes was cut to Studio's 16 KB limit`,
    ]);
  });

  it("keeps text that is not valid Liquid and warns", () => {
    expect(render("{% if %}broken")).toEqual({
      value: "{% if %}broken",
      warnings: [
        expect.stringMatching(/^liquid: Liquid does not parse \(.+\); the text is used as written$/),
      ],
    });
  });

  it("parses each distinct source once and skips Liquid for plain text", () => {
    const source = "{{ flow.sid }} cached";
    expect(parseTemplate(source)).toBe(parseTemplate(source));
    expect(parseTemplate("plain text")).toBeNull();
  });
});

describe("engine/liquid in a flow", () => {
  it("renders widget properties against flow, trigger, widgets and contact", async () => {
    const d = flow(
      "incomingMessage",
      "vars",
      widget(
        "vars",
        "set-variables",
        { next: "send" },
        { variables: [{ key: "greeting", value: "Hi {{trigger.message.Body | upcase}}" }] },
      ),
      widget(
        "send",
        "send-message",
        { sent: undefined, failed: undefined },
        {
          from: "{{flow.channel.address}}",
          body: "{{flow.variables.greeting}} from {{flow.flow_sid}} in {{flow.sid}} to {{contact.channel.address}}; {{widgets.vars.missing}}.",
        },
      ),
    );
    const e = await run(d, sms("bob"));
    expect(e.transcript).toEqual([
      {
        kind: "send",
        widget: "send",
        from: twilio,
        to: "+15558675310",
        body: "Hi BOB from FW00000000000000000000000000000001 in FN00000000000000000000000000000001 to +15558675310; .",
      },
    ]);
  });
});

describe("engine/liquid fast path for plain {{ path }} templates", () => {
  const liquid = studioLiquid();
  const noWarn = () => undefined;
  const key = fc.constantFrom("a", "b", "items", "size", "first", "true", "x_1");
  const leaf = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const data = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(key, tie("node"), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).node;
  const segment = fc.oneof(
    key.map((k) => `.${k}`),
    fc.nat(3).map((i) => `[${i}]`),
  );
  const source = fc
    .tuple(key, fc.array(segment, { maxLength: 4 }), fc.constantFrom("", " ", "- "))
    .map(([first, rest, pad]) => `{{${pad}${first}${rest.join("")}${pad.trim() ? " -" : pad}}}`);

  it("renders exactly what liquidjs renders", () => {
    fc.assert(
      fc.property(fc.dictionary(key, data, { maxKeys: 5, noNullPrototype: true }), source, (scope, src) => {
        expect(renderLiquid(src, scope, jan, noWarn)).toBe(String(liquid.parseAndRenderSync(src, scope)));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("keeps the path only for templates it can resolve alone", () => {
    expect(parseTemplate("{{ widgets.ask.inbound.Body }}")).toMatchObject({
      path: ["widgets", "ask", "inbound", "Body"],
    });
    expect(parseTemplate("{{ a.items[2].b }}")).toMatchObject({ path: ["a", "items", "2", "b"] });
    for (const src of [
      "{{ a.size }}",
      "{{ true }}",
      "{{ a | upcase }}",
      "x {{ a }}",
      "{{ a-b }}",
      '{{ a["b"] }}',
    ])
      expect(parseTemplate(src)).not.toHaveProperty("path");
  });
});

describe("engine/liquid Pacific time", () => {
  it("knows the DST switches of US Pacific time", () => {
    expect(pacificOffsetMinutes(Date.parse("2024-03-10T09:59:59Z"))).toBe(480);
    expect(pacificOffsetMinutes(Date.parse("2024-03-10T10:00:00Z"))).toBe(420);
    expect(pacificOffsetMinutes(Date.parse("2024-11-03T08:59:59Z"))).toBe(420);
    expect(pacificOffsetMinutes(Date.parse("2024-11-03T09:00:00Z"))).toBe(480);
  });

  it("names days and months in English and honours an explicit offset argument", () => {
    expect(render("{{ 'now' | date: '%A %B %-d' }}", jan).value).toBe("Monday January 15");
    expect(render("{{ 'now' | date: '%H:%M', 0 }}", jan).value).toBe("17:00");
    expect(render("{{ 1705338000 | date: '%H:%M' }}").value).toBe("09:00");
  });
});

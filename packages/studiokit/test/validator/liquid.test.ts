import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { Liquid } from "liquidjs";
import { ask, definition, sendMessage, split, trigger } from "./flows";

describe("Liquid syntax", () => {
  it("reports the property path, line and column of every broken template, kv lists and conditions included", () => {
    const http = {
      name: "http",
      type: "make-http-request",
      transitions: [{ event: "success" }, { event: "failed" }],
      properties: {
        method: "POST",
        url: "https://example.com/{{ flow.variables.id }}",
        content_type: "application/x-www-form-urlencoded;charset=utf-8",
        parameters: [{ key: "name", value: "{{widgets.ask.inbound.Body" }],
        body: "line one\n{% if widgets.ask.inbound.Body %}yes",
      },
    };
    const choose = split("choose", "{{ widgets.ask.inbound.Body | }}", [
      { next: "http", type: "equal_to", value: "{{ }}" },
    ]);
    expect(validateDefinition(definition(trigger("ask"), ask("ask", "choose"), choose, http))).toEqual([
      {
        code: "liquid-syntax",
        severity: "error",
        path: "states[2].transitions[1].conditions[0].value",
        widget: "choose",
        message: 'Liquid syntax error at line 1, column 4: invalid value expression: ""',
      },
      {
        code: "liquid-syntax",
        severity: "error",
        path: "states[3].properties.parameters[0].value",
        widget: "http",
        message: 'Liquid syntax error at line 1, column 1: output "{{widgets.ask.inbound.Body" not closed',
      },
      {
        code: "liquid-syntax",
        severity: "error",
        path: "states[3].properties.body",
        widget: "http",
        message: "Liquid syntax error at line 2, column 1: tag {% if widgets.ask.inbound.Body %} not closed",
      },
    ]);
  });

  it("keeps the echo of long markup short", () => {
    const name = "x".repeat(60);
    const messages = (text: string) =>
      validateDefinition(definition(trigger("reply"), sendMessage("reply", text))).map((i) => i.message);
    expect(messages(`{% ${name} %}`)).toEqual([
      `Liquid syntax error at line 1, column 1: tag "${"x".repeat(40)}…" not found`,
    ]);
    expect(messages(`{% for in ${name} %}{% endfor %}`)).toEqual([
      `Liquid syntax error at line 1, column 1: illegal tag: {% for in ${"x".repeat(32)}…%}`,
    ]);
  });
});

describe("Liquid references", () => {
  it("finds widgets.NAME through filters, tags, bracket access and loops, with did-you-mean", () => {
    const body = [
      "Hi {{ widgets.ask_nam.inbound.Body | upcase }}",
      "{% if widgets.lookup.parsed.ok %}{% for item in widgets.lookup.parsed.items %}{{ item.name }}{% endfor %}{% endif %}",
      '{% case widgets["ask"].inbound.Body %}{% when "1" %}one{% endcase %}',
      "{{ widgets[flow.variables.which].body }}{% assign n = widgets.ask.inbound.Body %}{{ n }}",
    ].join("\n");
    expect(
      validateDefinition(definition(trigger("ask"), ask("ask", "reply"), sendMessage("reply", body))),
    ).toEqual([
      {
        code: "unknown-widget-reference",
        severity: "warning",
        path: "states[2].properties.body",
        widget: "reply",
        message:
          'Liquid at line 1, column 7 reads widgets.ask_nam, but no widget is named "ask_nam", so it renders empty; did you mean "ask"?',
      },
      {
        code: "unknown-widget-reference",
        severity: "warning",
        path: "states[2].properties.body",
        widget: "reply",
        message:
          'Liquid at line 2, column 7 reads widgets.lookup, but no widget is named "lookup", so it renders empty',
      },
    ]);
  });

  it("says a widget read by a reached one exists but that nothing leads to it, once per string", () => {
    const body = "{{widgets.lookup.parsed.id}} {{widgets.lookup.status_code}}";
    const lookup = {
      name: "lookup",
      type: "make-http-request",
      transitions: [{ event: "success", next: "reply" }, { event: "failed" }],
      properties: { method: "GET", url: "https://example.com", content_type: "application/json" },
    };
    expect(validateDefinition(definition(trigger("reply"), lookup, sendMessage("reply", body)))).toEqual([
      {
        code: "unreachable",
        severity: "warning",
        path: "states[1]",
        widget: "lookup",
        message: 'no transition leads here from "Trigger", so it never runs; connect it or delete it',
      },
      {
        code: "unreached-widget-reference",
        severity: "warning",
        path: "states[2].properties.body",
        widget: "reply",
        message:
          'Liquid at line 1, column 3 reads widgets.lookup: widget "lookup" exists but nothing leads to it from "Trigger", so it never runs and this renders empty; wire it into the flow',
      },
    ]);
  });

  it("does not report what an unreached widget reads of another unreached one (it never runs)", () => {
    const first = sendMessage("first", "{{widgets.second.outbound.Sid}}");
    const second = sendMessage("second", "{{widgets.first.outbound.Sid}}");
    const issues = validateDefinition(definition(trigger("reply"), first, second, sendMessage("reply")));
    expect(issues.map((i) => [i.code, i.widget])).toEqual([
      ["unreachable", "first"],
      ["unreachable", "second"],
    ]);
  });

  it("warns about variables Studio does not provide", () => {
    const body =
      "{{ widget.ask.inbound.Body }} {{ flow.variables.x }} {{ trigger.message.Body }} {{ contact.channel.address }}";
    expect(
      validateDefinition(definition(trigger("ask"), ask("ask", "reply"), sendMessage("reply", body))),
    ).toEqual([
      {
        code: "unknown-liquid-variable",
        severity: "warning",
        path: "states[2].properties.body",
        widget: "reply",
        message:
          'Liquid at line 1, column 4 reads "widget", which Studio does not provide (it provides flow, trigger, widgets, contact), so it renders empty; did you mean "widgets"?',
      },
    ]);
  });
});

/**
 * Simple outputs such as `{{widgets.ask.inbound.Body}}` skip liquidjs (a fast path); whatever
 * path a string takes, the findings must be liquidjs's own. The oracle parses with liquidjs here.
 */
describe("Liquid findings agree with liquidjs", () => {
  const liquid = new Liquid();
  const known = new Set(["Trigger", "reply"]);
  const roots = new Set(["flow", "trigger", "widgets", "contact"]);

  function oracle(text: string): string[] {
    let globals;
    try {
      globals = liquid.analyzeSync(liquid.parse(text), { partials: false }).globals;
    } catch (error) {
      const [line, column] = (error as { token: { getPosition(): number[] } }).token.getPosition();
      return [`liquid-syntax ${line}:${column}`];
    }
    const refs = Object.values(globals)
      .flat()
      .sort((a, b) => a.location.row - b.location.row || a.location.col - b.location.col);
    const found = new Map<string, string>();
    for (const ref of refs) {
      const [root, name] = ref.segments;
      const at = `${ref.location.row}:${ref.location.col}`;
      const key = `${String(root)}.${String(name)}`;
      if (typeof root !== "string" || found.has(key)) continue;
      if (!roots.has(root)) found.set(key, `unknown-liquid-variable ${at} ${root}`);
      else if (root === "widgets" && typeof name === "string" && !known.has(name))
        found.set(key, `unknown-widget-reference ${at} ${name}`);
    }
    return [...found.values()];
  }

  function findings(text: string): string[] {
    // Only the Liquid findings: an empty body is also a message without content.
    const liquidCodes = ["liquid-syntax", "unknown-liquid-variable", "unknown-widget-reference"];
    const issues = validateDefinition(definition(trigger("reply"), sendMessage("reply", text)));
    return issues
      .filter((issue) => liquidCodes.includes(issue.code))
      .map((issue) => {
        const [, line, column] = /line (\d+), column (\d+)/.exec(issue.message) ?? [];
        const name = /reads (?:widgets\.(\S+),|"(\S+)")/.exec(issue.message);
        return [`${issue.code} ${line}:${column}`, name?.[1] ?? name?.[2]].filter(Boolean).join(" ");
      });
  }

  it("on hand-picked strings", () => {
    const samples = [
      "Hi {{widgets.ask.inbound.Body}}\n{{- flow.variables.n | plus: 1 -}}",
      "{% if widgets.x.ok %}{{ widgets.y.z }}{% endif %}",
      '{{ widgets["a b"].c }} {{ true }} {{{x}}} {{ widget.a }}',
      "{{ reply.x }} {{ widgets.reply.outbound.Sid }}",
    ];
    expect(samples.map(findings)).toEqual(samples.map(oracle));
    expect(findings(samples[0]!)).toEqual(["unknown-widget-reference 1:6 ask"]);
  });

  it("on generated strings", () => {
    const piece = fc.constantFrom(
      "{{",
      "}}",
      "{%",
      "%}",
      "{",
      "}",
      "-",
      " ",
      "\n",
      "|",
      ":",
      ",",
      ".",
      "'x'",
      '"y"',
      "1",
      "a",
      "widgets",
      "widgets.ask",
      "flow",
      "true",
      "upcase",
      "plus",
      "[0]",
      "{{ widgets.a.b }}",
      "{{x|plus:1}}",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(findings(text)).toEqual(oracle(text));
      }),
      { numRuns: 2000 },
    );
  });
});

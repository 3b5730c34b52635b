import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTemplate, renderLiquid, renderLiquidReference } from "../../src/engine";

const jan = Date.parse("2024-01-15T17:00:00Z");
const items = Array.from({ length: 20 }, (_, i) => ({ name: `item ${i}`, price: 10 + i * 7 }));
const scope = {
  flow: {
    sid: "FN0123456789abcdef",
    variables: { count: 2, name: "Ada", total: "371", list: "a,b" },
    data: {},
  },
  trigger: { message: { Body: " ada VIP ", Items: items.slice(0, 8), Many: items } },
  widgets: {
    ask: { inbound: { Body: " Yes " } },
    fn: { parsed: { open: true, n: 0, s: "", tags: ["x", "y"] } },
  },
  contact: { channel: { address: "+15558675310" } },
};

/**
 * renderLiquid (compiled form) and renderLiquidReference (liquidjs alone): value and warnings.
 * Each renders its own copy of the data: `increment` writes to it.
 */
function both(source: string, data: object = scope) {
  const run = (render: typeof renderLiquid) => {
    const warnings: string[] = [];
    const value = render(
      source,
      structuredClone(data),
      jan,
      (code, message) => void warnings.push(`${code}: ${message}`),
    );
    return { value, warnings };
  };
  return { compiled: run(renderLiquid), reference: run(renderLiquidReference) };
}

const corpus = [
  // The Liquid-heavy benchmark flow's templates.
  "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}",
  "{{ trigger.message.Body | strip | split: ' ' | first | capitalize }}",
  "{% assign t = 0 %}{% for i in trigger.message.Items %}{% assign t = t | plus: i.price %}{% endfor %}{{ t }}",
  "{{ 'now' | date: '%A' }}",
  "{{ trigger.message.Items | map: 'name' | join: ', ' }}",
  "Hi {{flow.variables.name}}! {% for i in trigger.message.Items %}{{ i.name | capitalize }}: ${{ i.price | times: 1.2 | round: 2 }}{% unless forloop.last %}, {% endunless %}{% endfor %}.",
  "{% case widgets.ask.inbound.Body | strip | downcase %}{% when 'yes' %}Confirmed{% else %}Cancelled{% endcase %} {{ flow.sid | slice: 2, 8 | upcase }}",
  // Branches and operators.
  "{% if flow.variables.total > 100 and trigger.message.Body contains 'VIP' %}big{% elsif flow.variables.count == 2 %}two{% else %}other{% endif %}",
  "{% if widgets.fn.parsed.s == empty %}empty{% endif %}{% if widgets.fn.parsed.nope == nil %}nil{% endif %}{% if widgets.fn.parsed.s == blank %}blank{% endif %}",
  "{% unless widgets.fn.parsed.open %}closed{% elsif flow.variables.count %}counted{% else %}open{% endunless %}",
  "{% if not widgets.fn.parsed.open %}no{% else %}yes{% endif %}{% if widgets.fn.parsed.n %}zero is truthy{% endif %}",
  "{% case flow.variables.count %}{% when 1, 2 %}one or two{% when 2 %}two again{% else %}none{% endcase %}",
  "{% case 'x' %}{% when 'y' or 'z' %}no{% endcase %}-",
  // Loops: modifiers, ranges, break, continue, forloop fields, else, the 15-iteration cap.
  "{% for i in trigger.message.Items limit: 3 offset: 2 %}{{ forloop.index }}/{{ forloop.length }}:{{ i.name }}{% unless forloop.last %},{% endunless %}{% endfor %}",
  "{% for i in trigger.message.Items reversed %}{{ i.price }}{% if i.price > 40 %}{% continue %}{% endif %}!{% if forloop.index0 == 5 %}{% break %}{% endif %}{% endfor %}",
  "{% for i in (1..4) %}{{ i }}{{ forloop.rindex }}{{ forloop.first }}{% endfor %}{% for x in widgets.fn.parsed.none %}x{% else %}nothing{% endfor %}",
  "{% for i in trigger.message.Many %}{{ forloop.index }} {% endfor %}",
  "{% for i in (1..3) %}{{ forloop | to_json }}{% endfor %}",
  "{% for c in flow.variables.name %}[{{ c }}]{% endfor %}{% for kv in widgets.fn.parsed %}{{ kv[0] }}{% endfor %}",
  "{% for a in (1..2) %}{% for b in (1..2) %}{{ a }}{{ b }}{% if b == 1 %}{% break %}{% endif %}{% endfor %};{% endfor %}",
  // Tags the compiled form hands to liquidjs, filters with keyword arguments, unknown filters.
  "{% capture c %}{{ flow.variables.name | upcase }}{% endcapture %}{{ c | append: '!' }}{% raw %}{{ x }}{% endraw %}",
  "{% increment k %}{% increment k %}{% cycle 'a', 'b' %}{% cycle 'a', 'b' %}{% comment %}no{% endcomment %}",
  "{{ flow.variables.list | split: ',' | last | default: 'none' }}{{ widgets.fn.parsed.s | default: 'dflt', allow_false: true }}",
  "{{ flow.variables.name | nosuchfilter | size }}{{ widgets.fn.parsed.tags.size }}{{ widgets.fn.parsed.tags.first }}",
  "{{ widgets.fn.parsed | to_json }}{{ widgets.fn.parsed.tags }}{{ trigger.message['Body'] }}",
  "{% assign k = 'Body' %}{{ trigger.message[k] | strip }}{{ 1 | divided_by: 0 }}after",
];

describe("engine/liquid compiled templates", () => {
  it("compiles every template of the corpus", () => {
    for (const source of corpus) expect(parseTemplate(source), source).toHaveProperty("compiled.length", 1);
  });

  it("render exactly what liquidjs renders, with the same warnings", () => {
    for (const source of corpus) {
      const { compiled, reference } = both(source);
      expect(compiled, source).toEqual(reference);
    }
    // The cap is reached and reported once, by both.
    expect(both("{% for i in trigger.message.Many %}{{ i.price }}{% endfor %}").compiled.warnings).toEqual([
      "liquid: a {% for %} loop stopped after 15 iterations (Studio's limit)",
    ]);
  });

  it("render what liquidjs renders for generated templates and data", () => {
    const name = fc.constantFrom("a", "b", "c", "size", "first");
    const leaf = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer({ min: -3, max: 30 }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(
      leaf,
      fc.array(leaf, { maxLength: 4 }),
      fc.dictionary(name, leaf, { maxKeys: 3, noNullPrototype: true }),
    );
    const data = fc.dictionary(name, value, { maxKeys: 4, noNullPrototype: true });
    const path = fc.tuple(name, fc.array(name, { maxLength: 2 })).map(([h, t]) => [h, ...t].join("."));
    const operand = fc.oneof(path, fc.constantFrom("1", "'b'", "empty", "nil", "true"));
    const test = fc.oneof(
      operand,
      fc.tuple(operand, fc.constantFrom("==", "!=", ">", "<=", "contains"), operand).map((p) => p.join(" ")),
      fc.tuple(operand, fc.constantFrom("and", "or"), operand).map((p) => p.join(" ")),
    );
    const filter = fc.constantFrom(
      "",
      " | size",
      " | upcase",
      " | first",
      " | join: '-'",
      " | plus: 1",
      " | default: 'd'",
    );
    const output = fc.tuple(operand, filter).map(([o, f]) => `{{ ${o}${f} }}`);
    const template = fc.letrec<{ t: string }>((tie) => ({
      t: fc.oneof(
        { depthSize: "small" },
        output,
        fc.constantFrom("x", " ", "{% break %}", "{% continue %}"),
        fc.tuple(test, tie("t"), tie("t")).map(([c, y, n]) => `{% if ${c} %}${y}{% else %}${n}{% endif %}`),
        fc.tuple(test, tie("t")).map(([c, y]) => `{% unless ${c} %}${y}{% endunless %}`),
        fc
          .tuple(path, tie("t"))
          .map(([p, b]) => `{% for v in ${p} %}{{ v }}{{ forloop.index }}${b}{% endfor %}`),
        fc
          .tuple(operand, operand, tie("t"))
          .map(([c, w, b]) => `{% case ${c} %}{% when ${w} %}${b}{% else %}e{% endcase %}`),
        fc.tuple(name, output).map(([n, o]) => `{% assign ${n} = ${o.slice(3, -3)} %}{{ ${n} }}`),
        fc.tuple(tie("t"), tie("t")).map(([x, y]) => x + y),
      ),
    })).t;
    fc.assert(
      fc.property(template, data, (source, d) => {
        const { compiled, reference } = both(source, d);
        expect(compiled).toEqual(reference);
      }),
      { numRuns: 1500, seed: 16 },
    );
  });

  it("keys parsed templates by their text: a new revision of a flow renders its new text", () => {
    const before = "{{ flow.variables.name | upcase }} v1";
    const after = "{{ flow.variables.name | downcase }} v2";
    expect(both(before).compiled.value).toBe("ADA v1");
    expect(parseTemplate(after)).not.toBe(parseTemplate(before));
    expect(both(after).compiled.value).toBe("ada v2");
    expect(both(before).compiled.value).toBe("ADA v1");
  });
});

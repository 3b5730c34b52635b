import type * as LiquidJs from "liquidjs";
import {
  type AssignTag,
  type CaseTag,
  type Context,
  type Drop,
  type Emitter,
  type Expression,
  type Filter,
  type ForTag,
  type IfTag,
  type Liquid,
  type Template,
  type Token,
  type UnlessTag,
  type Value,
  type ValueToken,
} from "liquidjs";
import { liquidjs } from "./liquidjs";

/**
 * Liquid compiled to plain closures. liquidjs renders through generators (one per node, value,
 * token and filter, driven by `toValueSync`), which costs more than the work itself for the
 * short templates flows are made of. The compiler walks the templates liquidjs parsed and
 * renders text, outputs, `if`, `unless`, `case`, `for`, `assign`, `break` and `continue`
 * directly, with liquidjs's own filters, operators, property reads (`Context.readProperty`) and
 * truthiness, so the text is the same; every other tag is handed to liquidjs's own `render` on
 * the same context. A render that throws is not trusted: the caller renders again with
 * liquidjs, which reports the error its own way.
 */
export type CompiledTemplate = (scope: object) => string;

/**
 * liquidjs's module, set by `compileTemplates`: everything below runs in what it compiles, so
 * after the module is loaded (./liquidjs.ts loads it on first use).
 */
let lj: typeof LiquidJs;

type Scope = Record<PropertyKey, unknown>;

/** One render: liquidjs's context (for filters and handed-over tags) and its scopes, innermost last. */
interface Render {
  readonly ctx: Context;
  readonly emitter: Emitter;
  /** The same scopes as the context's (which keeps them private): pushed and popped on both. */
  readonly scopes: Scope[];
}

type Node = (r: Render) => void;
/** A liquidjs operator: binary `(left, right, ctx)`, unary (`not`) `(value, ctx)`. */
type Operator = (...args: unknown[]) => unknown;
type Evaluate = (r: Render) => unknown;

/** liquidjs's SimpleEmitter (not exported): what `renderSync` collects. */
class TextEmitter implements Emitter {
  buffer = "";
  write(html: unknown): void {
    this.buffer += stringify(html);
  }
}

/** liquidjs's `stringify` (not exported): how an output becomes text. */
function stringify(input: unknown): string {
  const value = lj.toValue(input);
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(stringify).join("");
  return String(value);
}

/** liquidjs's `forloop` (its class is not exported): the same fields, methods and JSON text. */
function makeForloop(Drop: typeof LiquidJs.Drop) {
  return class Forloop extends Drop {
    // Declared in liquidjs's order, which `to_json` shows.
    i: number;
    length: number;
    name: string;
    constructor(length: number, name: string) {
      super();
      this.i = 0;
      this.length = length;
      this.name = name;
    }
    next(): void {
      this.i++;
    }
    index0(): number {
      return this.i;
    }
    index(): number {
      return this.i + 1;
    }
    first(): boolean {
      return this.i === 0;
    }
    last(): boolean {
      return this.i === this.length - 1;
    }
    rindex(): number {
      return this.length - this.i;
    }
    rindex0(): number {
      return this.length - this.i - 1;
    }
    override valueOf(): string {
      return JSON.stringify(this);
    }
  };
}

type Forloop = Drop & { next(): void };
let forloopClass: (new (length: number, name: string) => Forloop) | undefined;
const newForloop = (length: number, name: string): Forloop =>
  new (forloopClass ??= makeForloop(lj.Drop))(length, name);

function createScope(from?: Scope): Scope {
  const scope = Object.create(null) as Scope;
  return from ? Object.assign(scope, from) : scope;
}

const isObject = (value: unknown): value is object =>
  value !== null && (typeof value === "object" || typeof value === "function");

/** liquidjs's `toEnumerable` (not exported): what a `for` loop iterates. */
function toEnumerable(input: unknown): unknown[] {
  const value = lj.toValue(input);
  if (Array.isArray(value)) return value;
  if (typeof value === "string" && value.length > 0) return [value];
  if (isObject(value) && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
  if (isObject(value)) return Object.keys(value).map((key) => [key, (value as Scope)[key]]);
  return [];
}

function range(start: number, stop: number): number[] {
  const out: number[] = [];
  for (let i = start; i < stop; i++) out.push(i);
  return out;
}

const identity = (value: unknown): unknown => value;
const forModifiers = ["offset", "limit", "reversed"] as const;

/**
 * Compiles parsed templates for `liquid`, or returns undefined when its options change what a
 * render means in ways the compiled form does not follow (strict variables, kept output types,
 * output escaping): liquidjs then renders every time.
 */
export function compileTemplates(
  templates: readonly Template[],
  liquid: Liquid,
): CompiledTemplate | undefined {
  lj = liquidjs();
  const o = liquid.options;
  if (o.strictVariables || o.keepOutputType || o.outputEscape || o.catchAllErrors) return undefined;
  const root = new Compiler(liquid).block(templates);
  return (scope) => {
    const ctx = new lj.Context(scope, o, { sync: true }, { liquid });
    const render: Render = { ctx, emitter: new TextEmitter(), scopes: [ctx.bottom() as Scope] };
    root(render);
    return render.emitter.buffer;
  };
}

class Compiler {
  constructor(private readonly liquid: Liquid) {}

  /** liquidjs's `renderTemplates`: nodes in order until one calls break or continue. */
  block(templates: readonly Template[]): Node {
    const nodes = templates.map((t) => this.node(t));
    return (r) => {
      const ctx = r.ctx;
      ctx.renderLimit.check(performance.now());
      for (const node of nodes) {
        node(r);
        if (ctx.breakCalled || ctx.continueCalled) break;
      }
    };
  }

  node(t: Template): Node {
    if (lj.TypeGuards.isHTMLToken(t.token)) {
      const text = t.token.getContent();
      return (r) => void (r.emitter.buffer += text);
    }
    if (t instanceof lj.Output) {
      const value = this.value(t.value);
      return (r) => void (r.emitter.buffer += stringify(lj.toValue(value(r))));
    }
    if (t instanceof lj.IfTag) return this.ifTag(t);
    if (t instanceof lj.UnlessTag) return this.unlessTag(t);
    if (t instanceof lj.CaseTag) return this.caseTag(t);
    if (t instanceof lj.ForTag) return this.forTag(t);
    if (t instanceof lj.AssignTag) return this.assignTag(t);
    if (t instanceof lj.BreakTag) return (r) => void (r.ctx.breakCalled = true);
    if (t instanceof lj.ContinueTag) return (r) => void (r.ctx.continueCalled = true);
    return handOver(t);
  }

  ifTag(t: IfTag): Node {
    const branches = t.branches.map((b) => ({ test: this.value(b.value), body: this.block(b.templates) }));
    const otherwise = this.block(t.elseTemplates ?? []);
    return (r) => {
      for (const b of branches) {
        if (lj.isTruthy(lj.toValue(b.test(r)), r.ctx)) return b.body(r);
      }
      otherwise(r);
    };
  }

  unlessTag(t: UnlessTag): Node {
    const branches = t.branches.map((b) => ({
      value: this.value(b.value),
      test: b.test,
      body: this.block(b.templates),
    }));
    const otherwise = this.block(t.elseTemplates);
    return (r) => {
      for (const b of branches) {
        if (b.test(lj.toValue(b.value(r)), r.ctx)) return b.body(r);
      }
      otherwise(r);
    };
  }

  /** Every `when` whose value equals the target renders (liquidjs goes on after a hit). */
  caseTag(t: CaseTag): Node {
    const target = this.value(t.value);
    const branches = t.branches.map((b) => ({
      values: b.values.map((v) => this.token(v)),
      body: this.block(b.templates),
    }));
    const otherwise = this.block(t.elseTemplates);
    const equals = lj.defaultOperators["=="] as Operator;
    return (r) => {
      const value = lj.toValue(target(r));
      let hit = false;
      for (const b of branches) {
        for (const candidate of b.values) {
          if (lj.toValueSync(equals(value, candidate(r), r.ctx))) {
            b.body(r);
            hit = true;
            break;
          }
        }
      }
      if (!hit) otherwise(r);
    };
  }

  /** liquidjs's ForTag.render, with `offset: continue` and the modifiers as it reads them. */
  forTag(t: ForTag): Node {
    const collection = this.token(t.collection);
    const body = this.block(t.templates);
    const otherwise = this.block(t.elseTemplates);
    const variable = t.variable;
    const text = t.collection.getText();
    const continueKey = `continue-${variable}-${text}`;
    const hash = t.hash;
    const hasHash = Object.keys(hash.hash).length > 0;
    const ordered = this.liquid.options.orderedFilterParameters;
    return (r) => {
      const ctx = r.ctx;
      let items = toEnumerable(collection(r));
      if (!items.length) return otherwise(r);
      let offset: unknown = 0;
      if (hasHash) {
        push(r, createScope({ continue: ctx.getRegister(continueKey, {}) }));
        const args = lj.toValueSync(hash.render(ctx)) as Scope;
        pop(r);
        const modifiers = ordered
          ? Object.keys(args).filter((x) => (forModifiers as readonly string[]).includes(x))
          : forModifiers.filter((x) => args[x] !== undefined);
        for (const modifier of modifiers) {
          if (modifier === "offset") items = items.slice(args["offset"] as number);
          else if (modifier === "limit") items = items.slice(0, args["limit"] as number);
          else items = [...items].reverse();
        }
        offset = args["offset"];
      }
      ctx.setRegister(continueKey, ((offset as number) || 0) + items.length);
      const scope = createScope({ forloop: newForloop(items.length, `${variable}-${text}`) });
      push(r, scope);
      for (const item of items) {
        scope[variable] = item;
        ctx.continueCalled = ctx.breakCalled = false;
        body(r);
        if (ctx.breakCalled) break;
        (scope["forloop"] as Forloop).next();
      }
      ctx.continueCalled = ctx.breakCalled = false;
      pop(r);
    };
  }

  /** `assign` writes the outermost scope; its name and value are private in liquidjs's class. */
  assignTag(t: AssignTag): Node {
    const { key, value } = t as unknown as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || !(value instanceof lj.Value)) return handOver(t);
    const evaluate = this.value(value);
    return (r) => void (r.scopes[0]![key] = evaluate(r));
  }

  /** liquidjs's Value: the expression, then each filter in turn. */
  value(v: Value): Evaluate {
    const initial = this.expression(v.initial);
    const filters = v.filters.map((f) => this.filter(f));
    if (filters.length === 0) return initial;
    return (r) => {
      let value = initial(r);
      for (const filter of filters) value = filter(value, r);
      return value;
    };
  }

  /** liquidjs's Filter.render: arguments evaluated (Drops kept), the filter called with `this`. */
  filter(f: Filter): (value: unknown, r: Render) => unknown {
    const impl: unknown = this.liquid.filters[f.name];
    const handler = (
      typeof impl === "function"
        ? impl
        : isObject(impl) && typeof (impl as { handler?: unknown }).handler === "function"
          ? (impl as { handler: unknown }).handler
          : identity
    ) as (this: unknown, ...args: unknown[]) => unknown;
    const token = (f as unknown as { token?: unknown }).token;
    const liquid = this.liquid;
    const args = f.args.map((arg): Evaluate => {
      if (!Array.isArray(arg)) return this.token(arg);
      const [name, token] = arg;
      const evaluate = this.token(token);
      return (r) => [name, evaluate(r)];
    });
    if (args.length === 0)
      return (value, r) => lj.toValueSync(handler.call({ context: r.ctx, token, liquid }, value));
    return (value, r) => {
      const argv: unknown[] = [value];
      for (const arg of args) argv.push(arg(r));
      return lj.toValueSync(handler.apply({ context: r.ctx, token, liquid }, argv));
    };
  }

  /** liquidjs's Expression.evaluate over its postfix tokens; operators from liquid's options. */
  expression(e: Expression): Evaluate {
    const postfix = e.postfix;
    const only = postfix[0];
    if (postfix.length === 1 && only && !lj.TypeGuards.isOperatorToken(only)) return this.token(only);
    const operators = this.liquid.options.operators;
    const steps = postfix.map((token) => {
      if (!lj.TypeGuards.isOperatorToken(token)) return { operand: this.token(token) };
      const operator = operators[token.operator] as Operator;
      return { operator, unary: token.operator === "not" };
    });
    return (r) => {
      const operands: unknown[] = [];
      for (const step of steps) {
        if ("operand" in step) {
          operands.push(step.operand(r));
          continue;
        }
        const right = operands.pop();
        const result = step.unary ? step.operator(right, r.ctx) : step.operator(operands.pop(), right, r.ctx);
        operands.push(lj.toValueSync(result));
      }
      return operands[0];
    };
  }

  /** liquidjs's evalToken: literals, property access and ranges; anything else it evaluates. */
  token(token: Token | ValueToken | undefined): Evaluate {
    if (!token) return () => undefined;
    if ("content" in token) {
      const content = token.content;
      return () => content;
    }
    if (lj.TypeGuards.isPropertyAccessToken(token)) {
      const props = token.props.map((p) => {
        const evaluate = this.token(p);
        return (r: Render) => lj.toValue(evaluate(r));
      });
      const variable = token.variable === undefined ? undefined : this.token(token.variable);
      const constant = token.props.every((p) => "content" in p && !isObject(p.content));
      if (constant && !variable) {
        const keys = token.props.map((p) => (p as { content: unknown }).content);
        return (r) => read(r, findScope(r, keys[0]), keys);
      }
      return (r) => {
        const keys = props.map((p) => p(r));
        return read(r, variable ? variable(r) : findScope(r, keys[0]), keys);
      };
    }
    if (lj.TypeGuards.isRangeToken(token)) {
      const low = this.token(token.lhs);
      const high = this.token(token.rhs);
      return (r) => {
        const from = lj.toValue(low(r)) as number;
        const to = lj.toValue(high(r)) as number;
        r.ctx.memoryLimit.use(to - from + 1);
        return range(+from, +to + 1);
      };
    }
    return (r) => lj.toValueSync(lj.evalToken(token, r.ctx));
  }
}

/** Context.findScope (private): the innermost scope that has `key`, else the data, else globals. */
function findScope(r: Render, key: unknown): unknown {
  const scopes = r.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const candidate = scopes[i]!;
    if ((key as PropertyKey) in candidate) return candidate;
  }
  const environments = r.ctx.environments;
  return (key as PropertyKey) in environments ? environments : r.ctx.globals;
}

/** Context._getFromScope without its generators (strict variables are never compiled). */
function read(r: Render, from: unknown, keys: readonly unknown[]): unknown {
  let value = from;
  for (const key of keys) value = lj.toValueSync(r.ctx.readProperty(value as Scope, key as string));
  return value;
}

function push(r: Render, scope: Scope): void {
  r.ctx.push(scope);
  r.scopes.push(scope);
}

function pop(r: Render): void {
  r.ctx.pop();
  r.scopes.pop();
}

/** A node liquidjs renders itself, on the same context and emitter. */
function handOver(t: Template): Node {
  return (r) => {
    const html: unknown = lj.toValueSync(t.render(r.ctx, r.emitter));
    if (html) r.emitter.write(html);
  };
}

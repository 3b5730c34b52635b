import type * as yamlModule from "yaml";
import { type Document, type LineCounter } from "yaml";

type Yaml = typeof yamlModule;
let yaml: Yaml | undefined;
/** `yaml` takes ~50 ms to load; a run whose files are all usable never needs it. */
function loadYaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yaml ??= require("yaml") as Yaml);
}

/**
 * Finds the 1-based line of a node in a YAML text by its path (`["scenarios", 0, "steps", 2]`):
 * the line of the map key for a map entry, of the item for a sequence item. When the path
 * leaves the document (a missing key), the deepest line reached is returned.
 *
 * Values come from a faster parser (see parse.ts); `yaml`'s document model, which keeps
 * every node's position, is built only on the first call, i.e. when something must be reported.
 */
export function lineLocator(text: string): (path: ReadonlyArray<PropertyKey>) => number {
  let parsed: { doc: Document.Parsed; counter: LineCounter } | undefined;
  return (path) => {
    const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
    if (!parsed) {
      const counter = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: counter }), counter };
    }
    const { doc, counter } = parsed;
    const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : counter.linePos(offset).line);
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents?.range[0]);
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
        if (!pair) break;
        line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        if (!isScalar(item) && !isMap(item) && !isSeq(item) && !isAlias(item)) break;
        line = lineAt(item.range?.[0]);
        node = item;
      } else break;
    }
    return line;
  };
}

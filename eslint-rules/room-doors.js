"use strict";
// Enforces design.md: code in src/<room>/ reaches another room only through that room's door
// (src/<other>/index.ts), and only the rooms design.md allows. flows/ may use the builder's door only.
const path = require("path");

const ALLOWED = {
  definition: [],
  builder: ["definition"],
  compiler: ["builder", "definition", "validator"],
  validator: ["definition"],
  engine: ["definition"],
  codegen: ["definition", "builder"],
  providers: ["definition", "validator", "compiler"],
  emulator: ["definition", "validator", "engine"],
  cli: ["definition", "builder", "compiler", "validator", "engine", "codegen", "providers", "emulator"],
};

const root = path.resolve(__dirname, "..");
const src = path.join(root, "src");

function roomOf(file) {
  const rel = path.relative(src, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep)[0];
}

function isDoor(target, room) {
  const rel = path.relative(path.join(src, room), target);
  return rel === "" || rel === "index" || rel === "index.ts" || rel === "index.js";
}

module.exports = {
  meta: { type: "problem", schema: [], messages: { door: "{{message}}" } },
  create(context) {
    const file = context.filename;
    const fromRoom = roomOf(file);
    const inFlows = path.relative(path.join(root, "flows"), file).startsWith("..") === false;
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const target = path.resolve(path.dirname(file), spec);
      const toRoom = roomOf(target);
      if (toRoom === undefined || toRoom === fromRoom) return;
      const report = (message) => context.report({ node: node.source, messageId: "door", data: { message } });
      if (inFlows && toRoom !== "builder") {
        return report(`flows import only the builder's door ("src/builder"), not src/${toRoom}`);
      }
      if (fromRoom !== undefined && !(ALLOWED[fromRoom] || []).includes(toRoom)) {
        return report(`room "${fromRoom}" may not import room "${toRoom}" (see design.md)`);
      }
      if (!isDoor(target, toRoom)) {
        report(`import room "${toRoom}" through its door "src/${toRoom}", not "${spec}"`);
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

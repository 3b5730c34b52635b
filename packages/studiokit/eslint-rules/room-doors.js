"use strict";
// Enforces ARCHITECTURE.md: code in src/<room>/ reaches another room only through that room's
// door (src/<other>/index.ts), and only the rooms ARCHITECTURE.md allows; the package's own door
// (src/index.ts) re-exports doors only. Code outside the package (a project's flows/, infra/,
// test/) imports studiokit's published entry points ("studiokit", "studiokit/…"), never its files.
const path = require("path");

/** The rooms the dev server uses: every room that serves, deploys or runs a flow. */
const DEV = [
  "definition",
  "compiler",
  "validator",
  "engine",
  "testing",
  "codegen",
  "project",
  "providers",
  "emulator",
];

const ALLOWED = {
  definition: [],
  builder: ["definition"],
  compiler: ["builder", "definition", "validator"],
  validator: ["definition"],
  engine: ["definition"],
  testing: ["definition", "engine", "compiler", "validator"],
  codegen: ["definition", "builder"],
  project: ["definition", "validator", "compiler"],
  providers: ["definition", "validator", "compiler", "project"],
  emulator: ["definition", "validator", "engine"],
  dev: DEV,
  // The command reaches every door.
  cli: [...DEV, "builder", "dev"],
};
/** What `studiokit` (src/index.ts) offers: the rooms a flow file and a build script need. */
const PACKAGE_DOOR = ["builder", "compiler", "validator", "definition"];

/**
 * Narrow doors: a second, smaller entry of a room, for a path that must not load the whole room
 * (ARCHITECTURE.md lists them). The compiler's `reading` reads flow files without the builder; the
 * definition's `types` and the validator's `issue-types` are the plain types the `studiokit`
 * entry's declarations name (their check never reads zod's declarations); the builder's
 * `derived-props` and the validator's `issue-schema` hold what depends on zod's types there.
 */
const NARROW_DOORS = {
  compiler: ["reading"],
  definition: ["types"],
  builder: ["derived-props"],
  validator: ["issue-schema", "issue-types"],
};

const packageDir = path.resolve(__dirname, "..");
const src = path.join(packageDir, "src");

function roomOf(file) {
  const rel = path.relative(src, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  // The package's door, src/index.ts, is the room "".
  if (rel === "" || rel === "index" || rel === "index.ts" || rel === "index.js") return "";
  return rel.split(path.sep)[0];
}

function isDoor(target, room) {
  const rel = path.relative(path.join(src, room), target).replace(/\.[jt]s$/, "");
  return rel === "" || rel === "index" || (NARROW_DOORS[room] || []).includes(rel);
}

const inside = (dir, file) => {
  const rel = path.relative(dir, file);
  return !rel.startsWith("..") && !path.isAbsolute(rel);
};

module.exports = {
  meta: { type: "problem", schema: [], messages: { door: "{{message}}" } },
  create(context) {
    const file = context.filename;
    const fromRoom = roomOf(file);
    const outside = !inside(packageDir, file);
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const report = (message) => context.report({ node: node.source, messageId: "door", data: { message } });
      const target = path.resolve(path.dirname(file), spec);
      if (outside && inside(packageDir, target)) {
        return report(`import studiokit's entry points ("studiokit", "studiokit/testing", …), not "${spec}"`);
      }
      const toRoom = roomOf(target);
      if (toRoom === undefined || toRoom === fromRoom) return;
      if (toRoom === "") return report(`room "${fromRoom}" may not import the package's door (src/index.ts)`);
      if (fromRoom === "") {
        if (!PACKAGE_DOOR.includes(toRoom))
          return report(
            `the package's door offers ${PACKAGE_DOOR.join(", ")}; room "${toRoom}" has an entry point of its own`,
          );
      } else if (fromRoom !== undefined && !(ALLOWED[fromRoom] || []).includes(toRoom)) {
        return report(`room "${fromRoom}" may not import room "${toRoom}" (see ARCHITECTURE.md)`);
      }
      if (!isDoor(target, toRoom)) {
        report(`import room "${toRoom}" through its door "src/${toRoom}", not "${spec}"`);
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

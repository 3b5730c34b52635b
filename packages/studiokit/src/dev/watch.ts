import fs from "node:fs";
import path from "node:path";

/**
 * Calls `changed` (debounced) when a file of the project's flows changes: the project directory
 * itself (its `Pulumi.<stack>.yaml`) and the directories the flows live in. Directories are
 * watched one by one, never recursively: a recursive watch would walk node_modules.
 */
export function watchProject(
  projectDir: string,
  directories: () => readonly string[],
  changed: () => void,
  debounceMs = 120,
): { refresh(): void; close(): void } {
  const watchers = new Map<string, fs.FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  const fire = (name: string | null) => {
    if (name !== null && (name.startsWith(".") || name.endsWith(".tmp") || name === "node_modules")) return;
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  };
  const refresh = () => {
    const wanted = new Set(
      [projectDir, path.join(projectDir, "flows"), ...directories()].map((d) => path.resolve(d)),
    );
    for (const [dir, watcher] of watchers)
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    for (const dir of wanted)
      if (!watchers.has(dir) && fs.existsSync(dir))
        try {
          const watcher = fs.watch(dir, { persistent: false }, (_event, name) => fire(name));
          watcher.on("error", () => {
            watcher.close();
            watchers.delete(dir);
          });
          watchers.set(dir, watcher);
        } catch {
          // a directory that vanished meanwhile is picked up at the next refresh
        }
  };
  refresh();
  return {
    refresh,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

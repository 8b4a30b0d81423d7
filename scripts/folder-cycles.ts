/**
 * Loops between folders (`lib/services/articles` ↔ `lib/services/revisions`), which a module-level
 * cycle check cannot see: every module may be acyclic while two folders still lean on each other,
 * so neither is the lower one. dependency-cruiser resolves the imports (type imports included,
 * the project's path aliases followed); the modules are then summed up per folder and the
 * folder graph's strongly connected components are its loops. Run by `npm run lint:boundaries`.
 */
import fs from "node:fs";
import path from "node:path";
import { cruise } from "dependency-cruiser";

/** The folder a module counts for: `lib/<layer>/<folder>`, `lib/<layer>` for files at its top, `db/queries`, `db`. */
export function folderOf(modulePath: string): string | null {
  const parts = modulePath.split("/");
  if (parts[0] === "db") return parts.length > 2 ? `db/${parts[1]}` : "db";
  if (parts[0] !== "lib" || parts.length < 3) return null;
  return parts.length > 3 ? parts.slice(0, 3).join("/") : parts.slice(0, 2).join("/");
}

/** The loops among the folders of `roots` (cruised from `baseDir`), each as its folders sorted. */
export async function folderCycles(baseDir: string, roots: string[]): Promise<string[][]> {
  const cwd = process.cwd();
  process.chdir(baseDir);
  let modules: { source: string; dependencies: { resolved: string; coreModule: boolean }[] }[];
  try {
    const result = await cruise(roots, {
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      exclude: { path: "\\.test\\.tsx?$" },
      // The project's path aliases (`@/…`), when the tree has a tsconfig (the test fixture has none).
      ...(fs.existsSync(path.join(baseDir, "tsconfig.json"))
        ? { tsConfig: { fileName: "tsconfig.json" } }
        : {}),
    });
    if (typeof result.output === "string") throw new Error("expected a cruise result object");
    modules = result.output.modules;
  } finally {
    process.chdir(cwd);
  }
  const edges = new Map<string, Set<string>>();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = d.coreModule ? null : folderOf(d.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  return stronglyConnected(edges)
    .filter((c) => c.length > 1)
    .map((c) => c.sort());
}

/** Tarjan's algorithm: the strongly connected components of a directed graph. */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return components;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "..");
  const cycles = await folderCycles(root, ["lib", "db"]);
  for (const c of cycles) console.error(`  error folder-loop: ${c.join(" ↔ ")}`);
  if (cycles.length > 0) {
    console.error(
      `\n✘ ${cycles.length} loop(s) between folders: one of each must not import the other.`,
    );
    process.exit(1);
  }
  console.log("✔ no loops between folders");
}

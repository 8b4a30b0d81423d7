/**
 * Finds every action definition, server action and route handler in the code, so that the
 * security tests cover what exists rather than a list someone has to remember to extend.
 *
 * - Definitions: every module under lib/ that calls `defineAction(` is imported and its exported
 *   definitions collected (including those only the CLI or tests call).
 * - Server actions: every export of lib/entry/actions/*.ts. A `"use server"` module may only export
 *   async functions, so it cannot also export its definitions; instead each function must be the
 *   house one-liner `return runAction(definition, input)`, read from the source, and the
 *   definition is resolved through the file's imports. Anything else fails loudly.
 * - Route handlers: the HTTP-method exports of app/**\/route.ts (imported, not read).
 */
import fs from "node:fs";
import path from "node:path";
import type { AnyActionDefinition } from "../../lib/server/action";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export type { AnyActionDefinition };

/** Source files under `dir` (relative to the project root), recursively, as relative paths. */
export function sourceFiles(dir: string, test: (file: string) => boolean): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f).split(path.sep).join("/"))
    .filter(test)
    .sort();
}

function isDefinition(value: unknown): value is AnyActionDefinition {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === "string" &&
    typeof v.run === "function" &&
    typeof (v.input as { safeParse?: unknown } | undefined)?.safeParse === "function" &&
    (v.permission === null || typeof v.permission === "string")
  );
}

const importProjectFile = (file: string): Promise<Record<string, unknown>> =>
  import(path.join(ROOT, file));

/** Every exported action definition under lib/, by its dotted name. */
export async function discoverDefinitions(): Promise<Map<string, AnyActionDefinition>> {
  const files = sourceFiles(
    "lib",
    (f) =>
      f.endsWith(".ts") &&
      !f.endsWith(".test.ts") &&
      f !== "lib/server/action.ts" &&
      fs.readFileSync(path.join(ROOT, f), "utf8").includes("defineAction("),
  );
  const found = new Map<string, AnyActionDefinition>();
  for (const file of files) {
    for (const value of Object.values(await importProjectFile(file))) {
      if (!isDefinition(value)) continue;
      const other = found.get(value.name);
      if (other && other !== value) throw new Error(`two action definitions named ${value.name}`);
      found.set(value.name, value);
    }
  }
  return found;
}

export interface ServerAction {
  /** "lib/entry/actions/claims.ts#createClaimAction" */
  id: string;
  definition: AnyActionDefinition;
}

const ONE_LINER =
  /export\s+async\s+function\s+(\w+)\s*\(\s*input\s*:\s*unknown\s*\)\s*\{\s*(?:\/\/[^\n]*\n\s*)*return\s+runAction\(\s*(\w+)\s*,\s*input\s*\)\s*;?\s*\}/g;
const NAMED_IMPORT = /import\s*\{([^}]*)\}\s*from\s*"@\/([^"]+)"/g;

/** Every server action exported by lib/entry/actions/*.ts, with the definition it runs. */
export async function discoverServerActions(): Promise<ServerAction[]> {
  const out: ServerAction[] = [];
  for (const file of sourceFiles("lib/entry/actions", (f) => f.endsWith(".ts"))) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const imported = new Map<string, string>();
    for (const [, names = "", from = ""] of source.matchAll(NAMED_IMPORT)) {
      for (const name of names.split(",").map((n) => n.trim().replace(/^type\s+/, ""))) {
        if (name) imported.set(name, `${from}.ts`);
      }
    }
    const runs = new Map<string, string>();
    for (const [, fn = "", def = ""] of source.matchAll(ONE_LINER)) runs.set(fn, def);

    const exports = await importProjectFile(file);
    for (const [fn, value] of Object.entries(exports)) {
      const id = `${file}#${fn}`;
      const defName = runs.get(fn);
      if (typeof value !== "function" || !defName) {
        throw new Error(
          `${id} is not the one-liner \`export async function ${fn}(input: unknown) { return runAction(definition, input); }\`; the security tests cannot tell which definition it runs.`,
        );
      }
      const from = imported.get(defName);
      const definition = from ? (await importProjectFile(from))[defName] : undefined;
      if (!isDefinition(definition)) {
        throw new Error(
          `${id} runs ${defName}, which is not an action definition imported by name.`,
        );
      }
      out.push({ id, definition });
    }
  }
  return out;
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Every route handler, "GET /api/articles/[slug]/export" → its file, from the exports of
 * app/**\/route.ts.
 */
export async function discoverRouteHandlers(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of sourceFiles("app", (f) => /(^|\/)route\.tsx?$/.test(f))) {
    const url = `/${file
      .replace(/^app\//, "")
      .replace(/(^|\/)route\.tsx?$/, "")
      .split("/")
      // Route groups such as "(workspace)" are not part of the URL.
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .join("/")}`;
    const exports = await importProjectFile(file);
    for (const method of HTTP_METHODS) {
      if (typeof exports[method] === "function") out.set(`${method} ${url}`, file);
    }
  }
  return out;
}

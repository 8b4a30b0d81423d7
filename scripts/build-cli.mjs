#!/usr/bin/env node
/**
 * Builds the `claimdesk` command line (lib/entry/cli/main.ts) into dist/cli/ with esbuild, so
 * that bin/claimdesk.mjs starts it as plain JavaScript instead of compiling TypeScript at every
 * start through tsx (about 2.5 s before; docs/figures.md, "Fast at the limits"). Run by `npm install` (prepare),
 * `npm run build` and `npm run build:cli`; `--if-stale` builds only when a source changed
 * (scripts/cli-bundle.mjs), which is how vitest's global setup calls it.
 *
 * - ESM for Node, with the react-server condition, so `import "server-only"` (at the top of
 *   every db/ module) is the empty module it is on the server;
 * - code splitting: main.ts imports each command with `import()`, so each is a chunk and
 *   `claimdesk --help` loads only main.js;
 * - packages that must stay in node_modules are external: PGlite finds its .wasm and .data
 *   files next to its own modules, argon2 is a native addon, pg-native an optional one that pg
 *   requires only if asked; tsx (the import worker's loader) and esbuild are tools, not code
 *   to copy.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleState, EXTRA_INPUTS, hashFiles, manifestPath, readManifest } from "./cli-bundle.mjs";

const EXTERNAL = ["@electric-sql/pglite", "@node-rs/argon2", "pg-native", "tsx", "esbuild"];

/** Builds into dist/cli/<hash>/ and points the manifest at it; returns the manifest. */
export async function buildCli(root) {
  const { build } = await import("esbuild");
  const cliDir = path.join(root, "dist", "cli");
  const staging = path.join(cliDir, `.build-${process.pid}-${Date.now()}`);
  const result = await build({
    absWorkingDir: root,
    // The import worker (lib/server/isolated-import.ts) loads import-to-doc.js from beside its chunk.
    entryPoints: {
      main: "lib/entry/cli/main.ts",
      "import-to-doc": "lib/core/import/import-to-doc.ts",
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["react-server"],
    tsconfig: path.join(root, "tsconfig.json"),
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules; ESM has none of its own.
    banner: {
      js: 'import { createRequire as __claimdeskRequire } from "node:module"; const require = __claimdeskRequire(import.meta.url);',
    },
    chunkNames: "[name]-[hash]",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/")),
    ...EXTRA_INPUTS.filter((f) => fs.existsSync(path.join(root, f))),
  ].sort();
  const sourceHash = hashFiles(root, inputs);
  const dir = sourceHash.slice(0, 16);
  const previous = readManifest(root);
  fs.rmSync(path.join(cliDir, dir), { recursive: true, force: true });
  fs.renameSync(staging, path.join(cliDir, dir));
  const manifest = {
    dir,
    sourceHash,
    builtAt: new Date().toISOString(),
    inputs: Object.fromEntries(
      inputs.map((f) => {
        const stat = fs.statSync(path.join(root, f));
        return [f, { size: stat.size, mtimeMs: stat.mtimeMs }];
      }),
    ),
  };
  const tmp = `${manifestPath(root)}.${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(tmp, manifestPath(root));
  // Older builds go, but not the one just replaced: a command started from it may still load
  // one of its chunks.
  for (const entry of fs.readdirSync(cliDir)) {
    if (entry === dir || entry === previous?.dir || entry === "manifest.json") continue;
    if (/^[0-9a-f]{16}$/.test(entry)) fs.rmSync(path.join(cliDir, entry), { recursive: true });
  }
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const rootArg = args.indexOf("--root");
  const root = path.resolve(
    rootArg >= 0
      ? args[rootArg + 1]
      : path.join(path.dirname(fileURLToPath(import.meta.url)), ".."),
  );
  const state = args.includes("--if-stale") ? bundleState(root) : "forced";
  if (state === "fresh") {
    console.log("claimdesk CLI bundle is up to date (dist/cli)");
  } else {
    const started = performance.now();
    const manifest = await buildCli(root);
    const ms = Math.round(performance.now() - started);
    console.log(`claimdesk CLI bundle built in ${ms} ms (dist/cli/${manifest.dir}, ${state})`);
  }
}

#!/usr/bin/env node
/**
 * The `claimdesk` command (package.json "bin"). Runs the command line in this process from its
 * JavaScript bundle, dist/cli/ (scripts/build-cli.mjs, run by `npm install` and `npm run
 * build`): no TypeScript is compiled at start, and `claimdesk --help` loads only the command
 * table. When the bundle is missing or older than the sources (a checkout after `git pull`),
 * it is rebuilt first, with one line on stderr saying so.
 *
 * Everything is found from this file's own location (through symlinks, as `npm link` and
 * `npm install -g` make them), so it works from any working directory; CLAIMDESK_ROOT tells
 * db/client.ts where the migrations are.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleEntry, bundleState, readManifest } from "../scripts/cli-bundle.mjs";

const root = path.resolve(path.dirname(fs.realpathSync(fileURLToPath(import.meta.url))), "..");
process.env.CLAIMDESK_ROOT ||= root;

let manifest = readManifest(root);
const state = bundleState(root, manifest);
if (state !== "fresh") {
  process.stderr.write(
    `claimdesk: ${state === "missing" ? "building the command line" : "the sources changed since the last build; rebuilding the command line"} (dist/cli)…\n`,
  );
  try {
    const { buildCli } = await import("../scripts/build-cli.mjs");
    manifest = await buildCli(root);
  } catch (err) {
    process.stderr.write(
      `claimdesk: cannot build the command line: ${err instanceof Error ? err.message : err}\n`,
    );
    process.exit(1);
  }
}

const { runProcess } = await import(pathToFileURL(bundleEntry(root, manifest)).href);
await runProcess();

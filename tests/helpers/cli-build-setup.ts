/**
 * Vitest global setup: builds the command line's bundle (dist/cli) if it is missing or older
 * than the sources, once per run and before any test spawns bin/claimdesk.mjs. The bin would
 * rebuild it itself, but then the first tests would see its "rebuilding" line on stderr, and
 * two of them starting at once would both build.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "scripts", "build-cli.mjs"), "--if-stale"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

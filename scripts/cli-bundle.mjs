/**
 * Where the `claimdesk` bundle is and whether it is still the bundle of the sources, for
 * bin/claimdesk.mjs (on every start, so only node:fs and node:crypto here) and
 * scripts/build-cli.mjs. Layout: dist/cli/manifest.json names the current build folder,
 * dist/cli/<hash>/, with main.js and its chunks. A build writes a new folder and then the
 * manifest (by rename), so a process that starts meanwhile loads one whole build or the other.
 *
 * Stale means: a file the bundle was built from (esbuild's list of inputs outside
 * node_modules, plus package.json, tsconfig.json and the build script) has other contents than
 * at build time. The check stats each file (about 300, a few milliseconds) and reads and hashes
 * only when a size or a modification time differs, so `git checkout` that touches a file but
 * leaves it as it was does not cost a rebuild.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The files besides esbuild's inputs whose change changes the bundle. */
export const EXTRA_INPUTS = ["package.json", "tsconfig.json", "scripts/build-cli.mjs"];

export function manifestPath(root) {
  return path.join(root, "dist", "cli", "manifest.json");
}

/** The manifest, or null when there is no (readable) build. */
export function readManifest(root) {
  try {
    return JSON.parse(fs.readFileSync(manifestPath(root), "utf8"));
  } catch {
    return null;
  }
}

/** sha256 over the files' relative paths and contents, in the given order. */
export function hashFiles(root, files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * "fresh", "missing" (no build, or its entry is gone) or "stale" (a source changed, or is
 * gone: a deleted file means another one changed to stop importing it).
 */
export function bundleState(root, manifest = readManifest(root)) {
  if (!manifest || !fs.existsSync(path.join(root, "dist", "cli", manifest.dir, "main.js"))) {
    return "missing";
  }
  let touched = false;
  for (const [file, seen] of Object.entries(manifest.inputs)) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, file));
    } catch {
      return "stale";
    }
    if (stat.size !== seen.size) return "stale";
    if (stat.mtimeMs !== seen.mtimeMs) touched = true;
  }
  if (!touched) return "fresh";
  try {
    return hashFiles(root, Object.keys(manifest.inputs)) === manifest.sourceHash
      ? "fresh"
      : "stale";
  } catch {
    return "stale";
  }
}

/** The URL-less path of the current build's entry module. */
export function bundleEntry(root, manifest = readManifest(root)) {
  return path.join(root, "dist", "cli", manifest.dir, "main.js");
}

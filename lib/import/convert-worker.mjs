/**
 * The worker thread that converts one import (started by isolated.ts, one per import). Plain
 * JavaScript loaded by its path, outside Next's bundle: it loads the TypeScript pipeline with
 * tsx (a dependency already, for the CLI), the same code every other caller runs. It posts one
 * message, `{ ok: true, result }`, `{ ok: false, importError }` for a source a person can fix,
 * or `{ ok: false, error }` for a bug, and exits.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const here = fileURLToPath(import.meta.url);
// The project's tsconfig, for its `@/` paths, whatever the current directory (the CLI's).
const tsconfig = path.resolve(path.dirname(here), "..", "..", "tsconfig.json");

try {
  const { importToDoc } = await tsImport("./import-to-doc.ts", {
    parentURL: import.meta.url,
    tsconfig,
  });
  parentPort?.postMessage({ ok: true, result: await importToDoc(workerData.source) });
} catch (err) {
  // By name: tsx may load ImportError as a module instance of its own.
  if (err instanceof Error && err.name === "ImportError") {
    parentPort?.postMessage({ ok: false, importError: err.message });
  } else {
    parentPort?.postMessage({
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
}

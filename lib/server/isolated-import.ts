/**
 * `importToDoc` off the request thread: each conversion runs in its own worker thread with a
 * time and a memory limit, and is ended when it passes either. Converting is the one place
 * where a small input can cost a lot (a 92 KB .docx unpacking to 30 MB of tiny paragraphs kept
 * mammoth busy for 58 s, and a synchronous parser holds the event loop, so every other request,
 * /api/health included, waited with it). In a worker the server keeps answering, and the
 * conversion's cost is bounded: IMPORT_TIME_LIMIT_MS, IMPORT_MEMORY_LIMIT_MB, and at most
 * IMPORT_CONCURRENCY at once per process. A worker per import (~0.3 s to start) rather than a
 * pool: imports are rare, and a fresh thread leaves nothing behind from a hostile file.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ImportError } from "@/lib/core/import/import-error";
import type { ImportedDocument, ImportSource } from "@/lib/core/import/import-to-doc";
import {
  IMPORT_CONCURRENCY,
  IMPORT_MEMORY_LIMIT_MB,
  IMPORT_TIME_LIMIT_MS,
} from "@/lib/core/import/limits";

/**
 * The module the worker loads `importToDoc` from. From source (tsx: vitest, the benches) this
 * file is `<root>/lib/server/isolated-import.ts` and the worker compiles the TypeScript
 * pipeline through tsx; in the CLI's bundle (scripts/build-cli.mjs) it is a chunk in
 * `dist/cli/<build>/`, and the pipeline is the bundle's `import-to-doc.js` beside it, plain
 * JavaScript. In Next's server bundle it is a chunk under the build folder, and the root is the
 * current directory of `next start`.
 */
function workerEntry(): { entry: string; root: string } {
  const here = import.meta.url.startsWith("file:") ? fileURLToPath(import.meta.url) : "";
  const bundle = /^(.*)[\\/]dist[\\/]cli[\\/][0-9a-f]{16}[\\/][^\\/]+\.js$/.exec(here);
  if (bundle?.[1]) {
    return { entry: path.join(path.dirname(here), "import-to-doc.js"), root: bundle[1] };
  }
  const source = /^(.*)[\\/]lib[\\/]server[\\/]isolated-import\.ts$/.exec(here);
  const root = source?.[1] ?? process.cwd();
  return { entry: path.join(root, "lib", "core", "import", "import-to-doc.ts"), root };
}

/**
 * The worker's code, evaluated (not a file next to this one): a worker file referenced from
 * here would be followed by Turbopack into the server bundle, tsx and its esbuild binary with
 * it. It loads the same TypeScript pipeline as every other caller through tsx (a dependency
 * already, for the CLI), posts one message — `{ ok: true, result }`, `{ ok: false, importError }`
 * for a source a person can fix, `{ ok: false, error }` for a bug — and ends.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
const { pathToFileURL } = require("node:url");
const path = require("node:path");
(async () => {
  try {
    const url = pathToFileURL(workerData.entry).href;
    let load = (specifier) => import(specifier);
    if (workerData.entry.endsWith(".ts")) {
      // tsx's ESM API by its file: the CommonJS build of tsx/esm/api cannot load its own ESM half.
      const tsx = path.join(path.dirname(createRequire(workerData.entry).resolve("tsx/package.json")), "dist", "esm", "api", "index.mjs");
      const { tsImport } = await import(pathToFileURL(tsx).href);
      load = (specifier) => tsImport(specifier, { parentURL: url, tsconfig: workerData.tsconfig });
    }
    const { importToDoc } = await load(url);
    parentPort.postMessage({ ok: true, result: await importToDoc(workerData.source) });
  } catch (err) {
    // By name: tsx loads ImportError as a module instance of its own.
    if (err && err.name === "ImportError") parentPort.postMessage({ ok: false, importError: err.message });
    else parentPort.postMessage({ ok: false, error: String((err && err.stack) || err) });
  }
})();
`;

export interface ImportLimits {
  /** @default IMPORT_TIME_LIMIT_MS */
  timeMs?: number;
  /** @default IMPORT_MEMORY_LIMIT_MB */
  memoryMb?: number;
}

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < IMPORT_CONCURRENCY) {
    running++;
    return;
  }
  // The slot is handed over by release(), so `running` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

type WorkerAnswer =
  | { ok: true; result: ImportedDocument }
  | { ok: false; importError: string }
  | { ok: false; error: string };

const tooSlow = (ms: number) =>
  new ImportError(
    `This file took too long to convert (more than ${Math.round(ms / 1000)} seconds), far longer ` +
      "than an article needs. Save it again as .docx, or paste its text, and try again.",
  );

const tooBig = () =>
  new ImportError(
    "This file needs more memory to convert than an article should. Save it again as .docx, " +
      "or paste its text, and try again.",
  );

/** Converts `source` in a worker thread; throws ImportError as `importToDoc` does. */
export async function importInWorker(
  source: ImportSource,
  limits: ImportLimits = {},
): Promise<ImportedDocument> {
  const timeMs = limits.timeMs ?? IMPORT_TIME_LIMIT_MS;
  await acquire();
  try {
    return await new Promise<ImportedDocument>((resolve, reject) => {
      const { entry, root } = workerEntry();
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          source,
          entry,
          tsconfig: path.join(root, "tsconfig.json"),
        },
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb ?? IMPORT_MEMORY_LIMIT_MB },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => settle(() => reject(tooSlow(timeMs))), timeMs);
      worker.once("message", (answer: WorkerAnswer) =>
        settle(() => {
          if (answer.ok) resolve(answer.result);
          else if ("importError" in answer) reject(new ImportError(answer.importError));
          else reject(new Error(`The import worker failed: ${answer.error}`));
        }),
      );
      worker.once("error", (err: Error & { code?: string }) =>
        settle(() => reject(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooBig() : err)),
      );
      worker.once("exit", (code) =>
        settle(() => reject(new Error(`The import worker exited (${code}) without an answer.`))),
      );
    });
  } finally {
    release();
  }
}

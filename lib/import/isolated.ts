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
import { ImportError } from "./import-error";
import type { ImportedDocument, ImportSource } from "./import-to-doc";
import { IMPORT_CONCURRENCY, IMPORT_MEMORY_LIMIT_MB, IMPORT_TIME_LIMIT_MS } from "./limits";

/**
 * The worker's file, by absolute path. From source (tsx: the CLI, vitest) it sits next to this
 * file; in Next's server bundle this module lives in a chunk under the build folder, so the file
 * is found from the project root, the current directory of `next start`. Deliberately not
 * `new URL("./convert-worker.mjs", import.meta.url)`: the bundler would copy the worker as an
 * asset away from the TypeScript it loads.
 */
function workerFile(): string {
  const here = import.meta.url.startsWith("file:") ? fileURLToPath(import.meta.url) : "";
  if (/[\\/]lib[\\/]import[\\/]isolated\.ts$/.test(here)) {
    return path.join(path.dirname(here), "convert-worker.mjs");
  }
  return path.join(process.cwd(), "lib", "import", "convert-worker.mjs");
}

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
      const worker = new Worker(workerFile(), {
        workerData: { source },
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

/**
 * Runs a benchmark against `next start` on each engine chosen by `BENCH_ENGINE` (both when it
 * is unset): PGlite in a temporary data directory on `port`, PostgreSQL on a scratch database
 * on `port + 1` (skipped with a line saying why when it cannot be created). Everything made is
 * removed afterwards, whatever the benchmark throws.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, createScratchDatabase, startServer } from "../tests/helpers/app-server";

export async function onEachAppServer(
  options: { name: string; port: number; distDir: string },
  measure: (label: string, server: AppServer) => Promise<void>,
): Promise<void> {
  const { name, port, distDir } = options;
  const engine = process.env.BENCH_ENGINE;
  if (engine !== "postgres") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `claimdesk-${name}-`));
    try {
      const server = await startServer({ port, dataDir, distDir });
      try {
        await measure("PGlite", server);
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (engine === "pglite") return;
  const scratch = await createScratchDatabase(name.replaceAll("-", "_")).catch((err: unknown) => {
    console.log(`PostgreSQL: not measured (${err instanceof Error ? err.message : err})`);
    return null;
  });
  if (!scratch) return;
  try {
    const server = await startServer({ port: port + 1, databaseUrl: scratch.url, distDir });
    try {
      await measure("PostgreSQL", server);
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}

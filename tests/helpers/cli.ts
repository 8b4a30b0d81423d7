/**
 * Running the `claimdesk` command line in tests: the real binary in a child process (what a
 * user runs), or `main` in-process with captured output (fast, for argument handling).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import type { CliIo } from "../../lib/entry/cli/io";
import { main } from "../../lib/entry/cli/main";

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const BIN = path.join(REPO_ROOT, "bin", "claimdesk.mjs");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/claimdesk.mjs to completion (asynchronously, so tests can run side by side).
 * `env` is the whole environment of the child; `input` is written to its standard input.
 */
export function spawnClaimdesk(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliRun> {
  return spawnCommand(process.execPath, [BIN, ...args], options);
}

/** Any command to completion, its output captured (`npm run …` as the operator's docs say). */
export function spawnCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** The environment for a child that must use PGlite in `dataDir`, whatever the tests point at. */
export function pgliteEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _postgres, ...inherited } = process.env;
  return { ...inherited, CLAIMDESK_DATA_DIR: dataDir };
}

/** Runs `main` in-process with captured output, `input` on stdin and `cwd` as the directory. */
export async function runMain(argv: string[], cwd: string, input = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: (async function* () {
      yield new TextEncoder().encode(input);
    })(),
    cwd,
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

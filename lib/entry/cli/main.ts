/**
 * The `claimdesk` command line (run by `bin/claimdesk.mjs` through tsx). Dispatches to one
 * command per file; only commands that work are listed. Exit codes: 0 success, 1 the command
 * failed on its input, 2 the command line was wrong.
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { anchorCommand } from "./anchor";
import { backupCommand } from "./backup";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { detectCommand } from "./detect";
import { emailCommand } from "./email";
import { exportCommand } from "./export";
import { importCommand } from "./import";
import { type CliIo, processIo } from "./io";
import { libraryCommand } from "./library";
import { matchCommand } from "./match";
import { restoreCommand } from "./restore";
import { watchCommand } from "./watch";

/** The subcommands, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  detectCommand,
  matchCommand,
  importCommand,
  exportCommand,
  anchorCommand,
  backupCommand,
  restoreCommand,
  libraryCommand,
  watchCommand,
  emailCommand,
];

/** The top-level help text. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: claimdesk COMMAND [ARGS]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    'Run "claimdesk COMMAND --help" for a command\'s arguments.',
  ].join("\n");
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(`${usage()}\n`);
    return EXIT_USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    const topic = COMMANDS.find((c) => c.name === args[0]);
    io.stdout(`${topic ? topic.help : usage()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(
      `claimdesk: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}. ` +
        'Run "claimdesk --help" for help.\n',
    );
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`claimdesk ${command.name}: ${err.message}\n`);
      if (err.exitCode === EXIT_USAGE) io.stderr(`Run "claimdesk ${command.name} --help".\n`);
      return err.exitCode;
    }
    // Unexpected: one line for the user; the stack only when asked for.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`claimdesk ${command.name}: unexpected error: ${message}\n`);
    if (process.env.CLAIMDESK_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

/** Whether this module is the process's entry point (and not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2), processIo());
}

/**
 * The `claimdesk` command line. bin/claimdesk.mjs runs it from the bundle that
 * scripts/build-cli.mjs makes of this file (dist/cli/main.js); tests import it from source.
 * Dispatches to one command per file; only commands that work are listed. Exit codes: 0
 * success, 1 the command failed on its input, 2 the command line was wrong.
 */
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { type CliIo, processIo } from "./io";

/**
 * A subcommand as the table knows it: its name and summary, and how to load it. Each command
 * is imported only when it runs (or its help is asked for), so that in the bundle every command
 * is a chunk of its own and `claimdesk --help` loads none of them: the database, the importers
 * and the exporters cost their start-up only to the commands that use them.
 */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load: () => Promise<Command>;
}

/** The subcommands, in the order the help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "detect",
    summary: "List check-worthy sentences of a text file as JSON",
    load: async () => (await import("./detect")).detectCommand,
  },
  {
    name: "match",
    summary: "Match a text file's sentences against a claims library (JSON)",
    load: async () => (await import("./match")).matchCommand,
  },
  {
    name: "import",
    summary: "Import a .txt, .md, .html or .docx file as a new draft article",
    load: async () => (await import("./import")).importCommand,
  },
  {
    name: "export",
    summary: "Export an article as HTML, W3C annotations, ClaimReview, Markdown, CSV or Word",
    load: async () => (await import("./export")).exportCommand,
  },
  {
    name: "anchor",
    summary: "Re-anchor claims onto a new version of a text, as JSON",
    load: async () => (await import("./anchor")).anchorCommand,
  },
  {
    name: "backup",
    summary: "Write a backup of the database (restores into PGlite or PostgreSQL)",
    load: async () => (await import("./backup")).backupCommand,
  },
  {
    name: "restore",
    summary: "Load a backup into an empty database (PGlite or PostgreSQL)",
    load: async () => (await import("./restore")).restoreCommand,
  },
  {
    name: "library",
    summary:
      "Import ClaimReview markup or a library JSON file into the claims library, or export it",
    load: async () => (await import("./library")).libraryCommand,
  },
  {
    name: "watch",
    summary: "Run the retraction and correction watch once (for cron)",
    load: async () => (await import("./watch")).watchCommand,
  },
  {
    name: "email",
    summary: "Show the e-mail outbox; --send-now delivers what is due once",
    load: async () => (await import("./email")).emailCommand,
  },
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
    io.stdout(`${topic ? (await topic.load()).help : usage()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(
      `claimdesk: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}. ` +
        'Run "claimdesk --help" for help.\n',
    );
    return EXIT_USAGE;
  }
  try {
    const command = await entry.load();
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`claimdesk ${entry.name}: ${err.message}\n`);
      if (err.exitCode === EXIT_USAGE) io.stderr(`Run "claimdesk ${entry.name} --help".\n`);
      return err.exitCode;
    }
    // Unexpected: one line for the user; the stack only when asked for.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`claimdesk ${entry.name}: unexpected error: ${message}\n`);
    if (process.env.CLAIMDESK_DEBUG && err instanceof Error) io.stderr(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

/** The process's command line, run with its real input and output (bin/claimdesk.mjs). */
export async function runProcess(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}

/** The shape of a subcommand: one file per command under `lib/entry/cli/`, listed in `main.ts`. */
import type { CliIo } from "./io";

/** A subcommand of `claimdesk`. Its one-line summary is in main.ts's table, not here. */
export interface Command {
  name: string;
  /** The full help text of the command, without a trailing newline. */
  help: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run: (args: string[], io: CliIo) => Promise<number>;
}

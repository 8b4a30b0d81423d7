/** The shape of a subcommand: one file per command under `lib/cli/`, listed in `main.ts`. */
import type { CliIo } from "./io";

/** A subcommand of `claimdesk`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full help text of the command, without a trailing newline. */
  help: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run: (args: string[], io: CliIo) => Promise<number>;
}

/**
 * Expected command-line failures. The message goes to stderr as it is (no stack trace), and the
 * process exits with the code: 1 when the command could not do its work (a missing or
 * unreadable file), 2 when it was called wrongly (an unknown command or option).
 */

/** Exit code for a command that failed on its input. */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that was used wrongly. */
export const EXIT_USAGE = 2;

/** A failure to report in one line and exit with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: typeof EXIT_FAILURE | typeof EXIT_USAGE = EXIT_FAILURE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

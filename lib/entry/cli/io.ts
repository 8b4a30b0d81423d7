/**
 * What a command may touch of the outside world, passed in so commands can be run in a test
 * with their output captured, and the reading of a text input (a file or `-` for stdin).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { CliError } from "./cli-error";

/** The process's streams and working directory, as a command sees them. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: AsyncIterable<Uint8Array | string>;
  cwd: string;
}

/** The real process. A closed pipe (`claimdesk detect f | head`) ends quietly. */
export function processIo(): CliIo {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    cwd: process.cwd(),
  };
}

const REASONS_BY_CODE: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ENAMETOOLONG: "the name is too long",
};

/** The one-line error for a file that could not be read ("cannot read x: no such file"). */
export function readError(name: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return new CliError(`cannot read ${name}: ${REASONS_BY_CODE[code] ?? (code || "read error")}`);
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads `arg` (a path relative to `io.cwd`, or `-` for stdin) as UTF-8 text. A leading byte
 * order mark is dropped, as a browser does when it reads an uploaded file (`Blob.text()`), so
 * offsets computed on the result match the text Claimdesk stores on import. Invalid UTF-8 is
 * an error rather than silently replaced, since replacement would shift what the offsets
 * point at.
 */
export async function readTextInput(arg: string, io: CliIo): Promise<string> {
  const name = arg === "-" ? "standard input" : arg;
  let bytes: Uint8Array;
  try {
    bytes = arg === "-" ? await readAll(io.stdin) : await fs.readFile(path.resolve(io.cwd, arg));
  } catch (err) {
    throw readError(name, err);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${name} is not valid UTF-8 text`);
  }
}

const WRITE_REASONS: Record<string, string> = {
  ENOENT: "no such directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ENOSPC: "the disk is full",
  EROFS: "read-only file system",
  EEXIST: "it already exists",
};

/** Why writing a file failed, in words, or null for an error that is not about the file. */
export function writeFailureReason(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? "";
  return WRITE_REASONS[code] ?? null;
}

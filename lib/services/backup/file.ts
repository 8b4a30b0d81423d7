/**
 * Backup files on disk: writing one so that it either appears complete or not at all, and
 * reading one back line by line, checked against its header (lib/core/backup/format.ts).
 *
 * The header must come first yet holds the rows' checksums, so the rows are compressed into a
 * temporary file beside the backup while they are read, and the backup is then that file
 * behind a gzip member holding the header: a gzip file may hold several members, which every
 * gunzip reads as one stream (RFC 1952 §2.2). The result is renamed into place last.
 */
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip, gzipSync } from "node:zlib";
import { BackupError } from "@/lib/core/backup/errors";
import {
  type BackupHeader,
  type BackupRow,
  encodeHeader,
  parseHeader,
  RowChecker,
} from "@/lib/core/backup/format";

/** A backup being written to `out`; `finish` puts it in place, `abort` leaves nothing behind. */
export class BackupWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;

  private constructor(
    readonly out: string,
    private readonly bodyPath: string,
    private readonly partPath: string,
  ) {
    this.done = pipeline(this.gzip, fs.createWriteStream(bodyPath, { flags: "wx" }));
    // Reported by `write` or `finish`; without this an early failure would be unhandled.
    this.done.catch(() => {});
  }

  /** Starts a backup at `out`, which must not exist yet (a backup never replaces a file). */
  static async create(out: string): Promise<BackupWriter> {
    if (await exists(out)) throw new BackupError(`${out} already exists: choose another name`);
    const base = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}`);
    // Fails early, before the database is read, when the folder is missing or read-only.
    await fsp.writeFile(`${base}.part`, "", { flag: "wx" });
    return new BackupWriter(out, `${base}.rows`, `${base}.part`);
  }

  /** Appends one row line (without its "\n"), waiting when the disk is slower than the reads. */
  async write(line: string): Promise<void> {
    if (!this.gzip.write(`${line}\n`)) {
      await Promise.race([once(this.gzip, "drain"), this.done]);
    }
  }

  /** Writes the header, then the rows; fsyncs; renames into `out`. Resolves to its size. */
  async finish(header: BackupHeader): Promise<number> {
    this.gzip.end();
    await this.done;
    await fsp.writeFile(this.partPath, gzipSync(`${encodeHeader(header)}\n`));
    await pipeline(
      fs.createReadStream(this.bodyPath),
      fs.createWriteStream(this.partPath, { flags: "a" }),
    );
    const handle = await fsp.open(this.partPath, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (await exists(this.out)) throw new BackupError(`${this.out} already exists`);
    await fsp.rename(this.partPath, this.out);
    await fsp.rm(this.bodyPath, { force: true });
    return (await fsp.stat(this.out)).size;
  }

  /** Removes the temporary files. */
  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => {});
    await fsp.rm(this.bodyPath, { force: true });
    await fsp.rm(this.partPath, { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** The header line may not be longer than this; a longer first line is not a backup. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/**
 * The lines of `file`, gzip'd (as written) or already decompressed (an operator may have
 * unpacked one to read it). A gzip stream that ends early or is corrupt is a `BackupError`; a
 * file that cannot be read throws the file system's error (the caller names the file).
 */
async function* readLines(file: string, name: string): AsyncGenerator<string> {
  const handle = await fsp.open(file, "r");
  let magic: Buffer;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    magic = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gzipped && magic[0] !== 0x7b /* "{" */) {
    throw new BackupError(`${name} is not a Claimdesk backup (not a gzip file)`);
  }
  const input = fs.createReadStream(file);
  const source = gzipped ? input.pipe(createGunzip()) : input;
  // A read error on the file is passed on to the stream this loop reads.
  input.on("error", (err) => source.destroy(err));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let first = true;
  const line = (parts: Buffer[]) => {
    try {
      return decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    } catch {
      throw new BackupError(`${name} is damaged: it is not UTF-8 text`);
    }
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
        pending.push(chunk.subarray(start, nl));
        yield line(pending);
        first = false;
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (first && pendingBytes > MAX_HEADER_BYTES) {
          throw new BackupError(`${name} is not a Claimdesk backup (it has no header line)`);
        }
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR") {
      throw new BackupError(`${name} is truncated: its compressed data ends early`);
    }
    if (code === "Z_DATA_ERROR") {
      throw new BackupError(`${name} is damaged: its compressed data is corrupt`);
    }
    throw err;
  } finally {
    input.destroy();
  }
  // Every line of a backup ends with "\n": text after the last one is a cut-off line.
  if (pendingBytes > 0) throw new BackupError(`${name} is truncated: its last line is cut off`);
}

/**
 * Reads the backup `file` (called `name` in messages) to its end, checking every row against
 * the header, and hands each row to `onRow` in file order. Resolves to the header; any damage,
 * truncation or edit rejects with a `BackupError` naming it. With `expected` (the header of an
 * earlier read), a file whose header changed since is refused before any row is handed on.
 */
export async function readBackup(
  file: string,
  name: string,
  expected?: BackupHeader,
  onRow?: (row: BackupRow) => Promise<void> | void,
): Promise<BackupHeader> {
  let header: BackupHeader | null = null;
  let checker: RowChecker | null = null;
  let lineNumber = 0;
  for await (const line of readLines(file, name)) {
    lineNumber++;
    if (!header || !checker) {
      header = parseHeader(line, name);
      if (expected && encodeHeader(header) !== encodeHeader(expected)) {
        throw new BackupError(`${name} changed while it was being restored`);
      }
      checker = new RowChecker(header, name);
      continue;
    }
    const row = checker.accept(line, lineNumber);
    if (onRow) await onRow(row);
  }
  if (!header || !checker) throw new BackupError(`${name} is empty: it is not a Claimdesk backup`);
  checker.finish();
  return header;
}

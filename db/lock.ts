/**
 * A lock file beside a PGlite data directory. PGlite has no lock between processes: two
 * processes can open one directory without an error and each loses the other's writes
 * (STACK-NOTES 3). The lock holds the owner's PID; a lock whose process is gone is stale and
 * is taken over.
 */
import fs from "node:fs";

export interface DirectoryLock {
  path: string;
  release(): void;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(
      `The database is in use by another process (PID ${pid}). PGlite allows one process per data ` +
        `directory: stop that process, or set CLAIMDESK_DATA_DIR to another folder. ` +
        `If no such process runs, delete ${lockPath}.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function fileMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Takes the lock or throws `DatabaseLockedError`. Released on `release()` or process exit. */
export function acquireDirectoryLock(lockPath: string): DirectoryLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.off("exit", release);
        if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return { path: lockPath, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readOwner(lockPath);
      if (owner !== null && processAlive(owner)) throw new DatabaseLockedError(lockPath, owner);
      // An unreadable lock may be one that another process is writing this very moment.
      if (owner === null && Date.now() - fileMtime(lockPath) < 5_000) {
        throw new DatabaseLockedError(lockPath, 0);
      }
      // Stale (its process died) or unreadable for long (a writer died mid-write): take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the database lock ${lockPath}.`);
}

/**
 * The PGlite data-directory lock (db/lock.ts): one process per directory, with a clear error
 * for the second opener and a stale lock of a dead process taken over. Runs on PGlite whatever
 * the engine of the suite, since the lock exists only for PGlite.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type DbHandle, openDatabase, PGLITE_EXTENSIONS } from "../../db/client";
import { acquireDirectoryLock, DatabaseLockedError } from "../../db/lock";

let root: string;
const opened: DbHandle[] = [];

beforeEach(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), "claimdesk-lock-"));
});
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close().catch(() => {});
  await fs.promises.rm(root, { recursive: true, force: true });
});

async function open(dataDir: string) {
  const handle = await openDatabase({ engine: "pglite", dataDir });
  opened.push(handle);
  return handle;
}

/**
 * Fills a data directory from the suite's migrated template: creating a PGlite directory from
 * scratch (initdb) takes many seconds, restoring one about one.
 */
async function prepare(dataDir: string) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const dump = fs.readFileSync(inject("pgliteTemplate"));
  const client = await PGlite.create(dataDir, {
    loadDataDir: new Blob([dump]),
    extensions: PGLITE_EXTENSIONS,
  });
  await client.close();
}

/** The PID of a process that has exited, so no process runs with it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  const pid = Number(child.stdout.toString());
  expect(pid).toBeGreaterThan(0);
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

describe("PGlite directory lock", () => {
  // One data directory for these tests (restoring it is the slow part); each leaves it closed.
  let shared: string;
  let dataDir: string;
  beforeAll(async () => {
    shared = await fs.promises.mkdtemp(path.join(os.tmpdir(), "claimdesk-lock-data-"));
    dataDir = path.join(shared, "nested", "pglite");
    await prepare(dataDir);
  });
  afterAll(async () => {
    if (shared) await fs.promises.rm(shared, { recursive: true, force: true });
  });

  it("refuses a second open while the first is open, and allows it after close", async () => {
    const lockPath = `${dataDir}.lock`;
    const first = await open(dataDir);
    await first.db.execute(sql`CREATE TABLE kept (v text)`);
    await first.db.execute(sql`INSERT INTO kept VALUES ('written by the first')`);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));

    const second = openDatabase({ engine: "pglite", dataDir });
    await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(second).rejects.toThrow(
      `The database is in use by another process (PID ${process.pid}).`,
    );
    await expect(second).rejects.toThrow(/set CLAIMDESK_DATA_DIR to another folder/);
    await expect(second).rejects.toThrow(`delete ${lockPath}`);
    // The refused opener left the lock of the first alone.
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));

    await first.close();
    expect(fs.existsSync(lockPath)).toBe(false);

    const third = await open(dataDir);
    const rows = await third.db.execute(sql`SELECT v FROM kept`);
    expect(JSON.stringify(rows)).toContain("written by the first");
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    await third.close();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it("takes over a stale lock whose process is gone", async () => {
    const lockPath = `${dataDir}.lock`;
    fs.writeFileSync(lockPath, String(deadPid()));
    const handle = await open(dataDir);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    // It is the migrated database, open and usable.
    const rows = await handle.db.execute(sql`SELECT count(*)::int AS n FROM users`);
    expect(JSON.stringify(rows)).toContain('"n":0');
    await handle.close();
    expect(fs.existsSync(lockPath)).toBe(false);
  });
});

describe("acquireDirectoryLock", () => {
  it("refuses a lock held by a live process, even another one", () => {
    const lockPath = path.join(root, "held.lock");
    // PID 1 always runs (and may belong to another user: EPERM still means alive).
    fs.writeFileSync(lockPath, "1");
    expect(() => acquireDirectoryLock(lockPath)).toThrow(DatabaseLockedError);
    expect(fs.readFileSync(lockPath, "utf8")).toBe("1");
  });

  it("refuses an unreadable lock that was just written, and takes it over once it is old", () => {
    const lockPath = path.join(root, "garbled.lock");
    fs.writeFileSync(lockPath, "");
    expect(() => acquireDirectoryLock(lockPath)).toThrow(DatabaseLockedError);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    const lock = acquireDirectoryLock(lockPath);
    expect(fs.readFileSync(lockPath, "utf8")).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it("releases once, and never removes a lock another process has taken since", () => {
    const lockPath = path.join(root, "taken.lock");
    const lock = acquireDirectoryLock(lockPath);
    expect(() => acquireDirectoryLock(lockPath)).toThrow(DatabaseLockedError);
    // Someone removed our file and a live process took the lock in the meantime.
    fs.writeFileSync(lockPath, "1");
    lock.release();
    expect(fs.readFileSync(lockPath, "utf8")).toBe("1");
    lock.release();
    expect(fs.readFileSync(lockPath, "utf8")).toBe("1");
  });
});

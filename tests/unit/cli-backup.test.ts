/**
 * `claimdesk backup` and `claimdesk restore`, spawned as an operator runs them
 * (bin/claimdesk.mjs) on PGlite directories of their own: the demo workspace with a graded
 * claim backed up, restored into another, empty directory and compared table by table; the npm
 * scripts; and each refusal in one line with its exit code, leaving the databases as they were.
 * Always PGlite (the directories are the test's), so it lives with the unit tests and runs once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "../../db/client";
import { readCodeMigrations } from "../../lib/services/backup/migrations";
import { pgliteEnv, REPO_ROOT, spawnClaimdesk, spawnCommand } from "../helpers/cli";
import { readEveryTable, seedFullWorkspace } from "../helpers/workspace";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-cli-backup-"));
const live = path.join(tmp, "live");
const copy = path.join(tmp, "copy");
const latest = readCodeMigrations(path.join(REPO_ROOT, "db", "migrations")).at(-1)?.tag;

const claimdesk = (args: string[], dataDir: string) =>
  spawnClaimdesk(args, { cwd: tmp, env: pgliteEnv(dataDir) });

/** Opens a data folder in this process (no command may be running on it), runs `fn`, closes. */
async function withDatabase<T>(dataDir: string, fn: (handle: DbHandle) => Promise<T>) {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
const everyTable = (dataDir: string) => withDatabase(dataDir, (h) => readEveryTable(h.db));

/** `npm run --silent NAME -- ARGS` in the project, as the operator's docs say. */
function npmRun(name: string, args: string[], dataDir: string) {
  return spawnCommand("npm", ["run", "--silent", name, "--", ...args], {
    env: pgliteEnv(dataDir),
  });
}

let original: Awaited<ReturnType<typeof readEveryTable>>;

beforeAll(async () => {
  await withDatabase(live, async (handle) => {
    await handle.migrate();
    await seedFullWorkspace(handle.db);
  });
  original = await everyTable(live);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("claimdesk backup and restore (spawned, on PGlite directories)", {
  timeout: 120_000,
}, () => {
  it("backs up the workspace and restores it into an empty directory, every row the same", async () => {
    const backedUp = await claimdesk(["backup", "--out", "workspace.jsonl.gz"], live);
    expect(backedUp.stderr).toBe("");
    expect(backedUp.status).toBe(0);
    expect(backedUp.stdout).toMatch(
      new RegExp(
        `^Wrote workspace\\.jsonl\\.gz \\(\\d+ bytes\\): \\d+ tables, \\d+ rows, at migration ${latest}\\.\\n$`,
      ),
    );
    expect(fs.readdirSync(tmp).filter((f) => f.includes("workspace"))).toEqual([
      "workspace.jsonl.gz",
    ]);

    const restored = await claimdesk(["restore", "workspace.jsonl.gz"], copy);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(
      new RegExp(
        `^Restored workspace\\.jsonl\\.gz into ${copy}/pglite: \\d+ tables, \\d+ rows, taken \\S+ at migration ${latest} \\(Claimdesk 0\\.1\\.0, pglite [\\d.]+\\)\\.\\n$`,
      ),
    );
    const copied = await everyTable(copy);
    expect(copied.rows).toEqual(original.rows);
    expect(copied.text).toEqual(original.text);
    // The original is untouched by being backed up.
    expect(await everyTable(live)).toEqual(original);
  });

  it("runs as npm run backup and npm run restore", async () => {
    const out = path.join(tmp, "via-npm.jsonl.gz");
    const backedUp = await npmRun("backup", ["--out", out], live);
    expect(backedUp.status).toBe(0);
    expect(backedUp.stdout).toMatch(/^Wrote .*via-npm\.jsonl\.gz \(\d+ bytes\)/);
    const checked = await npmRun("restore", ["--check", out], live);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/via-npm\.jsonl\.gz is a complete Claimdesk backup: \d+ tables/);
  });

  it("refuses in one line, with exit code 1 or 2, and changes nothing", async () => {
    const before = await everyTable(copy);
    const bytes = fs.readFileSync(path.join(tmp, "workspace.jsonl.gz"));
    fs.writeFileSync(path.join(tmp, "cut.jsonl.gz"), bytes.subarray(0, bytes.length - 40));

    expect(await claimdesk(["restore", "workspace.jsonl.gz"], copy)).toEqual({
      status: 1,
      stdout: "",
      stderr: expect.stringMatching(
        /^claimdesk restore: the database \(\S+\) is not empty \([^)]*\): a backup is restored only into an empty database; nothing was changed\n$/,
      ),
    });
    expect(await claimdesk(["restore", "nope.jsonl.gz"], copy)).toEqual({
      status: 1,
      stdout: "",
      stderr: "claimdesk restore: cannot read nope.jsonl.gz: no such file\n",
    });
    const cut = await claimdesk(["restore", "cut.jsonl.gz"], path.join(tmp, "never"));
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/^claimdesk restore: cut\.jsonl\.gz is truncated: [^\n]+\n$/);
    // A file refused before the database is opened leaves no database behind.
    expect(fs.existsSync(path.join(tmp, "never"))).toBe(false);

    const usage = await claimdesk(["restore"], copy);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^claimdesk restore: missing FILE\n/);
    const option = await claimdesk(["backup", "--colour", "red"], live);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/^claimdesk backup: unknown option --colour\n/);

    const exists = await claimdesk(["backup", "--out", "workspace.jsonl.gz"], live);
    expect(exists.status).toBe(1);
    expect(exists.stderr).toBe(
      "claimdesk backup: workspace.jsonl.gz already exists: choose another --out (a backup never replaces a file)\n",
    );
    const noFolder = await claimdesk(["backup", "--out", "no/such/b.jsonl.gz"], live);
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toBe(
      "claimdesk backup: cannot write no/such/b.jsonl.gz: no such directory\n",
    );
    const nowhere = await claimdesk(["backup"], path.join(tmp, "nowhere"));
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toBe(
      `claimdesk backup: there is no database in ${path.join(tmp, "nowhere", "pglite")}: set ` +
        "CLAIMDESK_DATA_DIR to the server's data folder, or DATABASE_URL for PostgreSQL\n",
    );
    expect(fs.existsSync(path.join(tmp, "nowhere"))).toBe(false);
    expect(await everyTable(copy)).toEqual(before);
  });

  it("says to stop the server when another process holds the PGlite directory", async () => {
    await withDatabase(live, async () => {
      const held = await claimdesk(["backup", "--out", "held.jsonl.gz"], live);
      expect(held).toEqual({
        status: 1,
        stdout: "",
        stderr:
          `claimdesk backup: the database ${path.join(live, "pglite")} is in use by another ` +
          `process (PID ${process.pid}), most likely the Claimdesk server: stop the server and ` +
          "run this again, or run both on PostgreSQL with DATABASE_URL\n",
      });
    });
    expect(fs.existsSync(path.join(tmp, "held.jsonl.gz"))).toBe(false);
  });
});

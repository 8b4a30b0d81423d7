/**
 * `claimdesk library import|export`, spawned as a user runs it (bin/claimdesk.mjs) against a
 * PGlite data directory of its own: a feed imported under the only admin (format detected), a
 * re-import skipped, a hostile file refused in one line with nothing written, the library
 * exported as JSON and read back by the import. Always PGlite (the directory is the test's),
 * so it lives with the unit tests and runs once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "../../db/client";
import { auditEvents, libraryEntries } from "../../db/schema";
import { pgliteEnv, runMain, spawnClaimdesk } from "../helpers/cli";
import { createActor } from "../helpers/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-cli-library-"));
const dataDir = path.join(tmp, "pglite");
const claimdesk = (args: string[]) => spawnClaimdesk(args, { cwd: tmp, env: pgliteEnv(tmp) });

async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ engine: "pglite", dataDir });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

const counts = () =>
  withDatabase(async ({ db }) => ({
    entries: (await db.select({ n: count() }).from(libraryEntries))[0]?.n,
    events: (
      await db
        .select({ n: count() })
        .from(auditEvents)
        .where(eq(auditEvents.action, "library.import"))
    )[0]?.n,
  }));

describe("claimdesk library (spawned, on a PGlite directory of its own)", {
  timeout: 120_000,
}, () => {
  beforeAll(async () => {
    await withDatabase(async (handle) => {
      await handle.migrate();
      await createActor(handle.db, "admin", "Only Admin");
      await createActor(handle.db, "viewer", "Vera Viewer");
    });
    fs.copyFileSync(
      path.join(__dirname, "../fixtures/claimreview/datafeed.json"),
      path.join(tmp, "feed.json"),
    );
    fs.writeFileSync(
      path.join(tmp, "bad.json"),
      JSON.stringify([
        {
          "@type": "ClaimReview",
          url: "javascript:alert(1)",
          claimReviewed: "x",
          author: "A",
          reviewRating: { alternateName: "False" },
        },
      ]),
    );
    fs.writeFileSync(
      path.join(tmp, "mine.json"),
      JSON.stringify([
        {
          id: "a",
          text: "Vitamin D prevents falls",
          verdict: "misleading",
          variants: ["Vitamin D stops falls"],
        },
      ]),
    );
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("imports a feed (format detected) as the only admin, then skips it the second time", async () => {
    const first = await claimdesk(["library", "import", "feed.json"]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      format: "claimreview",
      created: 3,
      skipped: 0,
      entries: [{ number: 1 }, { number: 2 }, { number: 3 }],
    });
    const again = await claimdesk(["library", "import", "feed.json", "--format", "claimreview"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, skipped: 3 });
    expect(await counts()).toEqual({ entries: 3, events: 1 });
  });

  it("refuses a hostile file and a viewer in one line each, writing nothing", async () => {
    const before = await counts();
    const bad = await claimdesk(["library", "import", "bad.json"]);
    expect(bad).toMatchObject({ status: 1, stdout: "" });
    expect(bad.stderr).toBe(
      "claimdesk library: 1 of 1 ClaimReview cannot be imported, so nothing was: ClaimReview 1: its url is not an http:// or https:// address.\n",
    );
    const viewer = await claimdesk([
      "library",
      "import",
      "mine.json",
      "--author",
      "vera.viewer@example.com",
    ]);
    expect(viewer.status).toBe(1);
    expect(viewer.stderr).toContain(
      "vera.viewer@example.com: Your role (viewer) does not allow this action.",
    );
    expect(await counts()).toEqual(before);
  });

  it("exports the library as JSON that the import reads, and as ClaimReview", async () => {
    const mine = await claimdesk(["library", "import", "mine.json"]);
    expect(JSON.parse(mine.stdout)).toMatchObject({ format: "json", created: 1 });
    const out = await claimdesk(["library", "export", "--out", "library.json"]);
    expect(out).toMatchObject({ status: 0, stdout: "" });
    expect(out.stderr).toMatch(/^Wrote library\.json: 4 entries \(\d+ bytes\)\.\n$/);
    const file = JSON.parse(fs.readFileSync(path.join(tmp, "library.json"), "utf8"));
    expect(file.at(-1)).toEqual({
      id: "K4",
      text: "Vitamin D prevents falls",
      verdict: "misleading",
      variants: ["Vitamin D stops falls"],
    });
    expect(file[0]).toMatchObject({
      id: "K1",
      external: { publisher: "FactFeed Health", rating: "1/5" },
    });
    // Read back: every wording is already there, so all are skipped.
    const back = await claimdesk(["library", "import", "library.json"]);
    expect(JSON.parse(back.stdout)).toMatchObject({ format: "json", created: 0, skipped: 4 });
    const reviews = await claimdesk(["library", "export", "--format", "claimreview"]);
    const parsed = JSON.parse(reviews.stdout);
    expect(parsed.map((r: { claimReviewed: string }) => r.claimReviewed)).toEqual([
      "Vitamin D prevents falls",
    ]);
  });
});

describe("claimdesk library's command line", () => {
  const run = (argv: string[]) => runMain(argv, tmp);
  it("prints its help, and exits 2 on a wrong command line", async () => {
    expect((await run(["library", "--help"])).stdout).toMatch(
      /^Usage: claimdesk library import FILE/,
    );
    expect(await run(["library"])).toMatchObject({ status: 2, stdout: "" });
    expect((await run(["library", "frob"])).stderr).toContain('unknown subcommand "frob"');
    expect((await run(["library", "import"])).stderr).toContain("missing FILE");
    expect((await run(["library", "export", "--format", "csv"])).stderr).toContain(
      'unknown format "csv"; use one of json, claimreview',
    );
    expect((await run(["library", "import", "a.json", "--out", "x"])).status).toBe(2);
  });
});

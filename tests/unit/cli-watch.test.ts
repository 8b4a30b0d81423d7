/**
 * `claimdesk watch`, spawned as cron runs it, on a PGlite directory of its own, against the
 * local stand-in for Crossref and PubMed: one run prints its summary and exits 0, a retracted
 * study is flagged; with Crossref down it says so and exits 1. Always PGlite (the directory is
 * the test's), so it lives with the unit tests and runs once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { bibReferences, scheduledJobs } from "../../db/schema";
import { pgliteEnv, spawnClaimdesk } from "../helpers/cli";
import { createActor, importArticle, resolvedInaccurateClaim } from "../helpers/fixtures";
import { type OutsideServices, startOutsideServices } from "../helpers/outside/server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-cli-watch-"));
const dataDir = path.join(tmp, "pglite");
const DOI = "10.1016/s0140-6736(97)11096-0";
let outside: OutsideServices;

const claimdesk = () =>
  spawnClaimdesk(["watch"], {
    cwd: tmp,
    env: { ...pgliteEnv(tmp), ...outside.env, CLAIMDESK_OUTSIDE_TIMEOUT_MS: "2000" },
  });

describe("claimdesk watch (spawned)", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    outside = await startOutsideServices();
    const handle = await openDatabase({ engine: "pglite", dataDir });
    try {
      await handle.migrate();
      const editor = await createActor(handle.db, "editor");
      const reviewer = await createActor(handle.db, "reviewer");
      const a = await importArticle(handle.db, editor);
      await resolvedInaccurateClaim(handle.db, reviewer, a.revisionId, { doi: DOI });
    } finally {
      await handle.close();
    }
  }, 120_000);
  afterAll(async () => {
    await outside.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("runs once, prints the summary and flags the retracted study", async () => {
    outside.world.state.retracted = [DOI];
    const run = await claimdesk();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("References checked: 1");
    expect(run.stdout).toContain("Newly flagged: 1");
    expect(run.stdout).toContain("Claims sent back to re-check: 1");
    expect(run.stdout).toMatch(/Requests made: Crossref 1, NCBI 0/);
    const handle = await openDatabase({ engine: "pglite", dataDir });
    try {
      const [ref] = await handle.db.select().from(bibReferences).where(eq(bibReferences.doi, DOI));
      expect(ref?.flag).toBe("retracted");
      const [job] = await handle.db.select().from(scheduledJobs);
      expect(job).toMatchObject({ name: "retraction-watch", lastOutcome: "ok", lockedBy: null });
    } finally {
      await handle.close();
    }
  });

  it("exits 1 and says what failed when Crossref is down", async () => {
    outside.world.down = { crossref: "error" };
    const run = await claimdesk();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Error: Crossref answered with an error (HTTP 503).");
    outside.world.down = {};
  });
});

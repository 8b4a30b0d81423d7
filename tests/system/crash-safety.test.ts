/**
 * Crash safety on the embedded database: the server is SIGKILLed in the middle of a burst of
 * writes on PGlite, then started again on the same folder. Every write it acknowledged (a 200)
 * must be there, and nothing may be half-written: each claim has its anchor and its audit
 * event, each evidence item and comment its audit event, and no create event lacks its row.
 * (A write in flight when the server died may or may not be there: it was never acknowledged.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { auditEvents, claimAnchors, claims, comments, evidence } from "../../db/schema";
import { DEMO_ARTICLE_SLUG } from "../../lib/entry/demo/seed";
import { ApiClient, type AppServer, demoLogin, portFor, startServer } from "../helpers/app-server";
import { reviewRound } from "../helpers/workload";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-crash-"));
let server: AppServer | null = null;

afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ACTION_TABLE = {
  "claim.create": "claim",
  "evidence.add": "evidence",
  "comment.add": "comment",
};

it("keeps every acknowledged write and nothing half-written after SIGKILL mid-burst", async () => {
  const port = portFor(0);
  server = await startServer({ port, dataDir });
  const reviewer = await ApiClient.signIn(server.base, demoLogin("reviewer@example.com"));
  const article = await reviewer.article(DEMO_ARTICLE_SLUG);

  // Six reviewers' worth of concurrent writes until the plug is pulled.
  const acked = new Map<string, string[]>(Object.keys(ACTION_TABLE).map((a) => [a, []]));
  let killed = false;
  let failuresBeforeKill = 0;
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        await reviewRound(reviewer, article, w * 7 + i, `crash-${w}-${i}`, {
          acknowledged: (action, id) => acked.get(action)?.push(id),
        });
      } catch (err) {
        if (!killed) {
          failuresBeforeKill++;
          throw err;
        }
      }
    }
  };
  const workers = Array.from({ length: 6 }, (_, w) => worker(w));
  const deadline = Date.now() + 20_000;
  while ((acked.get("comment.add")?.length ?? 0) < 30 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  killed = true;
  await server.kill();
  await Promise.allSettled(workers);
  expect(failuresBeforeKill, server.output()).toBe(0);
  const ackedClaims = acked.get("claim.create") ?? [];
  console.log(
    `acknowledged before SIGKILL: ${[...acked].map(([a, ids]) => `${ids.length} ${a}`).join(", ")}`,
  );
  expect(ackedClaims.length).toBeGreaterThanOrEqual(30);

  // Restart on the same folder: the dead process's lock is stale and taken over.
  server = await startServer({ port, dataDir });
  const again = await ApiClient.signIn(server.base, demoLogin("reviewer@example.com"));
  const after = await again.article(DEMO_ARTICLE_SLUG);
  const present = new Set(after.claims.map((c) => c.id));
  expect(ackedClaims.filter((id) => !present.has(id))).toEqual([]);
  // And it takes new work.
  await reviewRound(again, after, 0, "after-restart");
  await server.stop();
  server = null;

  // Read the folder directly, with the server stopped (one process per PGlite folder).
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    const db = handle.db;
    const rows = {
      claim: await db.select({ id: claims.id }).from(claims),
      evidence: await db.select({ id: evidence.id }).from(evidence),
      comment: await db.select({ id: comments.id }).from(comments),
    };
    for (const [action, entity] of Object.entries(ACTION_TABLE)) {
      const ids = new Set(rows[entity as keyof typeof rows].map((r) => r.id));
      const missing = (acked.get(action) ?? []).filter((id) => !ids.has(id));
      expect(missing, `acknowledged ${action} lost`).toEqual([]);
      // One create event per row, and no event whose row is missing: all or nothing.
      const events = await db
        .select({ entityId: auditEvents.entityId })
        .from(auditEvents)
        .where(eq(auditEvents.action, action));
      const eventIds = events.map((e) => e.entityId);
      expect(new Set(eventIds).size, `${action}: one event per row`).toBe(eventIds.length);
      expect(new Set(eventIds), `${action}: events and rows agree`).toEqual(ids);
    }
    console.log(
      `in the database after restart: ${rows.claim.length} claims, ${rows.evidence.length} evidence, ${rows.comment.length} comments`,
    );
    const anchored = await db
      .select({ claimId: claimAnchors.claimId })
      .from(claimAnchors)
      .where(
        and(
          eq(claimAnchors.revisionId, article.revision.id),
          inArray(
            claimAnchors.claimId,
            rows.claim.map((c) => c.id),
          ),
        ),
      );
    expect(anchored.length, "every claim has its anchor").toBe(rows.claim.length);
  } finally {
    await handle.close();
  }
});

/**
 * `npm run bench -- notification-fanout`: the cost of the notification fan-out
 * (docs/architecture.md, "Notifications and mentions") for a comment on a claim that 50 people
 * follow — 50 `reply` notifications, their live messages and (with SMTP set) 50 outbox rows, in
 * the comment's transaction — against the same comment on a claim nobody else follows. On
 * in-memory PGlite and, with `BENCH_DATABASE_URL` (a scratch database: it is emptied first), on
 * PostgreSQL. Prints p50/p95 of `comment.add` over 40 comments each.
 */
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { insertUser } from "../db/queries/users";
import { claimFollowers, notifications } from "../db/schema";
import type { Actor } from "../lib/core/auth/permissions";
import type { Role } from "../lib/core/vocabulary";
import { executeAction } from "../lib/server/action";
import { createArticleFromText } from "../lib/services/articles/service";
import { createClaim } from "../lib/services/claims/service";
import { addComment } from "../lib/services/comments/service";
import { onEachEngine } from "./_engines";

const FOLLOWERS = 50;
const COMMENTS = 40;
const TEXT = "Stem cell therapy has no toxicity and rejection reaction. It cures kidney failure.";

async function person(handle: DbHandle, role: Role, i: number): Promise<Actor> {
  const u = await insertUser(handle.db, {
    email: `bench.${role}.${i}@example.com`,
    name: `Bench ${role} ${i}`,
    passwordHash: "x",
    role,
  });
  return { id: u.id, email: u.email, name: u.name, role };
}

async function claimOn(handle: DbHandle, editor: Actor, reviewer: Actor, title: string) {
  const article = await handle.db.transaction((tx) =>
    createArticleFromText(tx, editor.id, {
      title,
      text: TEXT,
      sourceUrl: null,
      originalAuthor: null,
      originalPublishedAt: null,
    }),
  );
  const exact = "no toxicity and rejection reaction";
  const start = TEXT.indexOf(exact);
  const r = await executeAction(
    createClaim,
    { db: handle.db, actor: reviewer },
    { revisionId: article.revisionId, start, end: start + exact.length, exact },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.data.id;
}

async function timeComments(handle: DbHandle, actor: Actor, claimId: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COMMENTS; i++) {
    const start = performance.now();
    const r = await executeAction(
      addComment,
      { db: handle.db, actor },
      { claimId, body: `Note ${i}.` },
    );
    times.push(performance.now() - start);
    if (!r.ok) throw new Error(r.error.message);
  }
  return times.sort((a, b) => a - b);
}

const at = (t: number[], p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))] ?? 0;

async function run(label: string, handle: DbHandle) {
  const editor = await person(handle, "editor", 0);
  const writer = await person(handle, "reviewer", 0);
  const followed = await claimOn(handle, editor, writer, "Followed");
  const followers = [];
  for (let i = 1; i <= FOLLOWERS; i++) followers.push(await person(handle, "reviewer", i));
  await handle.db
    .insert(claimFollowers)
    .values(
      followers.map((f) => ({ claimId: followed, userId: f.id, reason: "commented" as const })),
    );
  const alone = await claimOn(handle, editor, writer, "Alone");
  await timeComments(handle, writer, alone); // warm-up
  const quiet = await timeComments(handle, writer, alone);
  const loud = await timeComments(handle, writer, followed);
  const [row] = await handle.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(eq(notifications.claimId, followed));
  console.log(`${label}:`);
  console.log(
    `  comment.add, nobody else follows: p50 ${at(quiet, 0.5).toFixed(1)} ms, p95 ${at(quiet, 0.95).toFixed(1)} ms`,
  );
  console.log(
    `  comment.add, ${FOLLOWERS} followers told: p50 ${at(loud, 0.5).toFixed(1)} ms, p95 ${at(loud, 0.95).toFixed(1)} ms (${row?.n ?? "?"} notifications written)`,
  );
}

await onEachEngine(run);

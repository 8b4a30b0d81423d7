/**
 * `npm run bench -- live`: live-update latency (docs/figures.md, "Live updates and presence"):
 * from the start of a claim save by one person to the moment another person's live stream
 * (lib/services/live/stream.ts, what GET /api/live serves) has the message about it — the save's
 * transaction, NOTIFY at commit, the hub's fan-out, the actor's name and the SSE frame. On
 * in-memory PGlite (in process), and on PostgreSQL in a scratch database on TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) with the writer and the listener on
 * separate handles, as two app instances are. Prints median and p95; asserts nothing.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout } from "node:timers/promises";
import pg from "pg";
import { type DbHandle, openDatabase } from "../db/client";
import { listPresence } from "../db/queries/presence";
import { insertUser } from "../db/queries/users";
import type { Actor } from "../lib/core/auth/permissions";
import { executeAction } from "../lib/server/action";
import { LiveHub } from "../lib/server/live/hub";
import { createArticleFromText } from "../lib/services/articles/service";
import { createClaim, updateClaim } from "../lib/services/claims/service";
import { openLiveStream } from "../lib/services/live/stream";

const SAVES = 200;
const TEXT = "Vitamin C prevents colds in adults.\n\nNo trial has shown it.";

async function actor(db: DbHandle["db"], role: Actor["role"]): Promise<Actor> {
  const u = await insertUser(db, {
    email: `${role}-${randomUUID().slice(0, 8)}@example.com`,
    name: `Bench ${role}`,
    passwordHash: "x",
    role,
  });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function measure(label: string, writer: DbHandle, listener: DbHandle): Promise<void> {
  const { db } = writer;
  const editor = await actor(db, "editor");
  const reviewer = await actor(db, "reviewer");
  const article = await db.transaction((tx) =>
    createArticleFromText(tx, editor.id, {
      title: "Live bench",
      text: TEXT,
      sourceUrl: null,
      originalAuthor: null,
      originalPublishedAt: null,
    }),
  );
  const exact = "Vitamin C prevents colds in adults.";
  const created = await executeAction(
    createClaim,
    { db, actor: reviewer },
    { revisionId: article.revisionId, start: 0, end: exact.length, exact },
  );
  if (!created.ok) throw new Error(created.error.message);

  const hub = new LiveHub(async () => listener);
  const abort = new AbortController();
  const stream = await openLiveStream(
    listener.db,
    editor,
    { articleId: article.id, lastEventId: null },
    abort.signal,
    hub,
  );
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const nextArticleFrame = async () => {
    for (;;) {
      const at = text.indexOf('"type":"article"');
      if (at >= 0) {
        text = text.slice(text.indexOf("\n\n", at) + 2);
        return;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      text += decoder.decode(value, { stream: true });
    }
  };
  // Connected and present: the stream's presence list has arrived.
  while (!text.includes('"people"')) text += decoder.decode((await reader.read()).value);
  text = "";

  let version = created.data.version;
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const t0 = performance.now();
    const saved = await executeAction(
      updateClaim,
      { db, actor: reviewer },
      {
        claimId: created.data.id,
        version,
        status: "in_review",
        verdict: null,
        severity: "medium",
        rationale: `Checked ${i}.`,
        suggestedCorrection: "",
      },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    version = saved.data.version;
    await nextArticleFrame();
    times.push(performance.now() - t0);
  }
  abort.abort();
  await reader.cancel().catch(() => {});
  // The stream's close removes its presence row (and says so): let it finish first.
  while ((await listPresence(listener.db, article.id)).length > 0) await setTimeout(10);
  await hub.close();
  times.sort((x, y) => x - y);
  console.log(
    `${label.padEnd(11)} save → other's stream: median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms (${SAVES} saves)`,
  );
}

const pglite = await openDatabase({ engine: "pglite", memory: true });
await pglite.migrate();
await measure("PGlite", pglite, pglite);
await pglite.close();

const server = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `cdb_bench_live_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const admin = new pg.Client({ connectionString: server });
try {
  await admin.connect();
} catch (err) {
  console.log(`PostgreSQL: skipped (${String(err)})`);
  process.exit(0);
}
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const writer = await openDatabase({ engine: "postgres", url: url.toString() });
const listener = await openDatabase({ engine: "postgres", url: url.toString() });
try {
  await writer.migrate();
  await measure("PostgreSQL", writer, listener);
} finally {
  await writer.close();
  await listener.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

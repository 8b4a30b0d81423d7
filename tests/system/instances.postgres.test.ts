/**
 * Several instances: two `next start` processes on different ports against one PostgreSQL, as
 * behind a load balancer. They start at the same moment (migrations and the demo seed must
 * take turns), then two people edit the same claims through different instances at the same
 * moment: exactly one save per version wins, the other gets a conflict showing the winner's
 * values — no lost update, every conflict reported. Claims created through both at once get
 * distinct numbers. Runs when TEST_DATABASE_URL names a server where it may create databases
 * (vitest.config.mts includes *.postgres.test.ts only then).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { auditEvents, claims } from "../../db/schema";
import { DEMO_ARTICLE_SLUG } from "../../lib/entry/demo/seed";
import {
  ApiClient,
  type AppServer,
  createScratchDatabase,
  demoLogin,
  portFor,
  startServer,
} from "../helpers/app-server";

const servers: AppServer[] = [];
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | null = null;

beforeAll(async () => {
  scratch = await createScratchDatabase("instances");
  const databaseUrl = scratch.url;
  // Both at once: the migration lock and the seed lock make them take turns.
  servers.push(
    ...(await Promise.all([
      startServer({ port: portFor(10), databaseUrl }),
      startServer({ port: portFor(11), databaseUrl }),
    ])),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await scratch?.drop();
});

interface ClaimUpdate {
  claimId: string;
  version: number;
  rationale: string;
}
const update = (client: ApiClient, u: ClaimUpdate) =>
  client.action<{ version: number }>("claim.update", {
    ...u,
    status: "in_review",
    verdict: null,
    severity: "high",
    suggestedCorrection: "",
  });

it("two instances on one PostgreSQL: no lost update, every conflict reported", async () => {
  const [a, b] = servers;
  if (!a || !b) throw new Error("both servers should be running");
  // Two people, each on their own instance.
  const rita = await ApiClient.signIn(a.base, demoLogin("reviewer@example.com"));
  const alex = await ApiClient.signIn(b.base, demoLogin("admin@example.com"));
  const article = await rita.article(DEMO_ARTICLE_SLUG);
  expect((await alex.article(DEMO_ARTICLE_SLUG)).revision.id).toBe(article.revision.id);

  // Twelve claims created through both instances at the same moment.
  const sentences = article.revision.plainText.match(/[^.!?\n]{20,300}[.!?]/g) ?? [];
  const created = await Promise.all(
    sentences.slice(0, 12).map(async (sentence, i) => {
      const start = article.revision.plainText.indexOf(sentence);
      const result = await (i % 2 ? alex : rita).action<{ id: string; number: number }>(
        "claim.create",
        { revisionId: article.revision.id, start, end: start + sentence.length, exact: sentence },
      );
      if (!("data" in result)) throw new Error(`claim.create: ${JSON.stringify(result)}`);
      return result.data;
    }),
  );
  expect(created.map((c) => c.number).sort((x, y) => x - y)).toEqual(
    Array.from({ length: 12 }, (_, i) => i + 1),
  );

  // Four claims, five rounds each: both save the version they read, at the same moment.
  const targets = created.slice(0, 4);
  const winners = new Map<string, string[]>();
  for (const claim of targets) {
    let version = 1;
    for (let round = 0; round < 5; round++) {
      const mine = `Rita, round ${round}: the trial says otherwise.`;
      const theirs = `Alex, round ${round}: needs a second source.`;
      const [r, x] = await Promise.all([
        update(rita, { claimId: claim.id, version, rationale: mine }),
        update(alex, { claimId: claim.id, version, rationale: theirs }),
      ]);
      const results = [
        { result: r, text: mine },
        { result: x, text: theirs },
      ];
      const won = results.filter((o) => o.result.status === 200);
      const lost = results.filter((o) => o.result.status !== 200);
      expect(won, `claim ${claim.number} round ${round}: one save wins`).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const refusal = lost[0]?.result;
      if (!refusal || !("error" in refusal)) throw new Error("the loser should have an error");
      expect(refusal.status).toBe(409);
      expect(refusal.error.code).toBe("conflict");
      // The conflict shows the newer values: the winner's text, at the next version.
      const current = (
        refusal.error.details as { current?: { rationale: string; version: number } }
      )?.current;
      expect(current?.rationale).toBe(won[0]?.text);
      expect(current?.version).toBe(version + 1);
      winners.set(claim.id, [...(winners.get(claim.id) ?? []), won[0]?.text ?? ""]);
      version++;
    }
  }

  // In the database: every claim holds its last winner, one version per win, one audit event
  // per win carrying that text.
  const handle = await openDatabase({ engine: "postgres", url: scratch?.url ?? "" });
  try {
    for (const claim of targets) {
      const [row] = await handle.db
        .select({ version: claims.version, rationale: claims.rationale })
        .from(claims)
        .where(eq(claims.id, claim.id));
      const won = winners.get(claim.id) ?? [];
      expect(row).toEqual({ version: 1 + won.length, rationale: won.at(-1) });
      const events = await handle.db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, claim.id), eq(auditEvents.action, "claim.update")))
        .orderBy(auditEvents.id);
      expect(events.map((e) => (e.after as { rationale?: string }).rationale)).toEqual(won);
    }
  } finally {
    await handle.close();
  }
});

it("a change made through one instance reaches the live stream served by the other", async () => {
  const [a, b] = servers;
  if (!a || !b) throw new Error("both servers should be running");
  const rita = await ApiClient.signIn(a.base, demoLogin("reviewer@example.com"));
  const alex = await ApiClient.signIn(b.base, demoLogin("admin@example.com"));
  const { article, revision } = await rita.article(DEMO_ARTICLE_SLUG);
  const abort = new AbortController();
  // As a browser asks: compression offered, which must not hold the stream back.
  const response = await alex.request(`/api/live?article=${article.id}`, {
    headers: { accept: "text/event-stream", "accept-encoding": "gzip, br" },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(response.headers.get("content-encoding")).toBeNull();
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no stream");
  const decoder = new TextDecoder();
  let text = "";
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
  };
  // Subscribed and present: Ada's own presence comes back through PostgreSQL's NOTIFY.
  await readUntil(/"people":\[[^\]]*Ada Admin/);

  const sentence = revision.plainText.match(/[^.!?\n]{20,300}[.!?]/g)?.at(-1) ?? "";
  const start = revision.plainText.indexOf(sentence);
  const created = await rita.action<{ id: string }>("claim.create", {
    revisionId: revision.id,
    start,
    end: start + sentence.length,
    exact: sentence,
  });
  if (!("data" in created)) throw new Error(`claim.create: ${JSON.stringify(created)}`);
  await readUntil(
    new RegExp(`id: \\d+\\ndata: \\{"type":"article"[^\\n]*"entityId":"${created.data.id}"`),
  );
  expect(text).toContain('"actorName":"Rita Reviewer"');
  abort.abort();
  await reader.cancel().catch(() => {});
});

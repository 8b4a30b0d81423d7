/**
 * The load driver behind `npm run bench:load` and its short run in the system tests: simulated
 * reviewers, each in a loop — read their article (the review page, as a browser loads it), then
 * one review round over the API (claim a sentence, add evidence, comment) — for a fixed time.
 * The users are spread over several articles (copies of one imported at the start), as a desk
 * works on several at once. Every call's latency is recorded; any non-200 answer or network
 * error counts as an error.
 */
import { type ApiArticle, ApiClient, demoLogin } from "./app-server";
import { reviewRound } from "./workload";

export interface LoadOptions {
  /** Signed-in clients; simulated users take them in turn (several users per account). */
  clients: ApiClient[];
  /** May import articles (an editor), for the copies of `slug`. */
  editor: ApiClient;
  slug: string;
  /** How many articles the users share: `slug` and copies of it. @default 10 */
  articles?: number;
  users: number;
  durationMs: number;
  /** The growth table's window: latency per window as claims accumulate. @default 10_000 */
  windowMs?: number;
}

/** One window of the run: what was completed in it, and how many claims existed at its end. */
export interface LoadWindow {
  fromS: number;
  toS: number;
  requests: number;
  /** Claims created since the start, over all the articles, at the window's end. */
  claimsCreated: number;
  /** Latency percentiles in ms of the requests completed in the window, by kind. */
  latency: Record<string, { count: number; p50: number; p95: number; p99: number; max: number }>;
}

export interface LoadReport {
  users: number;
  seconds: number;
  /** Completed requests (page reads and actions), and per second. */
  requests: number;
  throughput: number;
  errors: number;
  /** The first few errors, for the message of a failing run. */
  errorSamples: string[];
  /** Latency percentiles in ms, over all requests and by kind. */
  latency: Record<string, { count: number; p50: number; p95: number; p99: number; max: number }>;
  /** The growth table: the run cut into windows of `windowMs`. */
  windows: LoadWindow[];
}

/** The actions of a review round, grouped as "writes" in the report. */
const WRITES = new Set(["claim.create", "evidence.add", "comment.add"]);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const samples = new Map<string, number[]>();
  // Each request's completion time, kind and latency, for the growth table.
  const timeline: { at: number; kind: string; ms: number }[] = [];
  let started = 0;
  const record = (kind: string, ms: number) => {
    const list = samples.get(kind);
    if (list) list.push(ms);
    else samples.set(kind, [ms]);
    timeline.push({ at: performance.now() - started, kind, ms });
  };
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (err: unknown) => {
    errors++;
    if (errorSamples.length < 5)
      errorSamples.push(err instanceof Error ? err.message : String(err));
  };

  const first = options.clients[0];
  if (!first) throw new Error("runLoad needs at least one signed-in client");
  const articles = await prepareArticles(options.editor, options.slug, options.articles ?? 10);
  started = performance.now();
  const end = started + options.durationMs;

  const user = async (u: number) => {
    const client = options.clients[u % options.clients.length] ?? first;
    const article = articles[u % articles.length] as ApiArticle;
    const slug = article.article.slug;
    for (let round = 0; performance.now() < end; round++) {
      const t = performance.now();
      try {
        const page = await client.get(`/articles/${encodeURIComponent(slug)}`);
        await page.arrayBuffer();
        record("read article", performance.now() - t);
        if (page.status !== 200) throw new Error(`GET /articles/${slug}: ${page.status}`);
        await reviewRound(client, article, u * 31 + round, `load-${u}-${round}`, {
          timing: record,
        });
      } catch (err) {
        fail(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.users }, (_, u) => user(u)));
  const seconds = (performance.now() - started) / 1000;

  const latency: LoadReport["latency"] = {};
  const all: number[] = [];
  for (const [kind, values] of samples) {
    all.push(...values);
    latency[kind] = summarize(values);
  }
  const writes = [...samples].flatMap(([kind, values]) => (WRITES.has(kind) ? values : []));
  if (writes.length > 0) latency.writes = summarize(writes);
  latency.all = summarize(all);
  return {
    windows: windowsOf(timeline, options.windowMs ?? 10_000),
    users: options.users,
    seconds,
    requests: all.length,
    throughput: all.length / seconds,
    errors,
    errorSamples,
    latency,
  };
}

/** `slug` and `count - 1` copies of its text, imported by `editor`, as the API reads them. */
async function prepareArticles(editor: ApiClient, slug: string, count: number) {
  const original = await editor.article(slug);
  const articles = [original];
  for (let i = 1; i < count; i++) {
    const result = await editor.action<{ slug: string }>("article.import", {
      title: `${original.article.title} (load copy ${i})`,
      text: original.revision.plainText,
    });
    if (!("data" in result)) throw new Error(`article.import: ${result.error.message}`);
    articles.push(await editor.article(result.data.slug));
  }
  return articles;
}

function windowsOf(timeline: { at: number; kind: string; ms: number }[], windowMs: number) {
  const windows: LoadWindow[] = [];
  let claims = 0;
  const last = timeline.reduce((m, e) => Math.max(m, e.at), 0);
  for (let from = 0; from < last; from += windowMs) {
    const inWindow = timeline.filter((e) => e.at >= from && e.at < from + windowMs);
    const byKind = new Map<string, number[]>();
    for (const e of inWindow) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e.ms]);
    claims += byKind.get("claim.create")?.length ?? 0;
    const latency: LoadWindow["latency"] = {};
    for (const [kind, values] of byKind) latency[kind] = summarize(values);
    const writes = inWindow.filter((e) => WRITES.has(e.kind)).map((e) => e.ms);
    if (writes.length > 0) latency.writes = summarize(writes);
    latency.all = summarize(inWindow.map((e) => e.ms));
    windows.push({
      fromS: from / 1000,
      toS: Math.min(from + windowMs, last) / 1000,
      requests: inWindow.length,
      claimsCreated: claims,
      latency,
    });
  }
  return windows;
}

function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

/** The report as the few lines the benchmark and the test print. */
export function formatLoadReport(label: string, r: LoadReport): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const lines = [
    `${label}: ${r.users} users for ${r.seconds.toFixed(1)} s: ${r.requests} requests, ${r.throughput.toFixed(1)} requests/s, ${r.errors} errors`,
  ];
  for (const [kind, l] of Object.entries(r.latency)) {
    lines.push(
      `  ${kind.padEnd(14)} n=${String(l.count).padStart(6)}  p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`,
    );
  }
  for (const e of r.errorSamples) lines.push(`  error: ${e}`);
  return lines.join("\n");
}

/** The growth table: per window, the claims so far and the p50/p99 of the page and of all. */
export function formatGrowthTable(r: LoadReport): string {
  const lines = ["  window      claims  req/s  page p50  page p99  writes p50  all p50  all p99"];
  for (const w of r.windows) {
    const page = w.latency["read article"];
    const cell = (v: number | undefined, width: number) =>
      (v === undefined ? "-" : `${v.toFixed(0)}`).padStart(width);
    lines.push(
      `  ${`${w.fromS.toFixed(0)}-${w.toS.toFixed(0)} s`.padEnd(10)}${String(w.claimsCreated).padStart(8)}${(w.requests / Math.max(0.001, w.toS - w.fromS)).toFixed(1).padStart(7)}${cell(page?.p50, 10)}${cell(page?.p99, 10)}${cell(w.latency.writes?.p50, 12)}${cell(w.latency.all?.p50, 9)}${cell(w.latency.all?.p99, 9)}`,
    );
  }
  return lines.join("\n");
}

/**
 * The demo accounts that may write, signed in on `base`: the load's users share them; the
 * second is an editor, who imports the articles.
 */
export async function signInWriters(
  base: string,
): Promise<{ clients: ApiClient[]; editor: ApiClient }> {
  const clients = await Promise.all(
    [
      "reviewer@example.com",
      "editor@example.com",
      "managing.editor@example.com",
      "admin@example.com",
    ].map((email) => ApiClient.signIn(base, demoLogin(email))),
  );
  return { clients, editor: clients[1] as ApiClient };
}

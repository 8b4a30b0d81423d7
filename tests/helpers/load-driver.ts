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
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const samples = new Map<string, number[]>();
  const record = (kind: string, ms: number) => {
    const list = samples.get(kind);
    if (list) list.push(ms);
    else samples.set(kind, [ms]);
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
  const started = performance.now();
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
  latency.all = summarize(all);
  return {
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

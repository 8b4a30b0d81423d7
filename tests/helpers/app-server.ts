/**
 * Runs the production build as a real server and talks to it over HTTP, for the system tests
 * (tests/system: crash safety, several instances, load) and the load benchmark. The build is
 * the one `scripts/e2e.mjs` made (NEXT_DIST_DIR, default .next-e2e), or `buildApp()`'s.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { DEMO_ACCOUNTS } from "../../lib/entry/demo/accounts";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/**
 * `next build` into `distDir` (relative to the project), from scratch; returns the seconds it
 * took.
 */
export function buildApp(distDir: string): number {
  fs.rmSync(path.join(ROOT, distDir), { recursive: true, force: true });
  const started = performance.now();
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0) throw new Error("next build failed");
  return (performance.now() - started) / 1000;
}

export interface ServerOptions {
  port: number;
  /** PGlite: the folder for `CLAIMDESK_DATA_DIR`. */
  dataDir?: string;
  /** PostgreSQL: `DATABASE_URL`. */
  databaseUrl?: string;
  /** Seeds the demo accounts and article. @default true */
  demo?: boolean;
  distDir?: string;
  env?: Record<string, string>;
  /** Node's own flags for the server (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

export interface AppServer {
  base: string;
  /** From spawning `next start` to its first healthy answer (database open and migrated). */
  seconds: number;
  process: ChildProcess;
  /** What the server printed, for the message of a failing test. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, as when the machine loses power or the OOM killer strikes. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

/**
 * `next start` (its PID is the server itself: STACK-NOTES 9), resolved once `/api/health`
 * answers 200, i.e. the database is open and migrated.
 */
export async function startServer(options: ServerOptions): Promise<AppServer> {
  const base = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: options.distDir ?? process.env.NEXT_DIST_DIR ?? ".next-e2e",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_SECRET: "system-test-secret-not-for-production-0123456789",
    NEXTAUTH_URL: base,
    CLAIMDESK_DEMO: options.demo === false ? "0" : "1",
    CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP: "1000",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.CLAIMDESK_DATA_DIR;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.CLAIMDESK_DATA_DIR = options.dataDir;

  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(options.port)],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const server: AppServer = {
    base,
    seconds: 0,
    process: child,
    output: () => output,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    stop: async () => {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited with ${child.exitCode} before serving:\n${output}`);
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`next start did not become healthy in 90 s:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) {
        server.seconds = (performance.now() - started) / 1000;
        return server;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A signed-in HTTP client of one server: the session cookie and the JSON API. */
export class ApiClient {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
  ) {}

  /** Signs in through next-auth's Credentials endpoint, as the sign-in form does. */
  static async signIn(
    base: string,
    { email, password }: { email: string; password: string },
  ): Promise<ApiClient> {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
    const login = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookies.join("; "),
      },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const session = login.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
    if (!session.some((c) => c.includes("session-token="))) {
      throw new Error(`sign-in as ${email} failed (${login.status})`);
    }
    return new ApiClient(base, [...cookies, ...session].join("; "));
  }

  /** The same session against another server (instances share NEXTAUTH_SECRET). */
  on(base: string): ApiClient {
    return new ApiClient(base, this.cookie);
  }

  get(pathname: string): Promise<Response> {
    return fetch(`${this.base}${pathname}`, { headers: { cookie: this.cookie } });
  }

  /** Any request with this session's cookie (headers of `init` added to it). */
  request(pathname: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    return fetch(`${this.base}${pathname}`, {
      ...init,
      headers: { ...init.headers, cookie: this.cookie },
    });
  }

  /** `POST /api/actions/<name>`: the HTTP status and the parsed `{ data }` or `{ error }`. */
  async action<T = Record<string, unknown>>(
    name: string,
    input: unknown,
  ): Promise<
    | { status: 200; data: T }
    | { status: number; error: { code: string; message: string; details?: unknown } }
  > {
    const response = await fetch(`${this.base}/api/actions/${name}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { data?: T; error?: { code: string; message: string } };
    if (response.status === 200) return { status: 200, data: body.data as T };
    if (!body.error) throw new Error(`${name}: ${response.status} without an error body`);
    return { status: response.status, error: body.error };
  }

  /** The article as `GET /api/articles/<slug>` gives it. */
  async article(slug: string): Promise<ApiArticle> {
    const response = await this.get(`/api/articles/${encodeURIComponent(slug)}`);
    if (!response.ok) throw new Error(`GET article ${slug}: ${response.status}`);
    return (await response.json()) as ApiArticle;
  }
}

export interface ApiArticle {
  article: { id: string; slug: string; title: string; state: string; version: number };
  revision: { id: string; number: number; plainText: string };
  claims: {
    id: string;
    number: number;
    version: number;
    status: string;
    verdict: string | null;
    rationale: string;
    anchor: { exact: string; start: number | null; end: number | null; state: string };
  }[];
}

/** Sentence ranges of a plain text (for claims that need a real selection). */
export function sentenceRanges(text: string): { start: number; end: number; exact: string }[] {
  const out: { start: number; end: number; exact: string }[] = [];
  for (const m of text.matchAll(/[^.!?\n]{20,400}[.!?]/g)) {
    const exact = m[0].trim();
    const start = (m.index ?? 0) + m[0].indexOf(exact);
    out.push({ start, end: start + exact.length, exact });
  }
  return out;
}

/**
 * Ports for the system tests' servers: SYSTEM_PORT_BASE (default 3600) + offset, away from the
 * e2e servers (3100, 3101); a second checkout's suite moves the base.
 */
export function portFor(offset: number): number {
  return Number(process.env.SYSTEM_PORT_BASE ?? 3600) + offset;
}

/** A demo account's e-mail and password (lib/entry/demo/accounts.ts). */
export function demoLogin(email: string): { email: string; password: string } {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return { email: account.email, password: account.password };
}

export const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

/**
 * A new, empty database on the TEST_DATABASE_URL server, for servers under test; `drop()`
 * removes it (connections and all).
 */
export async function createScratchDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is needed for a PostgreSQL system test");
  const name = `cdt_${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

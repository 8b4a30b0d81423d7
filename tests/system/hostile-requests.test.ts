/**
 * Issue 10, items 12–16, against the production build over HTTP, with the probes' exact inputs:
 * a hostile .docx import does not stall the server (/api/health answers within a second while
 * the import is still running), hostile JSON is a 400 with a message, the cross-site check
 * trusts only the configured origin, next-auth's redirect never 500s nor leaves the site, and
 * pages a role may not use answer 403 with the notice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ARTICLE_SLUG } from "../../lib/entry/demo/seed";
import {
  ApiClient,
  type AppServer,
  demoLogin,
  portFor,
  removeDir,
  sentenceRanges,
  startServer,
} from "../helpers/app-server";
import { hostileDocx } from "../helpers/docx";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-hostile-"));
let server: AppServer;
let editor: ApiClient;

beforeAll(async () => {
  server = await startServer({ port: portFor(20), dataDir });
  editor = await ApiClient.signIn(server.base, demoLogin("editor@example.com"));
});

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

const json = (body: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body,
});

describe("item 13: one upload does not stall the server", () => {
  it("answers /api/health within a second while the hostile .docx is being imported", async () => {
    const bytes = hostileDocx();
    expect(bytes.byteLength).toBeLessThan(200 * 1024);
    const form = new FormData();
    form.append("source", "file");
    form.append("title", "Tiny paragraphs");
    form.append("file", new File([bytes], "tiny-paragraphs.docx"));

    let importAnsweredAt: number | null = null;
    const started = performance.now();
    const importing = editor
      .request("/api/actions/article.import_document", { method: "POST", body: form })
      .then(async (response) => {
        importAnsweredAt = performance.now();
        return { status: response.status, body: await response.text() };
      });

    // Health is asked once the upload has surely arrived (the import is then converting); each
    // answer must come within a second, and at least one before the import's own answer.
    await new Promise((r) => setTimeout(r, 500));
    const healthWhileImporting: number[] = [];
    while (importAnsweredAt === null && performance.now() - started < 60_000) {
      const asked = performance.now();
      const health = await fetch(`${server.base}/api/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      expect(health.status).toBe(200);
      const answered = performance.now();
      expect(answered - asked, "health took longer than a second").toBeLessThan(1_000);
      if (importAnsweredAt === null) healthWhileImporting.push(answered - asked);
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await importing;
    expect(
      healthWhileImporting.length,
      "no health answer came while the import ran",
    ).toBeGreaterThan(0);
    // The conversion was ended by one of its limits: a clear 400, nothing stored.
    expect(result.status).toBe(400);
    // Which of the worker's limits ends it first (time or memory) depends on the machine.
    expect(result.body).toMatch(/took too long to convert|needs more memory to convert/);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });

  it("refuses a .docx whose text passes the limit, early, with the limit in the message", async () => {
    const form = new FormData();
    form.append("source", "file");
    form.append("title", "Too much text");
    form.append("file", new File([hostileDocx(30 * 1024 * 1024, "aaaaaaaaa")], "long.docx"));
    const response = await editor.request("/api/actions/article.import_document", {
      method: "POST",
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /at least [\d,]+ characters long; the limit is 2,000,000/,
    );
  });
});

describe("item 14: no 500 for hostile JSON", () => {
  it("answers 400 with a message to 10,000 nested arrays, without a session", async () => {
    const body = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const response = await fetch(`${server.base}/api/actions/comment.add`, json(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "validation", message: expect.stringMatching(/nests more than 100 levels/) },
    });
  });

  it("answers 400 to a document 5,000 blockquotes deep in revision.save", async () => {
    const article = await editor.article(DEMO_ARTICLE_SLUG);
    let block = '{"type":"paragraph","content":[{"type":"text","text":"deep"}]}';
    for (let i = 0; i < 5_000; i++) block = `{"type":"blockquote","content":[${block}]}`;
    const body = `{"articleId":"${article.article.id}","baseRevisionId":"${article.revision.id}","summary":"Deep","doc":{"type":"doc","content":[${block}]}}`;
    const response = await editor.request("/api/actions/revision.save", json(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "validation" } });
  });

  it('saves a comment "\\ud800" with U+FFFD instead of a 500', async () => {
    const reviewer = await ApiClient.signIn(server.base, demoLogin("reviewer@example.com"));
    const article = await reviewer.article(DEMO_ARTICLE_SLUG);
    const sentence = sentenceRanges(article.revision.plainText)[0];
    if (!sentence) throw new Error("the demo article has no sentence");
    const claim = await reviewer.action<{ id: string }>("claim.create", {
      revisionId: article.revision.id,
      ...sentence,
    });
    if (!("data" in claim)) throw new Error(JSON.stringify(claim));
    const response = await reviewer.request(
      "/api/actions/comment.add",
      json(`{"claimId":"${claim.data.id}","body":"Lone \\ud800 surrogate"}`),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { body: "Lone \uFFFD surrogate" } });
  });
});

describe("item 15: the origin check trusts only the configured origin", () => {
  it("refuses X-Forwarded-Host: evil.example with Origin: http://evil.example on actions", async () => {
    const response = await editor.request(
      "/api/actions/comment.add",
      json("{}", { "x-forwarded-host": "evil.example", origin: "http://evil.example" }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("refuses the same headers on a server action, and another scheme", async () => {
    for (const headers of [
      { "x-forwarded-host": "evil.example", origin: "http://evil.example" } as Record<
        string,
        string
      >,
      { origin: server.base.replace("http:", "https:") },
    ]) {
      const response = await editor.request("/articles", {
        method: "POST",
        headers: { ...headers, "next-action": "0".repeat(42), "content-type": "text/plain" },
        body: "[]",
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    const sameOrigin = await editor.request(
      "/api/actions/comment.add",
      json("{}", { origin: server.base }),
    );
    expect(sameOrigin.status).toBe(400);
  });
});

describe("item 12: next-auth's redirect never 500s nor leaves the site", () => {
  const PROBES = [
    "/%09/evil.example/",
    "/%0A/evil.example/",
    "/%0D/evil.example/",
    "/%09%5Cevil.example/",
    "//evil.example",
    "\\\\evil.example",
    "http://127.0.0.1:3200.evil.example/",
  ];

  it.each(PROBES)("callbackUrl %j on next-auth's endpoints", async (probe) => {
    const value = probe.includes("%") ? decodeURIComponent(probe) : probe;
    const signin = await fetch(
      `${server.base}/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`,
      { redirect: "manual" },
    );
    expect(signin.status).toBeLessThan(500);
    const cookie = signin.headers.getSetCookie().find((c) => c.includes("callback-url="));
    if (cookie) {
      const stored = decodeURIComponent(cookie.split(";")[0]?.split("=")[1] ?? "");
      expect(new URL(stored).origin).toBe(server.base);
    }

    // Signed in, the sign-in page sends the browser on, to this site's `/`.
    const page = await editor.request(`/signin?callbackUrl=${encodeURIComponent(value)}`, {
      redirect: "manual",
    });
    expect(page.status).toBeGreaterThanOrEqual(300);
    expect(page.status).toBeLessThan(400);
    expect(new URL(page.headers.get("location") ?? "", server.base).href).toBe(`${server.base}/`);
  });
});

describe("item 16: pages a role may not use answer 403 with the notice", () => {
  const CASES: [string, string, string][] = [
    ["viewer@example.com", "/admin/users", "Only admins manage users."],
    ["viewer@example.com", "/admin/audit", "Only admins read the audit log."],
    ["viewer@example.com", "/articles/new", "Only editors can import articles."],
    ["viewer@example.com", `/articles/${DEMO_ARTICLE_SLUG}/edit`, "cannot edit article text"],
    [
      "viewer@example.com",
      `/articles/${DEMO_ARTICLE_SLUG}/annotations`,
      "Only reviewers, editors and admins can import annotations.",
    ],
    ["reviewer@example.com", "/articles/new", "Only editors can import articles."],
    ["reviewer@example.com", `/articles/${DEMO_ARTICLE_SLUG}/edit`, "cannot edit article text"],
    ["editor@example.com", "/admin/users", "Only admins manage users."],
    ["editor@example.com", "/admin/audit", "Only admins read the audit log."],
  ];

  it.each(CASES)("%s GET %s", async (email, pathname, notice) => {
    const client = await ApiClient.signIn(server.base, demoLogin(email));
    const response = await client.get(pathname);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(notice);
  });

  it("the same pages answer 200 to the roles that use them", async () => {
    const admin = await ApiClient.signIn(server.base, demoLogin("admin@example.com"));
    for (const pathname of ["/admin/users", "/admin/audit", "/articles/new"]) {
      expect((await admin.get(pathname)).status, pathname).toBe(200);
    }
    expect((await editor.get(`/articles/${DEMO_ARTICLE_SLUG}/edit`)).status).toBe(200);
    const reviewer = await ApiClient.signIn(server.base, demoLogin("reviewer@example.com"));
    expect((await reviewer.get(`/articles/${DEMO_ARTICLE_SLUG}/annotations`)).status).toBe(200);
  });
});

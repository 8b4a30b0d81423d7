/**
 * Issue 15, item 4, against `next start`: the public page and its downloads in the coding the
 * request negotiates, from the render cache's compressed copies. Through node:http, which
 * (unlike fetch) leaves the bytes as they came: the Content-Encoding header must say what the
 * body is, each coding has its own ETag, a CDN is told to keep one copy per coding (Vary), and
 * 304 and HEAD work in every coding.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ARTICLE_SLUG } from "../../lib/entry/demo/seed";
import {
  ApiClient,
  type AppServer,
  demoLogin,
  portFor,
  removeDir,
  startServer,
} from "../helpers/app-server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimdesk-compression-"));
let server: AppServer;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request, the body's bytes exactly as sent (no decompression). */
function raw(
  pathname: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.base}${pathname}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

const decode = (r: RawResponse): Buffer => {
  const coding = r.headers["content-encoding"];
  if (coding === "br") return zlib.brotliDecompressSync(r.body);
  if (coding === "gzip") return zlib.gunzipSync(r.body);
  expect(coding).toBeUndefined();
  return r.body;
};

beforeAll(async () => {
  server = await startServer({ port: portFor(50), dataDir });
  // The demo article, through the workflow: submitted by its editor, approved (with the note
  // that its open claims need) and published by the managing editor.
  const editor = await ApiClient.signIn(server.base, demoLogin("editor@example.com"));
  const managing = await ApiClient.signIn(server.base, demoLogin("managing.editor@example.com"));
  const { article } = await editor.article(DEMO_ARTICLE_SLUG);
  const step = async (client: ApiClient, transition: string, note = "") => {
    const { article: now } = await client.article(DEMO_ARTICLE_SLUG);
    const result = await client.action("article.transition", {
      articleId: article.id,
      transition,
      note,
      version: now.version,
    });
    if (result.status !== 200) throw new Error(`${transition}: ${JSON.stringify(result)}`);
  };
  if (article.state === "draft") await step(editor, "submit");
  // Its suggested sentences are not what this test is about: the managing editor records the
  // review, so approval needs only the note for the open claims.
  const { revision } = await managing.article(DEMO_ARTICLE_SLUG);
  const recorded = await managing.action("revision.record_no_claims", {
    articleId: article.id,
    revisionId: revision.id,
    note: "Reviewed for the compression test.",
  });
  if (recorded.status !== 200) throw new Error(`record_no_claims: ${JSON.stringify(recorded)}`);
  await step(managing, "approve", "Published as it stands for the compression test.");
  await step(managing, "publish");
}, 180_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dataDir);
});

const PAGE = `/p/${DEMO_ARTICLE_SLUG}`;

describe.each([
  ["the page", PAGE],
  ["a version's page", `${PAGE}/v/1`],
  ["the HTML download", `${PAGE}/export?format=html`],
  ["the CSV download", `${PAGE}/export?format=csv`],
])("%s", (_title, url) => {
  it("is sent in the negotiated coding, the same bytes once decoded, with its own ETag", async () => {
    const identity = await raw(url);
    expect(identity.status).toBe(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.byteLength).toBeGreaterThan(100);

    const tags = new Set<string>();
    for (const [acceptEncoding, coding] of [
      ["br, gzip", "br"],
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
      ["BR;q=0, gzip;q=0.5", "gzip"],
      ["identity", undefined],
    ] as const) {
      const r = await raw(url, { "accept-encoding": acceptEncoding });
      expect(r.status, acceptEncoding).toBe(200);
      expect(r.headers["content-encoding"], acceptEncoding).toBe(coding);
      expect(decode(r).equals(identity.body), acceptEncoding).toBe(true);
      expect(r.headers.vary?.toLowerCase()).toContain("accept-encoding");
      expect(r.headers["cache-control"]).toBe(
        "public, max-age=30, s-maxage=30, stale-while-revalidate=30",
      );
      tags.add(`${coding}:${r.headers.etag}`);
    }
    const etags = [...tags].map((t) => t.split(":")[1]);
    // br twice and gzip twice give one tag each; identity (no header and "identity") one.
    expect(new Set(etags).size).toBe(3);
    expect(etags).toContain(identity.headers.etag);
  });

  it("answers 304 for the ETag of the same coding only, and HEAD without a body", async () => {
    for (const acceptEncoding of ["br", "gzip", "identity"]) {
      const headers = { "accept-encoding": acceptEncoding };
      const full = await raw(url, headers);
      const etag = full.headers.etag ?? "";
      const again = await raw(url, { ...headers, "if-none-match": etag });
      expect(again.status, acceptEncoding).toBe(304);
      expect(again.body.byteLength).toBe(0);
      expect(again.headers.etag).toBe(etag);
      const other = acceptEncoding === "br" ? "gzip" : "br";
      expect((await raw(url, { "accept-encoding": other, "if-none-match": etag })).status).toBe(
        200,
      );

      const head = await raw(url, headers, "HEAD");
      expect(head.status).toBe(200);
      expect(head.body.byteLength).toBe(0);
      expect(head.headers.etag).toBe(etag);
      expect(head.headers["content-encoding"]).toBe(full.headers["content-encoding"]);
    }
  });
});

describe("answers that are not a cached render", () => {
  it("sends a 404 page and a 400 in the coding the response is labelled with", async () => {
    for (const url of ["/p/no-such-article", `${PAGE}/v/99`, `${PAGE}/export?format=nope`]) {
      for (const acceptEncoding of ["br", "gzip", "identity"]) {
        const r = await raw(url, { "accept-encoding": acceptEncoding });
        expect([400, 404], url).toContain(r.status);
        const expected = acceptEncoding === "identity" ? undefined : acceptEncoding;
        expect(r.headers["content-encoding"], `${url} ${acceptEncoding}`).toBe(expected);
        expect(decode(r).toString("utf8"), url).toMatch(/not found|format|error/i);
      }
    }
  });

  it("leaves the rest of the app to Next's own compression", async () => {
    const r = await raw("/signin", { "accept-encoding": "br, gzip" });
    expect(r.status).toBe(200);
    expect(decode(r).toString("utf8")).toContain("<html");
  });
});

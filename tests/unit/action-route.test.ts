/**
 * The HTTP action route's own refusals, which come before any database or session: unknown
 * action, cross-site request, a body that is not JSON or multipart, a body over the limit
 * (declared or not), malformed JSON. Each is a JSON error with the status of its code and the
 * request id. What an action does with its input is the action's test; over HTTP, the system
 * tests drive the route against a running server.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AnyActionDefinition, defineAction } from "../../lib/server/action";
import { actionRoute, MAX_ACTION_BODY_BYTES } from "../../lib/server/action-route";

const ping = defineAction({
  name: "test.ping",
  input: z.object({ n: z.number() }),
  permission: "claim:create",
  run: async () => ({ pong: true }),
});
const route = actionRoute(new Map<string, AnyActionDefinition>([[ping.name, ping]]));

const call = (name: string, init: RequestInit & { headers?: Record<string, string> }) =>
  route(new Request(`http://localhost:3000/api/actions/${name}`, { method: "POST", ...init }), {
    params: Promise.resolve({ name }),
  });

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("POST /api/actions/[name] refuses before it reads the database", () => {
  it("an unknown action, naming the ones there are", async () => {
    const response = await call("claim.nope", {
      headers: { "content-type": "application/json", "x-request-id": "req-1" },
      body: "{}",
    });
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await errorOf(response)).toMatchObject({
      status: 404,
      code: "not_found",
      message: expect.stringContaining("test.ping"),
    });
  });

  it("a request from another site", async () => {
    const response = await call("test.ping", {
      headers: {
        "content-type": "application/json",
        host: "localhost:3000",
        origin: "https://evil.example",
      },
      body: JSON.stringify({ n: 1 }),
    });
    expect(await errorOf(response)).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("a body that is neither JSON nor multipart (what a cross-site form could send)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const response = await call("test.ping", {
        headers: type ? { "content-type": type } : {},
        body: "n=1",
      });
      expect(await errorOf(response), type).toMatchObject({
        status: 400,
        code: "validation",
        message: expect.stringContaining("application/json"),
      });
    }
  });

  it("malformed JSON, with a message that says so", async () => {
    const response = await call("test.ping", {
      headers: { "content-type": "application/json" },
      body: '{"n": 1',
    });
    expect(await errorOf(response)).toEqual({
      status: 400,
      code: "validation",
      message: "The request body is not valid JSON.",
    });
  });

  it("a body over the limit, whether its length is declared or streamed", async () => {
    const big = "x".repeat(MAX_ACTION_BODY_BYTES + 1);
    const declared = await call("test.ping", {
      headers: { "content-type": "application/json", "content-length": String(big.length) },
      body: big,
    });
    expect(await errorOf(declared)).toMatchObject({ status: 413, code: "too_large" });

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await call("test.ping", {
      headers: { "content-type": "application/json" },
      body: stream,
      // @ts-expect-error Node's fetch needs `duplex` for a streamed body; the DOM type lacks it.
      duplex: "half",
    });
    expect(await errorOf(streamed)).toMatchObject({
      status: 413,
      code: "too_large",
      message: "The request body can be at most 5 MB.",
    });
  });
});

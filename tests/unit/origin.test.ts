/**
 * Issue 10, item 15: the cross-site check trusts only the configured origin (NEXTAUTH_URL),
 * scheme included; forwarded headers count only behind a proxy the operator named
 * (CLAIMDESK_TRUST_PROXY=1, and then only without a configured origin). The action route is
 * driven in-process: the refusal comes before any session or database work.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type AnyActionDefinition, defineAction } from "../../lib/server/action";
import { actionRoute } from "../../lib/server/action-route";
import { expectedOrigin, isSameOrigin } from "../../lib/server/origin";

const CONFIGURED = { NEXTAUTH_URL: "http://127.0.0.1:3200" };
const URL_ = "http://127.0.0.1:3200/api/actions/claim.create";
const headers = (h: Record<string, string>) => new Headers(h);

describe("isSameOrigin", () => {
  it("refuses X-Forwarded-Host: evil.example with Origin: http://evil.example (the probe)", () => {
    const probe = headers({
      host: "127.0.0.1:3200",
      "x-forwarded-host": "evil.example",
      origin: "http://evil.example",
    });
    expect(isSameOrigin(URL_, probe, CONFIGURED)).toBe(false);
    // Without a configured origin, the forwarded host is still not believed by default.
    expect(isSameOrigin(URL_, probe, {})).toBe(false);
  });

  it("compares the scheme too", () => {
    const h = headers({ host: "127.0.0.1:3200", origin: "https://127.0.0.1:3200" });
    expect(isSameOrigin(URL_, h, CONFIGURED)).toBe(false);
    expect(isSameOrigin(URL_, h, {})).toBe(false);
    const tls = { NEXTAUTH_URL: "https://claims.example.org" };
    expect(
      isSameOrigin(
        URL_,
        headers({ host: "claims.example.org", origin: "http://claims.example.org" }),
        tls,
      ),
    ).toBe(false);
  });

  it("accepts the configured origin, and a request without Origin (not a browser)", () => {
    expect(isSameOrigin(URL_, headers({ origin: "http://127.0.0.1:3200" }), CONFIGURED)).toBe(true);
    expect(isSameOrigin(URL_, headers({ host: "127.0.0.1:3200" }), CONFIGURED)).toBe(true);
  });

  it("trusts only the configured origin, whatever Host says", () => {
    const h = headers({ host: "evil.example", origin: "http://evil.example" });
    expect(isSameOrigin(URL_, h, CONFIGURED)).toBe(false);
  });

  it("believes forwarded headers only behind a named proxy, without a configured origin", () => {
    const h = headers({
      host: "10.0.0.5:3000",
      "x-forwarded-host": "claims.example.org",
      "x-forwarded-proto": "https",
      origin: "https://claims.example.org",
    });
    expect(isSameOrigin(URL_, h, {})).toBe(false);
    expect(isSameOrigin(URL_, h, { CLAIMDESK_TRUST_PROXY: "1" })).toBe(true);
    expect(expectedOrigin(URL_, h, { CLAIMDESK_TRUST_PROXY: "1" })).toBe(
      "https://claims.example.org",
    );
    // The configured origin wins over whatever the proxy forwards.
    expect(isSameOrigin(URL_, h, { CLAIMDESK_TRUST_PROXY: "1", ...CONFIGURED })).toBe(false);
  });

  it("refuses a malformed Origin", () => {
    expect(isSameOrigin(URL_, headers({ origin: "null" }), CONFIGURED)).toBe(false);
    expect(isSameOrigin(URL_, headers({ origin: "http://[::1" }), CONFIGURED)).toBe(false);
  });
});

describe("POST /api/actions/[name] with the probe's headers", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers 403 before reading the session", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3200");
    const ping = defineAction({
      name: "test.ping",
      input: z.object({ n: z.number() }),
      permission: "claim:create",
      run: async () => ({ pong: true }),
    });
    const route = actionRoute(new Map<string, AnyActionDefinition>([[ping.name, ping]]));
    const response = await route(
      new Request("http://127.0.0.1:3200/api/actions/test.ping", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          host: "127.0.0.1:3200",
          "x-forwarded-host": "evil.example",
          origin: "http://evil.example",
        },
        body: JSON.stringify({ n: 1 }),
      }),
      { params: Promise.resolve({ name: "test.ping" }) },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

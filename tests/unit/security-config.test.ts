import { describe, expect, it } from "vitest";
import {
  buildContentSecurityPolicy,
  createNonce,
  PUBLIC_PAGE_CSP,
} from "../../lib/server/content-security-policy";
import { MIN_SECRET_LENGTH, sessionSecretProblem } from "../../lib/server/session-secret";

/** The directives of a policy, by name. */
const directives = (policy: string) =>
  new Map(
    policy.split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

describe("Content-Security-Policy", () => {
  it("allows scripts only by nonce (strict-dynamic), never inline or eval in production", () => {
    const csp = directives(buildContentSecurityPolicy("abc123=="));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    for (const [name, sources] of csp) {
      if (name !== "style-src") expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
    }
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("adds unsafe-eval for next dev only", () => {
    const csp = directives(buildContentSecurityPolicy("n", { dev: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
  });

  it("makes a fresh nonce of 128 bits each time, in the alphabet Next parses", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    }
  });
});

describe("NEXTAUTH_SECRET at start-up", () => {
  const good = "x".repeat(MIN_SECRET_LENGTH);

  it("is required in production, and must be long", () => {
    expect(sessionSecretProblem({ NODE_ENV: "production" })).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(sessionSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: "  " })).toMatch(
      /not set/,
    );
    expect(sessionSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: "secret" })).toMatch(
      /too short \(6 characters; at least 32\)/,
    );
    expect(sessionSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: good })).toBeNull();
  });

  it("is not required in development and tests", () => {
    expect(sessionSecretProblem({ NODE_ENV: "development" })).toBeNull();
    expect(sessionSecretProblem({ NODE_ENV: "test" })).toBeNull();
  });

  it("accepts the secrets the e2e config and the demo script use", () => {
    // playwright.config.ts's fixed secret; scripts/demo.mjs makes 32 random bytes, base64url.
    const e2e = "e2e-secret-not-for-production-0123456789";
    const demo = Buffer.alloc(32, 7).toString("base64url");
    for (const secret of [e2e, demo]) {
      expect(sessionSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: secret })).toBeNull();
    }
  });
});

describe("the public pages' Content-Security-Policy", () => {
  it("lets no script run and nothing load but inline styles and data images", () => {
    const csp = directives(PUBLIC_PAGE_CSP);
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("script-src")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toEqual(["'unsafe-inline'"]);
    expect(csp.get("img-src")).toEqual(["data:"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
  });
});

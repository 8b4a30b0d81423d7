/**
 * Issue 10, item 12: after sign-in only same-origin paths are followed, read as a browser reads
 * them; everything else, malformed values included, goes to `/` and never throws.
 */
import { describe, expect, it } from "vitest";
import { authRedirect, safeCallbackUrl } from "../../lib/core/auth/callback-url";

const ORIGIN = "http://127.0.0.1:3200";

/** The probes, as the sign-in page receives them (the query string already percent-decoded). */
const HOSTILE = [
  decodeURIComponent("/%09/evil.example/"),
  decodeURIComponent("/%0A/evil.example/"),
  decodeURIComponent("/%0D/evil.example/"),
  decodeURIComponent("/%09%5Cevil.example/"),
  "//evil.example",
  "\\\\evil.example",
  "http://127.0.0.1:3200.evil.example/",
  "/\\evil.example",
  " //evil.example",
  "/.//evil.example",
  "https://127.0.0.1:3200/articles",
  "http://user:pw@127.0.0.1:3200/articles",
  "javascript:alert(1)",
  "http://[::1",
];

describe("safeCallbackUrl", () => {
  it.each(HOSTILE)("sends %j to /", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe("/");
    // Without a configured origin the same values are refused too.
    expect(safeCallbackUrl(value, undefined)).toBe("/");
  });

  it("keeps same-origin paths, normalized as the browser would", () => {
    expect(safeCallbackUrl("/articles/stem-cells?tab=claims#c3", ORIGIN)).toBe(
      "/articles/stem-cells?tab=claims#c3",
    );
    expect(safeCallbackUrl(["/my-claims", "/admin"], ORIGIN)).toBe("/my-claims");
    expect(safeCallbackUrl("http://127.0.0.1:3200/activity", ORIGIN)).toBe("/activity");
    // A tab inside a harmless path is dropped, as the browser drops it.
    expect(safeCallbackUrl("/arti\tcles", ORIGIN)).toBe("/articles");
  });

  it("falls back for missing values", () => {
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackUrl(null, ORIGIN)).toBe("/");
    expect(safeCallbackUrl("", ORIGIN)).toBe("/");
    expect(safeCallbackUrl([], ORIGIN)).toBe("/");
  });
});

describe("next-auth's redirect callback", () => {
  it.each(HOSTILE)("answers the site's own / for %j, without throwing", (url) => {
    expect(authRedirect({ url, baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
  });

  it("follows a same-origin path or URL", () => {
    expect(authRedirect({ url: "/articles", baseUrl: ORIGIN })).toBe(`${ORIGIN}/articles`);
    expect(authRedirect({ url: `${ORIGIN}/signin?x=1`, baseUrl: ORIGIN })).toBe(
      `${ORIGIN}/signin?x=1`,
    );
  });
});

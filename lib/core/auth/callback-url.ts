/**
 * Where a person may be sent after sign-in: only a path on this site, decided the way a browser
 * would read the value. Comparing strings is not enough: a browser drops ASCII tab, LF and CR
 * anywhere in a URL and reads `\` as `/` in http(s) URLs, so `/\t/evil.example/` or `/\evil`
 * become `//evil.example/`, another site. So the value is parsed with the WHATWG URL parser (the
 * browser's own rules) against this site's origin, must land on that origin, and what is handed
 * back is the parser's normalized path, never the raw value the browser would read again.
 * Pure, never throws: anything malformed or foreign is `/`.
 */

/** Any fixed origin will do to resolve a relative value when the real one is not configured. */
const PLACEHOLDER_ORIGIN = "http://claimdesk.invalid";

/** The site's origin from `base` (NEXTAUTH_URL or next-auth's baseUrl), if it parses. */
function originOf(base: string | undefined | null): string {
  try {
    return base ? new URL(base).origin : PLACEHOLDER_ORIGIN;
  } catch {
    return PLACEHOLDER_ORIGIN;
  }
}

/**
 * A same-origin path (`/articles?x=1#y`) for `raw`, or `fallback` when it is missing, malformed
 * or leads anywhere else. `origin` is the site's own; an absolute URL on it is accepted.
 */
export function safeCallbackUrl(
  raw: string | string[] | undefined | null,
  origin?: string | null,
  fallback = "/",
): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value === "") return fallback;
  const site = originOf(origin);
  let url: URL;
  try {
    // The parser itself strips tab/LF/CR and leading/trailing C0 controls and spaces, and turns
    // `\` into `/` for http(s), exactly as the address bar does.
    url = new URL(value, site);
  } catch {
    return fallback;
  }
  if (url.origin !== site || url.username || url.password) return fallback;
  // `/.//evil.example` normalizes to the path `//evil.example`, which a browser would read as
  // another host if sent on its own.
  if (url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback: its default throws (a 500) on values such as `\\evil.example`
 * and lets `//evil.example` through as a path. Always an absolute URL on `baseUrl`.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    return new URL(safeCallbackUrl(url, baseUrl), originOf(baseUrl)).href;
  } catch {
    return baseUrl;
  }
}

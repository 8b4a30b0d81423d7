/**
 * The Content-Security-Policy of every page and route, built per request by `proxy.ts` around a
 * fresh nonce (Next.js's "strict CSP" recipe). Next reads the nonce back from the request's
 * `Content-Security-Policy` header and puts it on its own scripts (the bootstrap, the inline
 * RSC payload, the chunks); `'strict-dynamic'` then trusts the chunks those scripts load. A
 * nonce only works on a page rendered per request, so the root layout is dynamic.
 *
 * Pure: no Next, no Node APIs, so the unit tests and the proxy share it.
 */

/** A fresh nonce: 128 random bits, base64 (the alphabet Next's nonce parser accepts). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  /** `next dev` only: React's dev build needs eval for its debugging stacks (per the Next docs). */
  dev?: boolean;
}

/**
 * The policy, one line. Trade-offs:
 * - script-src: nonce + 'strict-dynamic', no 'unsafe-inline'. 'self' is ignored by browsers
 *   that understand 'strict-dynamic' and kept only for older ones. JSON-LD blocks
 *   (`type="application/ld+json"`) are data, not scripts: CSP does not apply to them.
 * - style-src allows 'unsafe-inline': React server-renders `style={…}` props as `style`
 *   attributes (several workspace components do), and ProseMirror/Tiptap writes style
 *   attributes while editing. A nonce cannot cover attributes, and listing a nonce would make
 *   browsers ignore 'unsafe-inline'. Injected CSS cannot run code; scripts stay strict.
 * - img-src allows data:/blob: for pasted/imported images and Next's placeholders.
 * - No upgrade-insecure-requests: self-hosted installs on plain http (an intranet, the demo on
 *   localhost) would break; HTTPS and HSTS belong to the reverse proxy.
 */
export function buildContentSecurityPolicy(nonce: string, options: CspOptions = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * The policy of the public pages (`/p/**`) and their downloads: the standalone annotated HTML,
 * which runs no script at all (its JSON-LD is a data block), so none may run — stricter than a
 * nonce, and the same for every response, so these pages skip proxy.ts (a third of their cost
 * per request, measured in bench/public-page.mjs) and set it themselves.
 */
export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

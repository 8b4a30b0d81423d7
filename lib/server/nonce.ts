import "server-only";
import { headers } from "next/headers";

/**
 * This request's CSP nonce (set by proxy.ts), for the rare hand-written `<script>` that must run.
 * Next's own scripts get it without help. JSON-LD blocks (`type="application/ld+json"`) are data,
 * which CSP does not block, so they need none. Reading it makes the page dynamic.
 */
export async function getNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}

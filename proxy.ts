import { type NextRequest, NextResponse } from "next/server";
import { PATHNAME_HEADER } from "@/lib/core/auth/page-notices";
import { buildContentSecurityPolicy, createNonce } from "@/lib/server/content-security-policy";
import { isSameOrigin } from "@/lib/server/origin";
import { newRequestId, REQUEST_ID_HEADER } from "@/lib/server/request-id";

/** Workspace paths: visitors without a session cookie are sent to sign-in. */
const SIGNED_IN_PATHS = [
  /^\/articles(\/|$)/,
  /^\/admin(\/|$)/,
  /^\/my-claims\/?$/,
  /^\/activity(\/|$)/,
  /^\/account\/?$/,
  /^\/choose-password\/?$/,
];

/**
 * Runs on every page and route (see `config`), for these jobs:
 * 0. A request id (`x-request-id`, lib/server/request-id.ts) on the request, for the logs, and
 *    on the response, for the person reporting a problem.
 * 1. A fresh CSP nonce per request, on the request (Next reads it from there and puts it on its
 *    own scripts; pages can read `x-nonce`) and on the response. The other security headers
 *    are static and set in next.config.mjs.
 * 2. Sends visitors without a session cookie on workspace paths to sign-in, remembering where
 *    they were going. Convenience only: it never authorizes anything (a cookie's presence
 *    proves nothing). Every page, action and route checks the actor itself in the data-access
 *    layer. Sign-in, setup and the API are not in SIGNED_IN_PATHS; the public pages (/p/**)
 *    do not come here at all.
 * 3. Refuses server actions whose `Origin` is not the configured one (lib/server/origin.ts):
 *    Next's own check believes `X-Forwarded-Host`, which any client can send.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const requestId = newRequestId();
  const csp = buildContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  const { pathname, search } = request.nextUrl;
  const hasSession =
    request.cookies.has("next-auth.session-token") ||
    request.cookies.has("__Secure-next-auth.session-token");
  let response: NextResponse;
  if (request.headers.has("next-action") && !isSameOrigin(request.url, request.headers)) {
    response = NextResponse.json(
      { error: { code: "forbidden", message: "Cross-site requests to actions are refused." } },
      { status: 403 },
    );
  } else if (!hasSession && SIGNED_IN_PATHS.some((re) => re.test(pathname))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set(REQUEST_ID_HEADER, requestId);
    requestHeaders.set("Content-Security-Policy", csp);
    // Set here, so never the client's: which page a 403 is for (app/(workspace)/forbidden.tsx).
    requestHeaders.set(PATHNAME_HEADER, pathname);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Everything but Next's hashed static files and the favicon (no HTML, nothing to protect),
  // and the public pages, which set their own fixed, script-free policy (PUBLIC_PAGE_CSP).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|p/).*)"],
};

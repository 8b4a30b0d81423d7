import { type NextRequest, NextResponse } from "next/server";

/**
 * Sends visitors without a session cookie to sign-in, remembering where they were going.
 * Convenience only: it never authorizes anything (a cookie's presence proves nothing). Every
 * page, action and route checks the actor itself in the data-access layer.
 */
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has("next-auth.session-token") ||
    request.cookies.has("__Secure-next-auth.session-token");
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/articles/:path*", "/admin/:path*", "/my-claims"],
};

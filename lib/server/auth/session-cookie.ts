/**
 * Re-issuing this browser's session token after the user's session version moved on (a password
 * change ends every session, the one that asked included). next-auth v4 has no server-side way
 * to do it: `useSession().update()` goes through the `jwt` callback with data the client sends,
 * and trusting a version from the client would let any stale token revive itself. So the server
 * action that changed the password, which has just checked this very token, writes the cookie
 * itself: the same claims, the new version, encoded with next-auth's own `encode` and secret.
 */
import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS } from "./options";
import { SESSION_VERSION_CLAIM, sessionClaimsOf } from "./sessions";

/** next-auth's cookie names: `__Secure-` when NEXTAUTH_URL is https. */
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Puts `sessionVersion` into this request's session cookie if it holds `userId`'s token of
 * `previousVersion`. False when it cannot (no secret configured, no such cookie): the person
 * then signs in again, which is safe, only less convenient.
 */
export async function reissueSessionCookie(
  userId: string,
  previousVersion: number,
  sessionVersion: number,
): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return false;
  const jar = await cookies();
  for (const name of COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const token = await decode({ token: value, secret }).catch(() => null);
    const claims = sessionClaimsOf(token);
    if (!token || claims?.userId !== userId || claims.sessionVersion !== previousVersion) {
      return false;
    }
    const fresh = await encode({
      token: { ...token, [SESSION_VERSION_CLAIM]: sessionVersion },
      secret,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    jar.set(name, fresh, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    return true;
  }
  return false;
}

/**
 * next-auth v4 (the stable line; it supports Next 16): e-mail + password through the
 * Credentials provider, JWT sessions that carry the user id and the user's session version.
 * The role and the disabled flag are read from the database on every request, and the version
 * compared (lib/server/auth/current-actor.ts), so a demotion, a disabled account or a sign-out takes
 * effect at once even though a JWT cannot be revoked (lib/server/auth/sessions.ts).
 * Sign-in is throttled per account and per IP (lib/server/auth/credentials.ts).
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/instance";
import { authRedirect } from "@/lib/core/auth/callback-url";
import { clientIpFrom } from "@/lib/core/auth/login-rate-limit";
import { logError } from "@/lib/server/logging/log";
import { loginRateLimiter, type SignedInUser, verifyCredentials } from "./credentials";
import { endSessionsOnSignOut, SESSION_VERSION_CLAIM, sessionClaimsOf } from "./sessions";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, req) {
        const ip = clientIpFrom(req.headers?.["x-forwarded-for"]);
        return verifyCredentials(await getDb(), raw, ip, loginRateLimiter());
      },
    }),
  ],
  callbacks: {
    // Only same-origin paths, read as a browser reads them (lib/core/auth/callback-url.ts).
    redirect: authRedirect,
    jwt({ token, user }) {
      // `user` is there only at sign-in: the version the token is valid for from now on.
      const version = (user as Partial<SignedInUser> | undefined)?.sessionVersion;
      if (typeof version === "number") token[SESSION_VERSION_CLAIM] = version;
      return token;
    },
    session({ session, token }) {
      // Only the id and the version are taken from the token; name and role come from the
      // database per request.
      const claims = sessionClaimsOf(token);
      if (session.user && claims) {
        Object.assign(session.user, { id: claims.userId, sessionVersion: claims.sessionVersion });
      }
      return session;
    },
  },
  events: {
    // Every sign-out goes through next-auth's CSRF-checked endpoint, which decodes the token and
    // then deletes the cookie: ending the sessions here means no way out leaves a copy valid.
    // next-auth catches what is thrown here and signs out anyway; log it in our format.
    async signOut({ token }) {
      try {
        await endSessionsOnSignOut(await getDb(), token);
      } catch (err) {
        logError("sign-out could not end the sessions", err, {
          userId: sessionClaimsOf(token)?.userId,
        });
      }
    },
  },
};

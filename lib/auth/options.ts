/**
 * next-auth v4 (the stable line; it supports Next 16): e-mail + password through the
 * Credentials provider, JWT sessions that carry only the user id. The role and the disabled
 * flag are read from the database on every request (lib/auth/current-actor.ts), so a
 * demotion or a disabled account takes effect at once even though a JWT cannot be revoked.
 * Sign-in is throttled per account and per IP (lib/auth/credentials.ts).
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/instance";
import { loginRateLimiter, verifyCredentials } from "./credentials";
import { clientIpFrom } from "./login-rate-limit";

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
    session({ session, token }) {
      // Only the id is trusted from the token; name and role come from the database per request.
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

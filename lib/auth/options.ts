/**
 * next-auth v4 (the stable line; it supports Next 16): e-mail + password through the
 * Credentials provider, JWT sessions that carry only the user id. The role and the disabled
 * flag are read from the database on every request (lib/auth/current-actor.ts), so a
 * demotion or a disabled account takes effect at once even though a JWT cannot be revoked.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/instance";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/validation/users";

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
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = await getDb();
        const user = await findUserCredentialsByEmail(db, parsed.data.email);
        // Verify against a dummy hash when there is no such user: same time, same answer.
        const ok = await verifyPassword(
          user?.passwordHash ?? (await dummyPasswordHash()),
          parsed.data.password,
        );
        if (!user || !ok || user.disabledAt) return null;
        return { id: user.id, email: user.email, name: user.name };
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

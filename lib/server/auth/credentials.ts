/**
 * The Credentials provider's check, apart from next-auth so that tests can run it against a
 * real database: throttled per account and per IP, the same answer and the same time whether
 * the account is missing, disabled or the password wrong.
 */
import "server-only";
import type { Db } from "@/db/client";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import {
  loginRateLimitFromEnv,
  rateLimitedError,
  retryAfterMinutes,
} from "@/lib/core/auth/login-rate-limit";
import { signInSchema } from "@/lib/core/validation/users";
import { dummyPasswordHash, verifyPassword } from "@/lib/server/auth/password";
import { logInfo } from "@/lib/server/logging/log";
import { LoginRateLimiter } from "./login-throttle";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** Goes into the session token; the token is void once the user's version moves on. */
  sessionVersion: number;
}

/**
 * Null for a refusal that says nothing more ("e-mail and password do not match"); throws the
 * rate-limit error (`rateLimitedError`) while the account or the IP is locked.
 */
export async function verifyCredentials(
  db: Db,
  raw: unknown,
  clientIp: string | null,
  limiter: LoginRateLimiter,
): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Checked before the password, so a locked account answers the same with the right password.
  // The attempt is counted as failed from here on, and cleared below if it succeeds.
  const attempt = await limiter.begin(db, email, clientIp);
  if (!attempt.allowed) throw rateLimitedError(attempt.retryAfterMs);

  const user = await findUserCredentialsByEmail(db, email);
  // Verify against a dummy hash when there is no such user: same time, same answer.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabledAt) {
    if (attempt.locksOnFailure.length > 0) {
      // For the operators (no audit event: see docs/security.md). Said alike for made-up
      // e-mails, and without looking at the account, so it takes the same time for both.
      logInfo("sign-in locked", {
        keys: attempt.locksOnFailure,
        minutes: retryAfterMinutes(limiter.options.windowMs),
      });
    }
    return null;
  }
  await limiter.succeeded(db, attempt);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** The limiter with the environment's limits (it keeps no state: the counts are in the database). */
export function loginRateLimiter(): LoginRateLimiter {
  return new LoginRateLimiter(loginRateLimitFromEnv());
}

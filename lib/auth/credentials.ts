/**
 * The Credentials provider's check, apart from next-auth so that tests can run it against a
 * real database: throttled per account and per IP, the same answer and the same time whether
 * the account is missing, disabled or the password wrong.
 */
import "server-only";
import type { Db } from "@/db/client";
import { findUserCredentialsByEmail } from "@/db/queries/users";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/validation/users";
import {
  DEFAULT_LOGIN_RATE_LIMIT,
  LoginRateLimiter,
  positiveIntFromEnv,
  rateLimitedError,
} from "./login-rate-limit";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
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
  const wait = limiter.retryAfterMs(email, clientIp);
  if (wait > 0) throw rateLimitedError(wait);

  const user = await findUserCredentialsByEmail(db, email);
  // Verify against a dummy hash when there is no such user: same time, same answer.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabledAt) {
    limiter.recordFailure(email, clientIp);
    return null;
  }
  limiter.recordSuccess(email);
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * The process-wide limiter (on globalThis: Next may load this module in several chunks). The
 * limits can be raised for test servers that sign in many times from one address.
 */
const globalForLimiter = globalThis as { claimdeskLoginLimiter?: LoginRateLimiter };
export function loginRateLimiter(): LoginRateLimiter {
  globalForLimiter.claimdeskLoginLimiter ??= new LoginRateLimiter({
    ...DEFAULT_LOGIN_RATE_LIMIT,
    maxPerAccount: positiveIntFromEnv(
      process.env.CLAIMDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      DEFAULT_LOGIN_RATE_LIMIT.maxPerAccount,
    ),
    maxPerIp: positiveIntFromEnv(
      process.env.CLAIMDESK_LOGIN_MAX_FAILURES_PER_IP,
      DEFAULT_LOGIN_RATE_LIMIT.maxPerIp,
    ),
  });
  return globalForLimiter.claimdeskLoginLimiter;
}

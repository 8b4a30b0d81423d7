/**
 * The session-signing secret check at start-up: next-auth signs and encrypts the session JWT
 * with NEXTAUTH_SECRET, so production refuses to start without a long one instead of failing
 * (or, worse, signing with something guessable) on the first sign-in.
 */

/** A base64 secret from `openssl rand -base64 32` is 44 characters; 32 is the floor. */
export const MIN_SECRET_LENGTH = 32;

/** The problem with the environment's secret, as a message for the operator; null when fine. */
export function sessionSecretProblem(env: {
  NODE_ENV?: string;
  NEXTAUTH_SECRET?: string;
}): string | null {
  if (env.NODE_ENV !== "production") return null;
  const secret = env.NEXTAUTH_SECRET?.trim() ?? "";
  const hint = "Set it to a long random value, e.g. `NEXTAUTH_SECRET=$(openssl rand -base64 32)`.";
  if (!secret) {
    return `NEXTAUTH_SECRET is not set. Sessions cannot be signed safely without it.\n${hint}`;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `NEXTAUTH_SECRET is too short (${secret.length} characters; at least ${MIN_SECRET_LENGTH}).\n${hint}`;
  }
  return null;
}

/**
 * The secret other signatures of the app use (the e-mail unsubscribe links): NEXTAUTH_SECRET,
 * which production requires (above). A development or test server without one uses a fixed
 * development value, as its sessions then are not secret either.
 */
export function appSecret(env: { NEXTAUTH_SECRET?: string } = process.env): string {
  return env.NEXTAUTH_SECRET?.trim() || "claimdesk-development-secret-not-for-production";
}

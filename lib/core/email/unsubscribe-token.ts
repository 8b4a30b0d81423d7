/**
 * The unsubscribe link of an e-mail: a token naming a person and the kinds of notification the
 * e-mail was about, signed with HMAC-SHA-256 under a key derived from the app's secret
 * (NEXTAUTH_SECRET), so nobody can turn off someone else's e-mail by editing the link. It needs
 * no sign-in (RFC 8058 one-click POSTs come from the mail provider, without cookies) and it
 * expires after a year: an old e-mail's link still works for a long while, a leaked one not
 * for ever. Pure: the secret and the clock are passed in.
 *
 * Format: `{userId}.{kind+kind…}.{expiresAt in seconds}.{signature, base64url}`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/core/desk-vocabulary";

/** How long an unsubscribe link works. */
export const UNSUBSCRIBE_TOKEN_DAYS = 365;
/** Long enough for any token we sign (36 + 8 kinds + 10 + 43, with separators). */
export const MAX_UNSUBSCRIBE_TOKEN = 400;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface UnsubscribeRequest {
  userId: string;
  kinds: NotificationKind[];
}

export type UnsubscribeTokenCheck =
  | ({ ok: true } & UnsubscribeRequest)
  | { ok: false; reason: "malformed" | "signature" | "expired" };

function signature(secret: string, payload: string): string {
  // A key of its own, so this signature is never valid as anything else signed with the secret.
  const key = createHmac("sha256", secret).update("claimdesk e-mail unsubscribe v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** A token for `userId` and `kinds`, valid for UNSUBSCRIBE_TOKEN_DAYS from `now`. */
export function signUnsubscribeToken(
  secret: string,
  request: UnsubscribeRequest,
  now: Date,
): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 86_400;
  const kinds = [...new Set(request.kinds)].sort().join("+");
  const payload = `${request.userId}.${kinds}.${expires}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** Whether `token` is one we signed, not expired at `now`; what it asks for when it is. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
  now: Date,
): UnsubscribeTokenCheck {
  if (token.length > MAX_UNSUBSCRIBE_TOKEN) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 4) return { ok: false, reason: "malformed" };
  const [userId, kindList, expiresText, given] = parts as [string, string, string, string];
  const kinds = kindList.split("+");
  if (
    !UUID.test(userId) ||
    !/^\d{1,12}$/.test(expiresText) ||
    kinds.length === 0 ||
    !kinds.every((k) => (NOTIFICATION_KINDS as readonly string[]).includes(k))
  ) {
    return { ok: false, reason: "malformed" };
  }
  const expected = Buffer.from(signature(secret, `${userId}.${kindList}.${expiresText}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "signature" };
  }
  if (Number(expiresText) * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, userId, kinds: kinds as NotificationKind[] };
}

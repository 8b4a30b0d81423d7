/**
 * The unsubscribe link of an e-mail: its signed token (lib/core/email/unsubscribe-token.ts)
 * names the person and the kinds, so the action is open to anonymous callers — the mail
 * provider's RFC 8058 one-click POST carries no session — and the token is the authority.
 * Turning e-mail off is an audited change of the person's notification preferences, with the
 * person as the actor. Doing it twice changes nothing the second time (and audits nothing).
 */
import "server-only";
import { z } from "zod";
import { insertAuditEvent } from "@/db/queries/audit";
import { readEmailSettings, turnEmailOff, userExists } from "@/db/queries/email-unsubscribe";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/core/desk-vocabulary";
import {
  MAX_UNSUBSCRIBE_TOKEN,
  type UnsubscribeTokenCheck,
  verifyUnsubscribeToken,
} from "@/lib/core/email/unsubscribe-token";
import { AppError } from "@/lib/core/errors";
import { defineAction } from "@/lib/server/action";
import { appSecret } from "@/lib/server/session-secret";

export const unsubscribeSchema = z.strictObject({
  token: z
    .string()
    .min(1, "The link has no token.")
    .max(
      MAX_UNSUBSCRIBE_TOKEN,
      `An unsubscribe token is at most ${MAX_UNSUBSCRIBE_TOKEN} characters.`,
    ),
});

const REASONS: Record<Exclude<UnsubscribeTokenCheck, { ok: true }>["reason"], string> = {
  malformed: "This unsubscribe link is not complete. Copy the whole link from the e-mail.",
  signature: "This unsubscribe link is not valid. Use the link from the e-mail as it is.",
  expired:
    "This unsubscribe link has expired. Sign in and choose what you are told about on your account page.",
};

/** What a token asks for, or why it cannot be used (for the confirmation page). */
export function readUnsubscribeToken(
  token: string,
  now = new Date(),
):
  | { ok: true; userId: string; kinds: NotificationKind[]; labels: string[] }
  | {
      ok: false;
      message: string;
    } {
  const check = verifyUnsubscribeToken(appSecret(), token, now);
  if (!check.ok) return { ok: false, message: REASONS[check.reason] };
  return { ...check, labels: check.kinds.map((k) => NOTIFICATION_KIND_LABELS[k]) };
}

export const unsubscribeByToken = defineAction({
  name: "notification.unsubscribe",
  input: unsubscribeSchema,
  permission: null,
  audit: "when-changed",
  run: async ({ tx }, input) => {
    const read = readUnsubscribeToken(input.token);
    if (!read.ok) throw new AppError("validation", read.message);
    if (!(await userExists(tx, read.userId))) {
      throw new AppError("validation", REASONS.signature);
    }
    const before = await readEmailSettings(tx, read.userId, read.kinds);
    const changed = read.kinds.filter((k) => before[k]);
    if (changed.length > 0) {
      await turnEmailOff(tx, read.userId, changed);
      await insertAuditEvent(tx, {
        actorId: read.userId,
        action: "notification.unsubscribe",
        entityType: "user",
        entityId: read.userId,
        before: { email: Object.fromEntries(changed.map((k) => [k, true])) },
        after: { email: Object.fromEntries(changed.map((k) => [k, false])) },
      });
    }
    return { kinds: read.kinds, labels: read.labels, changed: changed.length };
  },
});

/**
 * Whether Claimdesk sends e-mail, read from the environment (docs/operations.md): `SMTP_URL`
 * (e.g. `smtp://user:pass@mail.example.org:587`, `smtps://…:465`) turns it on; without it no
 * e-mail is written to the outbox at all, so nothing piles up. `EMAIL_FROM` is the sender,
 * `CLAIMDESK_DIGEST_HOUR` (0–23, UTC, default 7) the hour the daily digests go out. Pure: the
 * environment is passed in.
 */

export interface EmailConfig {
  smtpUrl: string;
  from: string;
  digestHourUtc: number;
}

/** The e-mail settings, or null when `SMTP_URL` is not set (e-mail is off). */
export function emailConfig(env: Record<string, string | undefined>): EmailConfig | null {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  const hour = Number(env.CLAIMDESK_DIGEST_HOUR ?? 7);
  return {
    smtpUrl,
    from: env.EMAIL_FROM?.trim() || "Claimdesk <claimdesk@localhost>",
    digestHourUtc: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 7,
  };
}

/** When a daily digest written at `now` goes out: the next digest hour (UTC) after `now`. */
export function nextDigestAt(now: Date, digestHourUtc: number): Date {
  const at = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), digestHourUtc),
  );
  if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

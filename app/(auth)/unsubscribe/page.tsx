import type { Metadata } from "next";
import { readUnsubscribeToken } from "@/lib/services/email/unsubscribe";
import { UnsubscribeButton } from "./unsubscribe-button";

export const metadata: Metadata = { title: "Stop e-mail" };
export const dynamic = "force-dynamic";

/**
 * The unsubscribe link of an e-mail (lib/core/email/message.ts): says what it will turn off and
 * asks for a click, so that a mail scanner following links turns nothing off; the click runs the
 * audited action. No sign-in: the signed token names the person.
 */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const read = readUnsubscribeToken(token);
  return (
    <main className="auth-card">
      <div className="card">
        <h1>Stop e-mail</h1>
        {read.ok ? (
          <>
            <p>Claimdesk will stop sending you e-mail about:</p>
            <ul>
              {read.labels.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
            <p>You will still see these notifications in Claimdesk.</p>
            <UnsubscribeButton token={token} />
          </>
        ) : (
          <p role="alert">{read.message}</p>
        )}
      </div>
    </main>
  );
}

import { NextResponse } from "next/server";
import { getDb } from "@/db/instance";
import { ERROR_STATUS } from "@/lib/core/errors";
import { executeAction } from "@/lib/server/action";
import { REQUEST_ID_HEADER } from "@/lib/server/request-id";
import { unsubscribeByToken } from "@/lib/services/email/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * RFC 8058 one-click unsubscribe: the mail provider POSTs `List-Unsubscribe=One-Click` to the
 * URL of an e-mail's `List-Unsubscribe` header, without cookies. The signed token in the query
 * is the only authority (lib/services/email/unsubscribe.ts); the body is not needed and not
 * read. People clicking the link in the e-mail get the confirmation page (/unsubscribe) instead.
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = await executeAction(
    unsubscribeByToken,
    {
      db: await getDb(),
      actor: null,
      requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined,
    },
    { token },
  );
  const headers = { "Cache-Control": "no-store" };
  if (!result.ok) {
    return NextResponse.json(
      { error: result.error },
      { status: ERROR_STATUS[result.error.code], headers },
    );
  }
  return NextResponse.json({ unsubscribed: result.data.kinds }, { headers });
}

/**
 * Action definitions over HTTP for machine clients (scripts, the load benchmark, other
 * systems): `POST /api/actions/<name>` with the action's input as a JSON body (or as
 * multipart/form-data, for a file upload), signed in with the session cookie. It runs the same
 * `executeAction` as the UI's server actions: the input's zod schema, the permission against
 * the actor read from the database, one transaction with its audit event.
 *
 * Answers `200 { "data": … }`, or `{ "error": { code, message, fieldErrors? } }` with the
 * status of its code (lib/core/errors.ts), and always an `X-Request-Id`.
 *
 * Cross-site requests are refused: a browser sends cookies with a form POST from another site
 * only as text/plain or form encodings, and this route takes neither (multipart is checked
 * against `Origin`, which browsers always send on cross-site POSTs, compared with the configured
 * origin: lib/server/origin.ts).
 */
import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "@/db/instance";
import { AppError, errorBody } from "@/lib/core/errors";
import { getCurrentActor } from "@/lib/server/auth/current-actor";
import { type AnyActionDefinition, executeAction } from "./action";
import { isSameOrigin } from "./origin";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";
import { errorResponse } from "./route";

/** The same bound as server actions' bodies (next.config.mjs `serverActions.bodySizeLimit`). */
export const MAX_ACTION_BODY_BYTES = 5 * 1024 * 1024;

const tooLarge = () =>
  new AppError(
    "too_large",
    `The request body can be at most ${MAX_ACTION_BODY_BYTES / 1024 / 1024} MB.`,
  );

/** The body's bytes, refused as soon as they pass `limit` (a lying Content-Length included). */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The action's input from the body: parsed JSON, or FormData for multipart uploads. */
async function readInput(request: Request): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    const text = new TextDecoder().decode(await readBody(request, MAX_ACTION_BODY_BYTES));
    try {
      return JSON.parse(text);
    } catch {
      throw new AppError("validation", "The request body is not valid JSON.");
    }
  }
  if (type === "multipart/form-data") {
    const bytes = await readBody(request, MAX_ACTION_BODY_BYTES);
    try {
      return await new Response(bytes, {
        headers: { "content-type": request.headers.get("content-type") ?? "" },
      }).formData();
    } catch {
      throw new AppError("validation", "The multipart body could not be read.");
    }
  }
  throw new AppError(
    "validation",
    "Send the action's input as JSON (Content-Type: application/json) or as multipart/form-data.",
  );
}

/** The POST handler for `/api/actions/[name]`, over the given definitions (by name). */
export function actionRoute(actions: ReadonlyMap<string, AnyActionDefinition>) {
  return async (request: Request, context: { params: Promise<{ name: string }> }) => {
    const requestId = requestIdFrom(request.headers);
    const { name } = await context.params;
    const definition = actions.get(name);
    try {
      if (!definition) {
        throw new AppError(
          "not_found",
          `There is no action "${name.slice(0, 100)}". Actions: ${[...actions.keys()].join(", ")}.`,
        );
      }
      if (!isSameOrigin(request.url, request.headers)) {
        throw new AppError("forbidden", "Cross-site requests to actions are refused.");
      }
      const input = await readInput(request);
      const [db, actor] = await Promise.all([getDb(), getCurrentActor()]);
      const result = await executeAction(definition, { db, actor, requestId }, input);
      if (!result.ok) return errorResponse(result.error, requestId);
      return NextResponse.json(
        { data: result.data },
        { headers: { "Cache-Control": "no-store", [REQUEST_ID_HEADER]: requestId } },
      );
    } catch (err) {
      // Only our own refusals reach here (executeAction never throws); anything else would be
      // a bug in this file, and Next logs it through onRequestError with the request id.
      if (!(err instanceof AppError)) throw err;
      return errorResponse(errorBody(err), requestId);
    }
  };
}

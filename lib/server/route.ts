/**
 * The wrapper for route handlers, the HTTP twin of `action.ts`: parse the path and query with
 * zod, read the actor from the database, run, and turn errors into JSON
 * `{ "error": { code, message } }` with the matching status. Unexpected errors are logged with a
 * request id, which the response carries so a person can report it.
 */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/instance";
import type { Actor } from "@/lib/core/auth/permissions";
import {
  AppError,
  concurrentWriteConflict,
  ERROR_STATUS,
  type ErrorBody,
  errorBody,
} from "@/lib/core/errors";
import { getCurrentActor } from "@/lib/server/auth/current-actor";
import { cleanInput, validationError } from "./action";
import { logError } from "./logging/log";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

export interface RouteContext<Q> {
  db: Db;
  actor: Actor | null;
  input: Q;
  request: Request;
  requestId: string;
}

export function defineRoute<S extends z.ZodType, P extends Record<string, string | string[]>>(def: {
  /** Dotted name for logs and the authorization matrix: "article.export". */
  name: string;
  /** Validates the path parameters and the query string, merged into one object. */
  input: S;
  /**
   * For public routes (published pages and their downloads): the session is not read, so the
   * response cannot depend on who asks and may be cached by shared caches. @default false
   */
  anonymous?: boolean;
  run: (ctx: RouteContext<z.output<S>>) => Promise<Response>;
}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    try {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const parsed = def.input.safeParse(cleanInput({ ...query, ...(await context.params) }));
      if (!parsed.success) throw validationError(parsed.error, "The request is not valid.");
      const [db, actor] = await Promise.all([getDb(), def.anonymous ? null : getCurrentActor()]);
      return await def.run({ db, actor, input: parsed.data, request, requestId });
    } catch (caught) {
      const err = concurrentWriteConflict(caught) ?? caught;
      if (err instanceof AppError) return errorResponse(errorBody(err), requestId);
      logError("route failed", err, { route: def.name, requestId });
      return errorResponse(
        {
          code: "internal",
          message: `Something went wrong on our side. Please try again (request ${requestId}).`,
        },
        requestId,
      );
    }
  };
}

/** An error as route handlers answer it: `{ error }` with its code's status, never cached. */
export function errorResponse(error: ErrorBody, requestId: string): Response {
  return NextResponse.json(
    { error },
    {
      status: ERROR_STATUS[error.code],
      headers: { "Cache-Control": "no-store", [REQUEST_ID_HEADER]: requestId },
    },
  );
}

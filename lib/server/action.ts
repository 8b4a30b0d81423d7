/**
 * The one wrapper every mutation goes through, whether called as a server action, from a
 * route handler, the CLI or a test: (1) parse the input with zod, (2) check the permission
 * against the actor read from the database, (3) run the work in one transaction — the audit
 * event included — and (4) turn expected errors into a typed result, logging the rest behind a
 * generic message. A unique-key clash or deadlock between two concurrent writers becomes a
 * `conflict` asking the person to try again. Never throws.
 */
import type { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { type Actor, authorize, type Permission } from "@/lib/auth/permissions";
import {
  AppError,
  concurrentWriteConflict,
  type ErrorBody,
  errorBody,
  type FieldErrors,
} from "@/lib/errors";
import { logError } from "@/lib/server/log";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface ActionContext<P extends Permission | null = Permission> {
  tx: Tx;
  /** The signed-in user, read from the database; null only in actions open to anonymous users. */
  actor: P extends null ? Actor | null : Actor;
}

export interface ActionDefinition<
  S extends z.ZodType,
  R,
  P extends Permission | null = Permission | null,
> {
  /** Dotted name, used in logs and the authorization matrix: "claim.create". */
  name: string;
  input: S;
  /** The permission the actor must hold; null for the few actions open to anonymous users. */
  permission: P;
  run: (ctx: ActionContext<P>, input: z.output<S>) => Promise<R>;
}

export function defineAction<S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
): ActionDefinition<S, R, P> {
  return def;
}

/** zod issues as messages per field path ("evidence.doi"), for display next to the fields. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

export async function executeAction<S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
  deps: { db: Db; actor: Actor | null; requestId?: string },
  raw: unknown,
): Promise<ActionResult<R>> {
  try {
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = toFieldErrors(parsed.error);
      const first = Object.values(fieldErrors)[0]?.[0];
      throw new AppError("validation", first ?? "Some fields are not valid.", { fieldErrors });
    }
    if (def.permission !== null) authorize(deps.actor, def.permission);
    // authorize() above guarantees an actor whenever a permission is required.
    const ctx = (tx: Tx) => ({ tx, actor: deps.actor }) as ActionContext<P>;
    const data = await deps.db.transaction((tx) => def.run(ctx(tx), parsed.data));
    return { ok: true, data };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: errorBody(err) };
    const conflict = concurrentWriteConflict(err);
    if (conflict) return { ok: false, error: errorBody(conflict) };
    logError("action failed", err, {
      action: def.name,
      requestId: deps.requestId,
      actorId: deps.actor?.id,
    });
    return {
      ok: false,
      error: {
        code: "internal",
        message: "Something went wrong on our side. Nothing was saved; please try again.",
      },
    };
  }
}

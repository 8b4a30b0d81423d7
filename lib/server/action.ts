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
  /**
   * Callable by a user whose password is temporary (everything else refuses them until they
   * choose a new one: lib/auth/permissions.ts `authorize`). @default false
   */
  whileTemporaryPassword?: boolean;
  run: (ctx: ActionContext<P>, input: z.output<S>) => Promise<R>;
  /**
   * After a successful commit, for a server action in a browser's request only (`runAction`):
   * effects on this request's response, such as re-issuing its session cookie. Not run for
   * HTTP API, CLI or test callers; a failure here is logged, the committed work stands.
   * (A method, not a property: its parameter stays bivariant, so every definition still fits
   * `AnyActionDefinition`.)
   */
  afterCommitInRequest?(data: R): Promise<void>;
}

/**
 * Any definition, whatever its input, result and permission: for code that only reads `name`
 * and `permission` and runs definitions through `executeAction` (the HTTP action route, the
 * authorization matrix), the widest instantiation is the honest type.
 */
// biome-ignore lint/suspicious/noExplicitAny: any definition, whatever its input and result types
export type AnyActionDefinition = ActionDefinition<any, unknown, any>;

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

/**
 * `raw` without U+0000 in any string (objects, arrays and FormData walked). PostgreSQL cannot
 * store NUL in text or jsonb and would fail the whole action with an opaque error; the
 * character is invisible and means nothing in an article, a rationale or a comment, so every
 * action drops it from its input rather than refusing what someone pasted.
 */
export function withoutNul(raw: unknown): unknown {
  if (typeof raw === "string") return raw.includes("\u0000") ? raw.replaceAll("\u0000", "") : raw;
  if (Array.isArray(raw)) return raw.map(withoutNul);
  if (raw instanceof FormData) {
    const out = new FormData();
    for (const [key, value] of raw) {
      if (typeof value === "string") out.append(key, withoutNul(value) as string);
      else out.append(key, value);
    }
    return out;
  }
  if (raw && typeof raw === "object" && Object.getPrototypeOf(raw) === Object.prototype) {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, withoutNul(v)]));
  }
  return raw;
}

/** A failed parse as the `validation` error: the first message, and every one by field. */
export function validationError(error: z.ZodError, fallback: string): AppError {
  const fieldErrors = toFieldErrors(error);
  return new AppError("validation", Object.values(fieldErrors)[0]?.[0] ?? fallback, {
    fieldErrors,
  });
}

export async function executeAction<S extends z.ZodType, R, P extends Permission | null>(
  def: ActionDefinition<S, R, P>,
  deps: { db: Db; actor: Actor | null; requestId?: string },
  raw: unknown,
): Promise<ActionResult<R>> {
  try {
    const parsed = def.input.safeParse(withoutNul(raw));
    if (!parsed.success) throw validationError(parsed.error, "Some fields are not valid.");
    if (def.permission !== null) {
      authorize(deps.actor, def.permission, { whileTemporaryPassword: def.whileTemporaryPassword });
    }
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
        message: `Something went wrong on our side. Nothing was saved; please try again${
          deps.requestId ? ` (request ${deps.requestId})` : ""
        }.`,
      },
    };
  }
}

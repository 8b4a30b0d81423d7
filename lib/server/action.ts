/**
 * The one wrapper every mutation goes through, whether called as a server action, from a
 * route handler, the CLI or a test: (1) parse the input with zod, (2) check the permission
 * against the actor read from the database, (3) run the work in one transaction — the audit
 * event included — and (4) turn expected errors into a typed result, logging the rest behind a
 * generic message. A unique-key clash or deadlock between two concurrent writers becomes a
 * `conflict` asking the person to try again. Never throws, but for one bug in tests: a
 * mutation that wrote no audit event (`UnauditedMutation`).
 */
import type { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { countAuditEvents, countRowsWritten } from "@/db/queries/audit";
import { type Actor, authorize, type Permission } from "@/lib/core/auth/permissions";
import {
  AppError,
  concurrentWriteConflict,
  type ErrorBody,
  type ErrorDetails,
  errorBody,
  type FieldErrors,
} from "@/lib/core/errors";
import { logError } from "@/lib/server/logging/log";

export type ActionResult<T, D extends ErrorDetails = ErrorDetails> =
  | { ok: true; data: T }
  | { ok: false; error: ErrorBody<D> };

export interface ActionContext<P extends Permission | null = Permission, B = undefined> {
  tx: Tx;
  /** The signed-in user, read from the database; null only in actions open to anonymous users. */
  actor: P extends null ? Actor | null : Actor;
  /** What the definition's `prepare` returned (undefined without one). */
  prepared: B;
}

export interface ActionDefinition<
  S extends z.ZodType,
  R,
  P extends Permission | null = Permission | null,
  B = undefined,
  D extends ErrorDetails = ErrorDetails,
> {
  /** Dotted name, used in logs and the authorization matrix: "claim.create". */
  name: string;
  input: S;
  /** The permission the actor must hold; null for the few actions open to anonymous users. */
  permission: P;
  /**
   * Slow work that needs no database (converting an upload), run after the permission check and
   * before the transaction opens, so it never holds a connection that other requests wait for
   * (PGlite has one). Its result is `ctx.prepared` in `run`. @default none
   */
  prepare?(actor: ActionContext<P>["actor"], input: z.output<S>): Promise<B>;
  /**
   * Callable by a user whose password is temporary (everything else refuses them until they
   * choose a new one: lib/core/auth/permissions.ts `authorize`). @default false
   */
  whileTemporaryPassword?: boolean;
  // Method syntax (bivariant parameters), so that any definition is assignable to the widest one
  // whatever its `prepare` gives (test helpers take `Parameters<typeof executeAction>[0]`).
  run(ctx: ActionContext<P, B>, input: z.output<S>): Promise<R>;
  /**
   * After a successful commit, for a server action in a browser's request only (`runAction`):
   * effects on this request's response, such as re-issuing its session cookie. Not run for
   * HTTP API, CLI or test callers; a failure here is logged, the committed work stands.
   * (A method, not a property: its parameter stays bivariant, so every definition still fits
   * `AnyActionDefinition`.)
   */
  afterCommitInRequest?(data: R): Promise<void>;
  /**
   * When a successful run must write an audit event: always (the default), or only when it
   * changed rows ("when-changed", for a definition whose run may rightly find nothing to do: a
   * setting saved unchanged, an account enabled twice). The wrapper refuses a run that breaks
   * the rule (lib/server/action.ts `UnauditedMutation`); "when-changed" costs one more query
   * per call (the rows changed are counted), so definitions that always change keep the default.
   * "receipt" is for a read receipt about the actor themselves (marking their own notifications
   * read), which changes nobody's work and is never audited, like `users.activity_seen_at`.
   * @default "always"
   */
  audit?: "always" | "when-changed" | "receipt";
  /**
   * The `details` its errors carry, by code, for callers that read them (the UI shows the
   * newer version a conflict found): `detailsOf<{ conflict: … }>()` from lib/core/errors.ts.
   * A type only. @default details of unknown shape
   */
  errorDetails?: D;
}

/**
 * Any definition, whatever its input, result and permission: for code that only reads `name`
 * and `permission` and runs definitions through `executeAction` (the HTTP action route, the
 * authorization matrix), the widest instantiation is the honest type.
 */
// biome-ignore lint/suspicious/noExplicitAny: any definition, whatever its input and result types
export type AnyActionDefinition = ActionDefinition<any, unknown, any, any, any>;

export function defineAction<
  S extends z.ZodType,
  R,
  P extends Permission | null,
  B = undefined,
  D extends ErrorDetails = ErrorDetails,
>(def: ActionDefinition<S, R, P, B, D>): ActionDefinition<S, R, P, B, D> {
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
 * How deeply an input may nest objects and arrays. The deepest legitimate input is the editor's
 * document (`MAX_DOC_NESTING`, 64 levels, in lib/core/validation/revisions.ts) inside the action's
 * input object; anything deeper is refused before any recursive code (zod's schemas, JSON
 * serialization for the audit event) could exhaust the stack on it.
 */
export const MAX_INPUT_DEPTH = 100;

/** An unpaired UTF-16 surrogate: a high one not followed by a low one, or a lone low one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string PostgreSQL can store: U+0000 dropped (text and jsonb cannot hold it; the character is
 * invisible and means nothing in an article, a rationale or a comment) and unpaired surrogates
 * replaced by U+FFFD, as any UTF-8 encoder does (jsonb refuses the `\ud800` escape
 * JSON.stringify writes for one, failing the audit insert). Both are replaced rather than
 * refused: they are never typed on purpose, only pasted or produced by broken clients, and
 * refusing would lose what someone pasted over an invisible character.
 */
export function storableString(value: string): string {
  const withoutNul = value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  return withoutNul.replace(LONE_SURROGATE, "\uFFFD");
}

const tooDeep = () =>
  new AppError("validation", `The input nests more than ${MAX_INPUT_DEPTH} levels deep.`);

type Slot = [parent: Record<string, unknown> | unknown[], key: string | number, value: unknown];

/** Sets `key` as an own property, even "__proto__" (as JSON.parse and Object.fromEntries do). */
function put(parent: Record<string, unknown> | unknown[], key: string | number, value: unknown) {
  if (Array.isArray(parent)) parent[key as number] = value;
  else
    Object.defineProperty(parent, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/**
 * The one pre-processing step of every action's and route's input, before zod: a copy of `raw`
 * with every string (and object key) made storable (`storableString`), walked with an explicit
 * stack, not recursion, so that a hostile body nested 10,000 arrays deep costs a loop and a 400
 * (`validation`, more than MAX_INPUT_DEPTH levels) instead of a stack overflow and a 500.
 * FormData values are cleaned the same way; files and other non-plain objects pass unchanged.
 */
export function cleanInput(raw: unknown): unknown {
  if (raw instanceof FormData) {
    const out = new FormData();
    for (const [key, value] of raw) {
      if (typeof value === "string") out.append(storableString(key), storableString(value));
      else out.append(storableString(key), value);
    }
    return out;
  }
  const root: Record<string, unknown> = {};
  const stack: [...Slot, number][] = [[root, "value", raw, 0]];
  for (let slot = stack.pop(); slot !== undefined; slot = stack.pop()) {
    const [parent, key, value, depth] = slot;
    if (typeof value === "string") {
      put(parent, key, storableString(value));
    } else if (Array.isArray(value)) {
      if (depth >= MAX_INPUT_DEPTH) throw tooDeep();
      const copy: unknown[] = new Array(value.length);
      put(parent, key, copy);
      for (let i = 0; i < value.length; i++) stack.push([copy, i, value[i], depth + 1]);
    } else if (
      value &&
      typeof value === "object" &&
      Object.getPrototypeOf(value) === Object.prototype
    ) {
      if (depth >= MAX_INPUT_DEPTH) throw tooDeep();
      const copy: Record<string, unknown> = {};
      put(parent, key, copy);
      for (const [k, v] of Object.entries(value)) {
        const cleanKey = storableString(k);
        // Placed now, filled when popped: the copy keeps the input's key order.
        put(copy, cleanKey, undefined);
        stack.push([copy, cleanKey, v, depth + 1]);
      }
    } else {
      put(parent, key, value);
    }
  }
  return root.value;
}

/** A failed parse as the `validation` error: the first message, and every one by field. */
export function validationError(error: z.ZodError, fallback: string): AppError {
  const fieldErrors = toFieldErrors(error);
  return new AppError("validation", Object.values(fieldErrors)[0]?.[0] ?? fallback, {
    fieldErrors,
  });
}

/**
 * A mutation that succeeded without writing an audit event (or, for an `audit: "when-changed"`
 * definition, that changed rows without one): a bug in its definition, since every change is
 * on the record (who, what, before and after).
 */
export class UnauditedMutation extends Error {
  constructor(
    readonly action: string,
    /** Rows it changed, when counted (`audit: "when-changed"`). */
    readonly rows: number | null,
  ) {
    super(
      `The action "${action}" ${
        rows === null ? "finished" : `changed ${rows} row${rows === 1 ? "" : "s"}`
      } without writing an audit event: call insertAuditEvent (db/queries/audit.ts) in its transaction${
        rows === null
          ? `, or declare \`audit: "when-changed"\` if a run may rightly find nothing to change`
          : ""
      }.`,
    );
    this.name = "UnauditedMutation";
  }
}

/**
 * Tests refuse an unaudited mutation loudly (`executeAction` throws and the work is rolled
 * back); production keeps the person's work and logs an error line instead.
 */
const refuseUnaudited = () => process.env.NODE_ENV === "test" || Boolean(process.env.VITEST);

export async function executeAction<
  S extends z.ZodType,
  R,
  P extends Permission | null,
  B = undefined,
  D extends ErrorDetails = ErrorDetails,
>(
  def: ActionDefinition<S, R, P, B, D>,
  deps: { db: Db; actor: Actor | null; requestId?: string },
  raw: unknown,
): Promise<ActionResult<R, D>> {
  try {
    const parsed = def.input.safeParse(cleanInput(raw));
    if (!parsed.success) throw validationError(parsed.error, "Some fields are not valid.");
    if (def.permission !== null) {
      authorize(deps.actor, def.permission, { whileTemporaryPassword: def.whileTemporaryPassword });
    }
    // authorize() above guarantees an actor whenever a permission is required.
    const actor = deps.actor as ActionContext<P>["actor"];
    const prepared = (def.prepare ? await def.prepare(actor, parsed.data) : undefined) as B;
    const ctx = (tx: Tx): ActionContext<P, B> => ({ tx, actor, prepared });
    let unaudited: UnauditedMutation | null = null;
    const data = await deps.db.transaction(async (tx) => {
      const audited = countAuditEvents(tx);
      const whenChanged = def.audit === "when-changed";
      const rowsBefore = whenChanged ? await countRowsWritten(tx) : 0;
      const result = await def.run(ctx(tx), parsed.data);
      if (audited() === 0 && def.audit !== "receipt") {
        const rows = whenChanged ? (await countRowsWritten(tx)) - rowsBefore : null;
        if (rows !== 0) unaudited = new UnauditedMutation(def.name, rows);
        // In tests the mutation is refused (rolled back, thrown); in production it stands.
        if (unaudited && refuseUnaudited()) throw unaudited;
      }
      return result;
    });
    if (unaudited) {
      logError("action wrote no audit event", unaudited, {
        action: def.name,
        requestId: deps.requestId,
        actorId: deps.actor?.id,
      });
    }
    return { ok: true, data };
  } catch (err) {
    if (err instanceof UnauditedMutation) throw err;
    // The definition's `errorDetails` is its word for what its errors carry (a type only).
    if (err instanceof AppError) return { ok: false, error: errorBody(err) as ErrorBody<D> };
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

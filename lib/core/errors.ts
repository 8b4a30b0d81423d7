/**
 * Expected errors: a code the client can branch on and a message a person can read. Anything
 * else that escapes a service is unexpected: it is logged and shown as a generic message.
 */

export const ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "validation",
  "conflict",
  "rule",
  "rate_limited",
  "too_large",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for each code, for route handlers. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 400,
  conflict: 409,
  rule: 422,
  rate_limited: 429,
  too_large: 413,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { fieldErrors?: FieldErrors; details?: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get fieldErrors(): FieldErrors | undefined {
    return this.options.fieldErrors;
  }

  get details(): unknown {
    return this.options.details;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

/**
 * What an error's `details` carry, by code, for a caller that reads them: the newer version a
 * conflict found (`{ conflict: { current: … } }`), what blocks a rule (`{ rule: { blockers } }`).
 * An action declares its own with `errorDetails: detailsOf<…>()`, so the UI reads them typed.
 */
export type ErrorDetails = { [C in ErrorCode]?: unknown };

/**
 * The serialisable form of an error, as actions return it and route handlers send it; narrowed
 * by `code`, its `details` have the shape declared for that code (unknown when undeclared).
 */
export type ErrorBody<D extends ErrorDetails = ErrorDetails> = {
  [C in ErrorCode]: {
    code: C;
    message: string;
    fieldErrors?: FieldErrors;
    details?: D[C];
  };
}[ErrorCode];

/**
 * Declares the `details` an action's errors carry, by code (a type only: the value is
 * undefined), e.g. `errorDetails: detailsOf<{ conflict: { current: ClaimRow | null } }>()`.
 */
export const detailsOf = <D extends ErrorDetails>(): D | undefined => undefined;

export function errorBody(err: AppError): ErrorBody {
  const body: ErrorBody = { code: err.code, message: err.message };
  if (err.fieldErrors) body.fieldErrors = err.fieldErrors;
  if (err.details !== undefined) body.details = err.details;
  return body;
}

/**
 * PostgreSQL error codes that mean "two writers met": a unique key taken by a concurrent
 * insert (two imports of the same title, two claims numbered at once), a serialization
 * failure or a deadlock. Retrying is the right answer, so the person is told so.
 */
const CONCURRENT_WRITE_CODES = new Set(["23505", "40001", "40P01"]);

/**
 * The conflict a database error stands for, or null. Looks through `cause` too: drizzle wraps
 * the driver's error (node-postgres or PGlite, which both carry the SQLSTATE as `code`).
 */
export function concurrentWriteConflict(err: unknown): AppError | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONCURRENT_WRITE_CODES.has(code)) {
      return new AppError(
        "conflict",
        "Someone else saved a change here at the same moment. Nothing was saved; please try again.",
      );
    }
    e = e.cause;
  }
  return null;
}

/** Structured logs: one JSON line per event on stderr, never user-provided secrets. */

export function logError(msg: string, err: unknown, fields: Record<string, unknown> = {}): void {
  const error =
    err instanceof Error
      ? { name: err.name, message: err.message, stack: err.stack }
      : { message: String(err) };
  console.error(
    JSON.stringify({ level: "error", time: new Date().toISOString(), msg, ...fields, error }),
  );
}

export function logInfo(msg: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), msg, ...fields }));
}

/**
 * One line for an error Next caught while serving a request (instrumentation.ts). The path
 * without its query string: queries may carry search terms or tokens.
 */
export function logRequestError(
  err: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
): void {
  const id = request.headers["x-request-id"];
  logError("request failed", err, {
    requestId: Array.isArray(id) ? id[0] : id,
    method: request.method,
    path: request.path.split("?")[0],
    route: context.routePath,
    routeType: context.routeType,
    digest: (err as { digest?: unknown } | null)?.digest,
  });
}

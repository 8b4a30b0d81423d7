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

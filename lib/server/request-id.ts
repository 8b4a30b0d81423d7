/**
 * Every request gets an id (proxy.ts sets `x-request-id` on the request and the response), so a
 * person reporting "request 3f2c…" can be matched with the one JSON log line of that error.
 * A client's own `x-request-id` is overwritten: ids in our logs are ours.
 */
export const REQUEST_ID_HEADER = "x-request-id";

export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The id proxy.ts gave this request, or a new one where there was none (tests, the CLI). */
export function requestIdFrom(headers: Pick<Headers, "get">): string {
  return headers.get(REQUEST_ID_HEADER) ?? newRequestId();
}

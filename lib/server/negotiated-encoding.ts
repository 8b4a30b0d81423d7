/**
 * The route handler side of the public pages' compression (lib/core/http/content-coding.mjs):
 * next.config.mjs has already labelled the response with the Content-Encoding that the
 * request's Accept-Encoding negotiates, so every body these routes answer with must be in that
 * coding — the cached renders are (lib/services/publications/http.ts), and whatever else the
 * handler returns (a 404 page, a 400's JSON, a 500) is compressed here, small as it is.
 */
import "server-only";
import { type ContentCoding, negotiateContentCoding } from "@/lib/core/http/content-coding.mjs";
import { compressBody } from "./compress";

/** The coding a request to a route under `negotiatedEncodingRules` is labelled with. */
export const requestContentCoding = (request: Request): ContentCoding =>
  negotiateContentCoding(request.headers.get("accept-encoding"));

/**
 * Wraps the GET of a route that next.config.mjs lists under `negotiatedEncodingRules`. A
 * response whose own Content-Encoding already names the request's coding passes as it is
 * (Next drops that header; it tells this wrapper the body is done). Any other body is
 * compressed to match the label.
 */
export function withNegotiatedEncoding<C>(
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const response = await handler(request, context);
    const coding = requestContentCoding(request);
    if (coding === "identity" || response.body === null) return response;
    if (response.headers.get("content-encoding") === coding) return response;
    const headers = new Headers(response.headers);
    headers.set("Content-Encoding", coding);
    headers.delete("Content-Length");
    const body = await compressBody(new Uint8Array(await response.arrayBuffer()), coding);
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

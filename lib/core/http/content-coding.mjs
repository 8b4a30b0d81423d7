/**
 * Content negotiation of the public pages' compression: which coding (`br`, `gzip` or
 * `identity`) a request's Accept-Encoding allows, written as regular expressions because two
 * places must decide alike. Next drops a route handler's own Content-Encoding header (its
 * send-response.js filters it out of every Response, as do the middleware paths), but it sets
 * the headers of next.config.mjs `headers()` rules on the response as they are, before the
 * handler runs, and such a rule can test a request header with a regular expression (`has`).
 * So next.config.mjs labels the response with these expressions and the route handler encodes
 * its body by the same expressions: one definition, no way for the two to disagree.
 *
 * Plain JavaScript (with content-coding.d.mts) because next.config.mjs imports it unbundled.
 *
 * The semantics (RFC 9110 §12.5.3): a coding is acceptable when the header lists it with a
 * weight above 0 (no weight is 1), or does not list it and lists `*` above 0; names are
 * case-insensitive. Among the acceptable ones the server's order decides, br before gzip before
 * identity, not the weights: a regular expression cannot compare two weights, and browsers send
 * none ("gzip, deflate, br, zstd"). Without the header, or when neither br nor gzip is
 * acceptable, the body goes as it is (identity even when the header refuses it: a readable page
 * beats a 406). A coding listed twice counts by its higher weight. `x-gzip` is not read as gzip:
 * no client in use sends only it.
 */

/** Optional white space (OWS). */
const OWS = "[ \\t]*";
/** A weight of zero: "0", "0.", "0.0" … "0.000". */
const ZERO = "0(?:\\.0{0,3})?";
const QVALUE = "(?:0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?)";

/** `name` in either case, letter by letter (Next compiles `has` values without flags). */
const anyCase = (name) =>
  [...name].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join("");

/** A list element naming `token` with a weight above 0. */
const accepted = (token) =>
  `(?:^|,)${OWS}${token}${OWS}(?:;${OWS}[qQ]${OWS}=${OWS}(?!${ZERO}${OWS}(?:,|$))${QVALUE}${OWS})?(?:,|$)`;
/** A list element naming `token`, with whatever parameters. */
const listed = (token) => `(?:^|,)${OWS}${token}${OWS}(?:;[^,]*)?(?:,|$)`;

/** An expression for a whole header value: `coding` is acceptable. */
const acceptable = (coding) => {
  const token = anyCase(coding);
  return `(?:(?=.*${accepted(token)})|(?!.*${listed(token)})(?=.*${accepted("\\*")})).*`;
};

/** For `has` (Next anchors it as `^…$`): the header accepts br. */
export const BR_ACCEPTED = acceptable("br");
/** For `has`: the header accepts gzip (a request that also accepts br gets br). */
export const GZIP_ACCEPTED = acceptable("gzip");

const brAccepted = new RegExp(`^${BR_ACCEPTED}$`);
const gzipAccepted = new RegExp(`^${GZIP_ACCEPTED}$`);

/**
 * The coding to send for an Accept-Encoding header value (null when the request has none).
 * @param {string | null | undefined} acceptEncoding
 * @returns {"br" | "gzip" | "identity"}
 */
export function negotiateContentCoding(acceptEncoding) {
  if (!acceptEncoding) return "identity";
  if (brAccepted.test(acceptEncoding)) return "br";
  if (gzipAccepted.test(acceptEncoding)) return "gzip";
  return "identity";
}

/**
 * next.config.mjs `headers()` rules for a path whose route handler encodes its bodies by
 * `negotiateContentCoding`: Content-Encoding for the request's coding, and `Vary:
 * Accept-Encoding` on every answer so that a shared cache keeps one copy per coding.
 * @param {string} source a Next path pattern, such as "/p/:slug"
 */
export function negotiatedEncodingRules(source) {
  const acceptEncoding = (value) => ({ type: "header", key: "accept-encoding", value });
  return [
    { source, headers: [{ key: "Vary", value: "Accept-Encoding" }] },
    {
      source,
      has: [acceptEncoding(BR_ACCEPTED)],
      headers: [{ key: "Content-Encoding", value: "br" }],
    },
    {
      source,
      has: [acceptEncoding(GZIP_ACCEPTED)],
      missing: [acceptEncoding(BR_ACCEPTED)],
      headers: [{ key: "Content-Encoding", value: "gzip" }],
    },
  ];
}

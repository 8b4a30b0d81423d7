/** Types of content-coding.mjs (plain JavaScript: next.config.mjs imports it unbundled). */
export type ContentCoding = "br" | "gzip" | "identity";
export declare const BR_ACCEPTED: string;
export declare const GZIP_ACCEPTED: string;
export declare function negotiateContentCoding(
  acceptEncoding: string | null | undefined,
): ContentCoding;
export declare function negotiatedEncodingRules(source: string): {
  source: string;
  has?: { type: "header"; key: string; value: string }[];
  missing?: { type: "header"; key: string; value: string }[];
  headers: { key: string; value: string }[];
}[];

/**
 * Compression of response bodies for the codings the public pages negotiate
 * (lib/core/http/content-coding.mjs), off the event loop (zlib's thread pool). One place for
 * the settings: brotli quality 5, the usual setting for content compressed as it is served
 * (qualities 10–11 take tens of times longer, for build-time assets), and gzip at 9, since a
 * publication's copies are made once per version (lib/services/publications/render-cache.ts).
 */
import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** `body` in `coding`. */
export async function compressBody(
  body: Uint8Array,
  coding: "br" | "gzip",
): Promise<Uint8Array<ArrayBuffer>> {
  const out =
    coding === "br"
      ? await brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : await gzip(body, { level: 9 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength) as Uint8Array<ArrayBuffer>;
}

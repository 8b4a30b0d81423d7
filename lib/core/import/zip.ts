/**
 * Just enough of the ZIP format to vet a .docx before a ZIP library unpacks it: the signature,
 * and the unpacked size its central directory declares (to refuse a "zip bomb" up front).
 * A ZIP library trusts these same directory entries when it unpacks, so a file that lies in
 * them fails there instead.
 */

import zlib from "node:zlib";

const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** Sizes of 0xFFFFFFFF mean "see the ZIP64 record": only for files far beyond our limits. */
const ZIP64_MARK = 0xffffffff;

/** Whether the bytes start like a ZIP archive (which a .docx is). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && view(bytes).getUint32(0, true) === LOCAL_HEADER;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Where the end-of-directory record starts, or -1: it is the last 22 bytes, followed by a
 * comment of up to 64 kB.
 */
function endOfDirectory(dv: DataView): number {
  for (let i = dv.byteLength - 22; i >= Math.max(0, dv.byteLength - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === END_OF_DIRECTORY) return i;
  }
  return -1;
}

/**
 * The total unpacked size the archive's central directory declares, `Infinity` for a ZIP64
 * archive, or null when the directory cannot be found or read (a truncated or damaged file).
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const dv = view(bytes);
  const end = endOfDirectory(dv);
  if (end < 0) return null;
  const entries = dv.getUint16(end + 10, true);
  const size = dv.getUint32(end + 12, true);
  let at = dv.getUint32(end + 16, true);
  if (entries === 0xffff || size === ZIP64_MARK || at === ZIP64_MARK) return Infinity;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const unpacked = dv.getUint32(at + 24, true);
    if (unpacked === ZIP64_MARK) return Infinity;
    total += unpacked;
    at +=
      46 + dv.getUint16(at + 28, true) + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  return total;
}

/**
 * The unpacked bytes of the entry called `name` (stored or deflated), or null when there is no
 * such entry or it cannot be read; never more than `maxBytes` (a lying directory included).
 */
export function readEntry(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  const dv = view(bytes);
  const end = endOfDirectory(dv);
  if (end < 0) return null;
  const entries = dv.getUint16(end + 10, true);
  let at = dv.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const method = dv.getUint16(at + 10, true);
    const packed = dv.getUint32(at + 20, true);
    const nameLength = dv.getUint16(at + 28, true);
    const local = dv.getUint32(at + 42, true);
    const entryName = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      if (local + 30 > bytes.length || dv.getUint32(local, true) !== LOCAL_HEADER) return null;
      const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + packed);
      try {
        if (method === 0) return data.byteLength <= maxBytes ? data : null;
        if (method !== 8) return null;
        return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
      } catch {
        return null;
      }
    }
    at += 46 + nameLength + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  return null;
}

/**
 * Just enough of the ZIP format to vet a .docx before a ZIP library unpacks it: the signature,
 * and the unpacked size its central directory declares (to refuse a "zip bomb" up front).
 * A ZIP library trusts these same directory entries when it unpacks, so a file that lies in
 * them fails there instead.
 */

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
 * The total unpacked size the archive's central directory declares, `Infinity` for a ZIP64
 * archive, or null when the directory cannot be found or read (a truncated or damaged file).
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const dv = view(bytes);
  // The end-of-directory record is the last 22 bytes, followed by a comment of up to 64 kB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
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

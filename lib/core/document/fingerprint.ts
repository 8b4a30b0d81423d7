/**
 * A short fingerprint of a revision's plain text, so that the review page can check that the
 * browser's text (built from the document it renders) is the server's without sending the text
 * itself: on a 2 MB article the text was a second copy of the document in the page's payload.
 * Not a security measure (the server re-checks every quote it is sent); only a mismatch alarm.
 * Pure, dependency-free and small: it runs in the browser too.
 */
export function textFingerprint(text: string): string {
  // FNV-1a over UTF-16 code units (the offsets' own units), with the length beside it.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length.toString(36)}.${(hash >>> 0).toString(36)}`;
}

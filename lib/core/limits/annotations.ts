/**
 * The limits of an annotation import. Plain numbers, apart from the zod schemas that enforce
 * them (lib/core/validation/annotations.ts), so that the import form can show them without bringing
 * zod into the browser. The largest file or pasted text accepted is that of every import,
 * `MAX_IMPORT_BYTES` (lib/core/import/limits.ts); a quote's, that of every claim (`MAX_QUOTE`,
 * lib/core/limits/claims.ts).
 */

/** The most annotations one import takes (each becomes up to three rows and is anchored). */
export const MAX_IMPORT_ANNOTATIONS = 2_000;
/** An annotation's text, which becomes the rationale (20,000 at most, with room for a note). */
export const MAX_IMPORT_BODY = 10_000;

/**
 * A revision summary's length. A plain number, apart from the zod schema that enforces it
 * (lib/core/validation/revisions.ts), so that the editor can show it without bringing zod into the
 * browser.
 */
export const MAX_SUMMARY = 200;

/** The editor's "reviewed, no claims needed" note (published with the article). */
export const MAX_NO_CLAIMS_NOTE = 2_000;

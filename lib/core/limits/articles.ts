/**
 * An article's plain text: at most this many characters, however it arrives (pasted, imported,
 * saved in the editor). 2 MB of text: a long-form article is 50–100 kB; anything larger is almost
 * surely a mistake. A plain number, so that the import pipeline and the schemas share it without
 * one depending on the other.
 */
export const MAX_ARTICLE_TEXT = 2_000_000;

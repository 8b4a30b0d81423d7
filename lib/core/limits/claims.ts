/**
 * A claim's quote: at most this many characters, whether a person selected it or an annotation
 * import brought it. A plain number, apart from the zod schemas that enforce it
 * (lib/core/validation/claims.ts, annotations.ts), so that the browser can use it without zod.
 */
export const MAX_QUOTE = 5_000;

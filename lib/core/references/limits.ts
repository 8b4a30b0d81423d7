/** How much one reference import may bring (lib/core/references/import.ts). Pure. */
export const REFERENCE_IMPORT_LIMITS = {
  /** Characters of the file's text (about 5 MB of ASCII). */
  maxChars: 5 * 1024 * 1024,
  /** Records in one file: a big Zotero collection, far more than one article cites. */
  maxRecords: 2000,
  /** How deeply a CSL-JSON file may nest (a record's `author` list of objects is 3 levels). */
  maxJsonDepth: 16,
  /** Characters of one record's text, before it is parsed. */
  maxRecordChars: 200_000,
} as const;

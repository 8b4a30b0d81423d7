/**
 * A source that cannot be imported (wrong type, empty, damaged, too large). The message is
 * written for the person who chose the file or pasted the text; the caller decides which field
 * it belongs next to.
 */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

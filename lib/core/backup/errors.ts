/**
 * Expected failures of a backup or a restore (a damaged file, a database that is not empty, a
 * backup from a newer Claimdesk): one sentence for the operator, shown as it is. Anything else
 * that escapes is unexpected.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

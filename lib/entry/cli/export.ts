/**
 * `claimdesk export --article SLUG --format FORMAT --out FILE [--revision N]`: writes an article's
 * export from the configured database, in any format of `lib/core/export/formats.ts`, rendered as
 * the web routes render it.
 *
 * What is exported is `loadExportFile`'s rule (lib/services/downloads/export-file.ts): `--revision N`
 * when given; else the article's latest publication (its frozen snapshot, the same bytes as the
 * public page's download); else, for an article never published, the latest approved
 * revision, else the current work in progress, as the workspace route does.
 *
 * Who reads: the command runs as a fixed system reader with the viewer role (`CLI_READER`). Who
 * can run it can already read the database files or `DATABASE_URL` directly, so a login would
 * protect nothing; the reader still goes through `loadExportModel`'s `article:export` check,
 * and the web route keeps checking the signed-in user as before.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, type ExportFormatId } from "@/lib/core/export/formats";
import { type ExportFile, loadExportFile } from "@/lib/services/downloads/export-file";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";
import { writeFailureReason } from "./io";

/** The system reader the CLI exports as (not a row in the users table). */
export const CLI_READER: Actor = {
  id: "00000000-0000-0000-0000-000000000000",
  email: "cli@claimdesk.invalid",
  name: "Claimdesk command line",
  role: "viewer",
};

const isFormat = (value: string): value is ExportFormatId =>
  EXPORT_FORMAT_IDS.some((f) => f === value);

const OPTIONS = ["--article", "--format", "--out", "--revision"] as const;
type Option = (typeof OPTIONS)[number];

/** `--name value` or `--name=value`; each option once; no positional arguments. */
export function parseExportArgs(args: string[]): {
  slug: string;
  format: ExportFormatId;
  out: string;
  revision?: number;
} {
  const values = new Map<Option, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg];
    const option = OPTIONS.find((o) => o === name);
    if (!option) {
      throw new CliError(
        arg.startsWith("-") ? `unknown option ${name}` : `unexpected argument ${arg}`,
        EXIT_USAGE,
      );
    }
    if (values.has(option)) throw new CliError(`${option} is given twice`, EXIT_USAGE);
    const value = inline ?? args[++i];
    if (value === undefined || value === "") {
      throw new CliError(`${option} needs a value`, EXIT_USAGE);
    }
    values.set(option, value);
  }
  const required = (option: Option) => {
    const value = values.get(option);
    if (value === undefined) throw new CliError(`missing ${option}`, EXIT_USAGE);
    return value;
  };
  const slug = required("--article");
  const format = required("--format");
  const out = required("--out");
  if (!isFormat(format)) {
    throw new CliError(
      `unknown format "${format}"; use one of ${EXPORT_FORMAT_IDS.join(", ")}`,
      EXIT_USAGE,
    );
  }
  const revisionText = values.get("--revision");
  let revision: number | undefined;
  if (revisionText !== undefined) {
    revision = Number(revisionText);
    if (!/^\d+$/.test(revisionText) || revision < 1) {
      throw new CliError("--revision must be a whole number, 1 or more", EXIT_USAGE);
    }
  }
  return { slug, format, out, revision };
}

/** "x-v1.md: publication 1 (revision 1), 1 claim", "x-r2.md: revision 2 (not yet approved), 3 claims" */
function madeFrom({ filename, from }: ExportFile): string {
  const claims = `${from.claims} claim${from.claims === 1 ? "" : "s"}`;
  return from.kind === "publication"
    ? `${filename}: publication ${from.number} (revision ${from.revision}${from.retracted ? ", retracted" : ""}), ${claims}`
    : `${filename}: revision ${from.revision}${from.approved ? "" : " (not yet approved)"}, ${claims}`;
}

export const exportCommand: Command = {
  name: "export",
  help: [
    "Usage: claimdesk export --article SLUG --format FORMAT --out FILE [--revision N]",
    "",
    "Writes the article's fact-check to FILE, as the web app's export does. FORMAT:",
    ...EXPORT_FORMAT_IDS.map((f) => `  ${f.padEnd(12)}${EXPORT_FORMATS[f].label}`),
    "",
    "Exports revision N when given. Without --revision: the article's latest publication (as",
    "frozen when it was published, the same file as its public page's download), else the latest",
    "approved revision, else the current work in progress (marked as not yet approved).",
    "Uses DATABASE_URL (PostgreSQL) if set, else the PGlite data",
    "in CLAIMDESK_DATA_DIR (default ./data); PGlite cannot be shared with a running server.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const { slug, format, out, revision } = parseExportArgs(args);
    const handle = await openCliDatabase();
    let file: ExportFile;
    try {
      file = await loadExportFile(handle.db, CLI_READER, slug, { format, revision });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message);
      throw err;
    } finally {
      await handle.close();
    }
    const { bytes } = file;
    const target = path.resolve(io.cwd, out);
    try {
      await fs.writeFile(target, bytes);
    } catch (err) {
      const reason =
        writeFailureReason(err) ?? ((err as NodeJS.ErrnoException).code || "write error");
      throw new CliError(`cannot write ${out}: ${reason}`);
    }
    io.stdout(`Wrote ${out} (${bytes.byteLength} bytes) from ${madeFrom(file)}.\n`);
    return 0;
  },
};

/**
 * `claimdesk library import FILE [--format claimreview|json] [--author EMAIL]` and
 * `claimdesk library export [--format json|claimreview] [--out FILE]`: the claims library in
 * and out of the app's database (DATABASE_URL, else PGlite in CLAIMDESK_DATA_DIR or ./data).
 *
 * The import runs the `library.import` action as the user given by --author (else the only
 * admin, as `claimdesk import` chooses), so the permission (editors and admins), the limits, the
 * all-or-nothing rule and the audit event are the app's. The export reads as the CLI's system
 * reader (`CLI_READER`, a viewer), as `claimdesk export` does, through the same
 * `loadLibraryExport` as the download route.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import {
  CLAIMREVIEW_IMPORT_LIMITS,
  looksLikeClaimReview,
} from "@/lib/core/library/claimreview-import";
import {
  LIBRARY_EXPORT_FORMATS,
  LIBRARY_IMPORT_FORMATS,
  type LibraryExportFormat,
  type LibraryImportFormat,
} from "@/lib/core/validation/library";
import { executeAction } from "@/lib/server/action";
import { loadLibraryExport } from "@/lib/services/library/export";
import { importLibrary } from "@/lib/services/library/import";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";
import { CLI_READER } from "./export";
import { findAuthor } from "./import";
import { type CliIo, readError, readTextInput, writeFailureReason } from "./io";

type Parsed = { positional: string[]; options: Map<string, string> };

/** `--name value` or `--name=value` for the `allowed` options, each once; the rest positional. */
export function parseOptions(args: string[], allowed: readonly string[]): Parsed {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new CliError(`unknown option ${name}`, EXIT_USAGE);
    if (options.has(name)) throw new CliError(`${name} is given twice`, EXIT_USAGE);
    const value = inline ?? args[++i];
    if (value === undefined || value === "")
      throw new CliError(`${name} needs a value`, EXIT_USAGE);
    options.set(name, value);
  }
  return { positional, options };
}

function formatOption<F extends string>(
  value: string | undefined,
  formats: readonly F[],
): F | undefined {
  if (value === undefined) return undefined;
  const format = formats.find((f) => f === value);
  if (!format) {
    throw new CliError(`unknown format "${value}"; use one of ${formats.join(", ")}`, EXIT_USAGE);
  }
  return format;
}

/** The file's text, refused before reading when larger than an import takes. */
async function readLibraryFile(file: string, io: CliIo): Promise<string> {
  if (file !== "-") {
    try {
      const { size } = await fs.stat(path.resolve(io.cwd, file));
      if (size > CLAIMREVIEW_IMPORT_LIMITS.maxBytes) {
        throw new CliError(
          `${file} is larger than ${CLAIMREVIEW_IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`,
        );
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw readError(file, err);
    }
  }
  return readTextInput(file, io);
}

async function runImport(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseOptions(args, ["--format", "--author"]);
  if (positional.length !== 1) {
    throw new CliError(positional.length === 0 ? "missing FILE" : "expects one FILE", EXIT_USAGE);
  }
  const file = positional[0] as string;
  const given = formatOption<LibraryImportFormat>(options.get("--format"), LIBRARY_IMPORT_FORMATS);
  const text = await readLibraryFile(file, io);
  const format = given ?? (looksLikeClaimReview(text) ? "claimreview" : "json");
  const handle = await openCliDatabase();
  try {
    const actor = await findAuthor(handle, options.get("--author"));
    const result = await executeAction(importLibrary, { db: handle.db, actor }, { format, text });
    if (!result.ok) {
      const who = result.error.code === "forbidden" ? `${actor.email}: ` : "";
      throw new CliError(`${who}${result.error.message}`);
    }
    io.stdout(`${JSON.stringify({ format, ...result.data })}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function runExport(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseOptions(args, ["--format", "--out"]);
  if (positional.length > 0) throw new CliError(`unexpected argument ${positional[0]}`, EXIT_USAGE);
  const format =
    formatOption<LibraryExportFormat>(options.get("--format"), LIBRARY_EXPORT_FORMATS) ?? "json";
  const out = options.get("--out");
  const handle = await openCliDatabase();
  let file: Awaited<ReturnType<typeof loadLibraryExport>>;
  try {
    file = await loadLibraryExport(handle.db, CLI_READER, format);
  } catch (err) {
    if (err instanceof AppError) throw new CliError(err.message);
    throw err;
  } finally {
    await handle.close();
  }
  if (out === undefined) {
    io.stdout(file.body);
    return 0;
  }
  try {
    await fs.writeFile(path.resolve(io.cwd, out), file.body);
  } catch (err) {
    const reason =
      writeFailureReason(err) ?? ((err as NodeJS.ErrnoException).code || "write error");
    throw new CliError(`cannot write ${out}: ${reason}`);
  }
  const what = format === "json" ? "entries" : "ClaimReviews";
  io.stderr(`Wrote ${out}: ${file.entries} ${what} (${Buffer.byteLength(file.body)} bytes).\n`);
  return 0;
}

export const libraryCommand: Command = {
  name: "library",
  help: [
    "Usage: claimdesk library import FILE [--format claimreview|json] [--author EMAIL]",
    "       claimdesk library export [--format json|claimreview] [--out FILE]",
    "",
    "import: reads FILE (or - for standard input; at most 5 MB) into the claims library and prints",
    '  {"format": ..., "created": N, "skipped": M, "entries": [{"number": 12}, ...]}',
    "  claimreview: other fact-checkers' ClaimReview JSON-LD (one review, a page's markup or its",
    "    HTML, a feed or DataFeed); each review becomes an external entry keeping its publisher,",
    "    rating and URL, never a verdict of ours. A review whose URL the library has is skipped.",
    '  json: a library file, [{"id": "...", "text": "...", "verdict"?, "rationale"?, "tags"?,',
    '    "variants"?: [...]}], as the export writes it. A wording the library has is skipped.',
    "  Without --format: claimreview for HTML or JSON-LD (@type / @context), else json.",
    "  All or nothing: one bad review or entry refuses the file, naming it. --author is the",
    "  editor or admin it is recorded under; without it, the workspace's only admin.",
    "export: writes the current library (stdout without --out); json (the default) is the",
    "  format import reads and `claimdesk match --library` takes; claimreview is our own rated",
    "  entries as a JSON array of ClaimReviews (external entries are not re-published).",
    "The database is the app's: DATABASE_URL, else PGlite in CLAIMDESK_DATA_DIR (default ./data);",
    "PGlite allows one process at a time: stop the server first, or use PostgreSQL.",
  ].join("\n"),
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === "--help" || sub === "-h" || rest.includes("--help") || rest.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    if (sub === undefined) throw new CliError("missing import or export", EXIT_USAGE);
    if (sub === "import") return runImport(rest, io);
    if (sub === "export") return runExport(rest, io);
    throw new CliError(`unknown subcommand "${sub}"; use import or export`, EXIT_USAGE);
  },
};

/**
 * `claimdesk import FILE`: imports a .txt, .md, .html or .docx file as a new draft article into
 * the database the app uses (DATABASE_URL, else PGlite under CLAIMDESK_DATA_DIR or ./data),
 * through the same action definition as the import form, run as the user given by --author, so
 * the permission check, the limits and the audit event are the form's. Prints the new
 * article's id, slug, title and path as one line of JSON.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { DbHandle } from "@/db/client";
import { listUsers } from "@/db/queries/users";
import type { Actor } from "@/lib/core/auth/permissions";
import { formatBytes, MAX_IMPORT_BYTES, tooLargeMessage } from "@/lib/core/import/limits";
import { executeAction } from "@/lib/server/action";
import { importArticleDocument } from "@/lib/services/articles/service";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { openCliDatabase } from "./database";
import { type CliIo, readError } from "./io";

/** The options that take a value, and the field of the import each one fills. */
const OPTIONS = {
  "--title": "title",
  "--author": "author",
  "--source-url": "sourceUrl",
  "--original-author": "originalAuthor",
  "--original-date": "originalPublishedAt",
} as const;
type OptionField = (typeof OPTIONS)[keyof typeof OPTIONS];

/** The printed result. */
/** What the command prints: a new article, or the next revision of the one with that source URL. */
export type ImportOutput =
  | { kind: "article"; id: string; slug: string; title: string; path: string }
  | {
      kind: "revision";
      articleId: string;
      slug: string;
      revision: number;
      unchanged: boolean;
      path: string;
    };

/** FILE and the options; throws a usage error for anything else. */
export function parseImportArgs(args: string[]): {
  file: string;
  options: Partial<Record<OptionField, string>>;
} {
  const options: Partial<Record<OptionField, string>> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      files.push(arg);
      continue;
    }
    const [name = "", inline] = arg.split(/=(.*)/s, 2);
    const field = OPTIONS[name as keyof typeof OPTIONS];
    if (!field) throw new CliError(`unknown option ${name}`, EXIT_USAGE);
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`${name} needs a value`, EXIT_USAGE);
    options[field] = value;
  }
  if (files.length !== 1) {
    throw new CliError(files.length === 0 ? "missing FILE" : "expects one FILE", EXIT_USAGE);
  }
  return { file: files[0] as string, options };
}

/**
 * The user the import is recorded under: the active user with `email`, or without one the
 * workspace's only active admin. Whether they may import is the action's own check.
 */
export async function findAuthor(handle: DbHandle, email: string | undefined): Promise<Actor> {
  const users = (await listUsers(handle.db)).filter((u) => u.disabledAt === null);
  if (users.length === 0) {
    throw new CliError(
      `the database (${handle.location}) has no users: create the first admin in the app, ` +
        "or point DATABASE_URL or CLAIMDESK_DATA_DIR at the app's database",
    );
  }
  const admins = users.filter((u) => u.role === "admin");
  const user = email ? users.find((u) => u.email === email.trim().toLowerCase()) : admins[0];
  if (!email && admins.length !== 1) {
    throw new CliError(
      `--author EMAIL is needed: the workspace has ${admins.length} active admins, so none is the default`,
      EXIT_USAGE,
    );
  }
  if (!user) throw new CliError(`no active user with the e-mail ${email}`);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function readImportFile(file: string, io: CliIo): Promise<File> {
  const fullPath = path.resolve(io.cwd, file);
  try {
    // Checked before reading, so a huge file is refused without loading it.
    const { size } = await fs.stat(fullPath);
    if (size > MAX_IMPORT_BYTES) throw new CliError(tooLargeMessage("The file", size));
    return new File([await fs.readFile(fullPath)], path.basename(fullPath));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw readError(file, err);
  }
}

export const importCommand: Command = {
  name: "import",
  help: [
    "Usage: claimdesk import FILE [--title TITLE] [--author EMAIL] [--source-url URL]",
    "                             [--original-author NAME] [--original-date DATE]",
    "",
    "Imports FILE (.txt, .md, .html or .docx, at most " +
      `${formatBytes(MAX_IMPORT_BYTES)}) as a new draft article and prints`,
    '  {"kind": "article", "id": "...", "slug": "...", "title": "...", "path": "/articles/..."}',
    "With --source-url of an existing article, the file becomes that article's next revision",
    '(claims re-anchored) and it prints {"kind": "revision", "slug": ..., "revision": N, ...};',
    '"unchanged": true when the text equals the current revision (nothing is written).',
    "The title defaults to the document's first heading (or its HTML <title>, or first line).",
    "--author is the Claimdesk user the import is recorded under (an editor or admin); without",
    "it, the workspace's only admin. The database is the app's: DATABASE_URL, else PGlite in",
    "CLAIMDESK_DATA_DIR (default ./data). PGlite allows one process at a time: stop the",
    "server first, or use PostgreSQL.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const { file, options } = parseImportArgs(args);
    const upload = await readImportFile(file, io);
    const handle = await openCliDatabase();
    try {
      const actor = await findAuthor(handle, options.author);
      const result = await executeAction(
        importArticleDocument,
        { db: handle.db, actor },
        {
          source: "file",
          file: upload,
          title: options.title ?? "",
          sourceUrl: options.sourceUrl,
          originalAuthor: options.originalAuthor,
          originalPublishedAt: options.originalPublishedAt,
        },
      );
      if (!result.ok) {
        const who = result.error.code === "forbidden" ? `${actor.email}: ` : "";
        throw new CliError(`${who}${result.error.message}`);
      }
      const data = result.data;
      const path = `/articles/${data.slug}`;
      const output: ImportOutput =
        data.kind === "article"
          ? { kind: "article", id: data.id, slug: data.slug, title: data.title, path }
          : {
              kind: "revision",
              articleId: data.articleId,
              slug: data.slug,
              revision: data.number,
              unchanged: data.unchanged,
              path,
            };
      io.stdout(`${JSON.stringify(output)}\n`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};

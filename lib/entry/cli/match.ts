/**
 * `claimdesk match --library LIB.json --text FILE`: the app's own library matcher over a text
 * file. The entries of LIB.json are loaded into an in-memory database (PGlite, migrated as the
 * app's, so retrieval uses the same full-text and trigram indexes) and every sentence of FILE
 * is matched as a revision's would be (lib/services/library/matching.ts). Prints a JSON array,
 * one object per matched span: `{start, end, text, libraryId, score, relation}`, offsets in
 * UTF-16 units into FILE's text (as `detect`).
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { findLibraryCandidatesForTexts, insertLibraryEntriesBulk } from "@/db/queries/library";
import { users } from "@/db/schema";
import { matchAgainstLibrary, matchSpans, retrievalText } from "@/lib/core/library/match";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { formatJsonLines } from "./detect";
import { readTextInput } from "./io";

/** LIB.json: entries with an id of the caller's and a wording; other keys are ignored. */
const librarySchema = z
  .array(
    z.looseObject({
      id: z.union([z.string().min(1).max(500), z.number()]).transform(String),
      text: z.string().trim().min(1).max(5_000),
      variants: z.array(z.string().trim().min(1).max(5_000)).max(100).optional(),
    }),
  )
  .max(200_000);

export interface MatchOutputItem {
  start: number;
  end: number;
  text: string;
  libraryId: string;
  score: number;
  relation: "same" | "opposite";
}

function parseLibrary(json: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new CliError(`LIB.json is not JSON: ${err instanceof Error ? err.message : err}`);
  }
  const parsed = librarySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `LIB.json must be an array of {"id": "...", "text": "..."}: at ${issue?.path.join(".") || "the top"}: ${issue?.message}`,
    );
  }
  const ids = new Set<string>();
  for (const e of parsed.data) {
    if (ids.has(e.id)) throw new CliError(`LIB.json has the id "${e.id}" twice`);
    ids.add(e.id);
  }
  return parsed.data;
}

/** Matches `text` against `library` in a fresh in-memory database. */
export async function matchOutput(
  library: readonly { id: string; text: string; variants?: string[] }[],
  text: string,
): Promise<MatchOutputItem[]> {
  const handle = await openDatabase({ engine: "pglite", memory: true });
  try {
    await handle.migrate();
    const db = handle.db;
    const [user] = await db
      .insert(users)
      .values({ email: "cli@localhost", name: "claimdesk match", passwordHash: "-" })
      .returning({ id: users.id });
    if (!user) throw new Error("no user row");
    const entries = await insertLibraryEntriesBulk(
      db,
      library.map((e) => ({ canonicalText: e.text, createdById: user.id })),
    );
    // Entries come back in number order, which is the file's order.
    const idOf = new Map(entries.map((e, i) => [e.id, library[i]?.id ?? ""]));
    const variants = entries.flatMap((e, i) =>
      (library[i]?.variants ?? []).map((v) => ({ entryId: e.id, text: v })),
    );
    for (const v of variants) {
      await db.execute(sql`
        INSERT INTO library_phrasings (entry_id, text, search)
        VALUES (${v.entryId}, ${v.text}, to_tsvector('english', claimdesk_search_text(${v.text})))
        ON CONFLICT DO NOTHING`);
    }
    await db.execute(sql`ANALYZE library_phrasings`);
    const spans = matchSpans(text);
    const candidates = await findLibraryCandidatesForTexts(
      db,
      spans.map((s) => retrievalText(s.text)),
      { limit: 8 },
    );
    return matchAgainstLibrary(spans, candidates).map((m) => ({
      start: m.start,
      end: m.end,
      text: m.text,
      libraryId: idOf.get(m.entryId) ?? "",
      score: Math.round(m.score * 1000) / 1000,
      relation: m.relation,
    }));
  } finally {
    await handle.close();
  }
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || (value.startsWith("-") && value !== "-")) {
    throw new CliError(`${name} needs a file`, EXIT_USAGE);
  }
  return value;
}

export const matchCommand: Command = {
  name: "match",
  help: [
    "Usage: claimdesk match --library LIB.json --text FILE",
    "",
    'LIB.json is an array of entries: [{"id": "...", "text": "...", "variants"?: ["..."]}].',
    "They are loaded into an in-memory database and every sentence of FILE (UTF-8; - reads",
    "standard input) is matched with the app's own matcher. Prints a JSON array, one object",
    "per matched span:",
    '  [{"start": 0, "end": 42, "text": "...", "libraryId": "...", "score": 0.9, "relation": "same"}]',
    'relation is "same" (the sentence makes the entry\'s claim, in any wording) or "opposite"',
    "(it states the opposite). start/end are UTF-16 offsets into FILE, as for detect.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const known = new Set(["--library", "--text"]);
    const unknown = args.find(
      (a, i) => a.startsWith("--") && !known.has(a) && !known.has(args[i - 1] ?? ""),
    );
    if (unknown) throw new CliError(`unknown option ${unknown}`, EXIT_USAGE);
    const libraryFile = optionValue(args, "--library");
    const textFile = optionValue(args, "--text");
    if (!libraryFile) throw new CliError("missing --library LIB.json", EXIT_USAGE);
    if (!textFile) throw new CliError("missing --text FILE", EXIT_USAGE);
    if (libraryFile === "-" && textFile === "-") {
      throw new CliError("only one of LIB.json and FILE can be standard input", EXIT_USAGE);
    }
    const library = parseLibrary(await readTextInput(libraryFile, io));
    const text = await readTextInput(textFile, io);
    io.stdout(formatJsonLines(await matchOutput(library, text)));
    return 0;
  },
};

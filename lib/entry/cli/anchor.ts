/**
 * `claimdesk anchor`: re-anchors claims onto a new version of a text, as a revision does, and
 * prints where each one now is. The claims come either as ranges of the old text (described
 * here with `describeRange`, as the app stores them) or as W3C-like quote selectors, e.g. from
 * another annotation tool. Offsets are JavaScript string (UTF-16) units, after a leading byte
 * order mark is dropped (see `readTextInput`).
 */
import { z } from "zod";
import { type AnchorSelector, anchorMany } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { formatJsonLines } from "./detect";
import { type CliIo, readTextInput } from "./io";

const idSchema = z.union([z.string().min(1), z.number()]);
const offsetSchema = z.number().int().nonnegative();

const claimsSchema = z.array(
  z
    .object({ id: idSchema, start: offsetSchema, end: offsetSchema })
    .refine((c) => c.end > c.start, { message: "end must be greater than start", path: ["end"] }),
);

const selectorsSchema = z.array(
  z.object({
    id: idSchema,
    exact: z.string().min(1),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    start: offsetSchema.nullable().optional(),
    end: offsetSchema.nullable().optional(),
  }),
);

/** One printed anchor: the keys in this order. */
export interface AnchorOutputItem {
  id: string | number;
  state: string;
  start: number | null;
  end: number | null;
  score: number;
}

const OPTIONS = ["--old", "--new", "--claims", "--selectors"] as const;
type Option = (typeof OPTIONS)[number];

/** `--name value` and `--name=value`; each option once, no positional arguments. */
function parseArgs(args: string[]): Partial<Record<Option, string>> {
  const values: Partial<Record<Option, string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const [name = "", inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg];
    if (!arg.startsWith("-") || arg === "-")
      throw new CliError(`unexpected argument ${arg}`, EXIT_USAGE);
    const option = OPTIONS.find((o) => o === name);
    if (!option) throw new CliError(`unknown option ${name}`, EXIT_USAGE);
    const value = inline ?? args[++i];
    if (value === undefined || value === "")
      throw new CliError(`${option} needs a file`, EXIT_USAGE);
    if (values[option] !== undefined) throw new CliError(`${option} given twice`, EXIT_USAGE);
    values[option] = value;
  }
  return values;
}

/** How many invalid items are reported before the rest are only counted. */
const MAX_REPORTED = 20;

/**
 * Reports every problem of an input file, one line each (all but the last directly on
 * stderr, the last as the CliError that ends the command), so a file is fixed in one go.
 */
function fail(io: CliIo, file: string, problems: string[]): never {
  const lines = problems.slice(0, MAX_REPORTED).map((p) => `${file}: ${p}`);
  if (problems.length > MAX_REPORTED) {
    lines.push(`${file}: … and ${problems.length - MAX_REPORTED} more problems`);
  }
  for (const line of lines.slice(0, -1)) io.stderr(`claimdesk anchor: ${line}\n`);
  throw new CliError(lines.at(-1) ?? `${file}: invalid`);
}

/** `[2].end`-style path of a zod issue. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("") || "(top)";
}

async function readJson<T>(io: CliIo, file: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readTextInput(file, io);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(io, file, [`not valid JSON (${err instanceof Error ? err.message : String(err)})`]);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    fail(
      io,
      file,
      parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}

function checkIds(io: CliIo, file: string, items: { id: string | number }[]) {
  const seen = new Set<string | number>();
  const problems: string[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.push(`[${i}].id: ${JSON.stringify(item.id)} is used twice`);
    seen.add(item.id);
  });
  if (problems.length > 0) fail(io, file, problems);
}

export const anchorCommand: Command = {
  name: "anchor",
  help: [
    "Usage: claimdesk anchor --old OLD.txt --new NEW.txt --claims CLAIMS.json",
    "       claimdesk anchor --new NEW.txt --selectors SELECTORS.json",
    "",
    "Finds each claim in NEW.txt and prints a JSON array, in the order of the input:",
    '  [{"id": "c1", "state": "exact", "start": 120, "end": 162, "score": 1}]',
    "state: exact (same text, context intact), moved (same words, other surroundings or place),",
    "changed (found approximately: the wording changed, re-check the verdict), orphaned (not",
    "found; start and end are null, score 0). score: 1 for exact, lower the less sure.",
    "",
    'CLAIMS.json: [{"id": "c1", "start": 120, "end": 162}], ranges of OLD.txt.',
    'SELECTORS.json: [{"id": "c1", "exact": "...", "prefix": "...", "suffix": "...",',
    '  "start": 120, "end": 162}]; prefix, suffix, start and end are optional, and the',
    "  positions only a hint.",
    "Texts are read as UTF-8 (- reads standard input, for one of the files); offsets are in",
    "JavaScript string (UTF-16) units, after a leading byte order mark is dropped.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const options = parseArgs(args);
    const newFile = options["--new"];
    if (!newFile) throw new CliError("missing --new NEW.txt", EXIT_USAGE);
    if (options["--selectors"] && (options["--claims"] || options["--old"])) {
      throw new CliError("give either --selectors, or --old with --claims, not both", EXIT_USAGE);
    }
    if (!options["--selectors"] && !(options["--claims"] && options["--old"])) {
      throw new CliError(
        options["--claims"] || options["--old"]
          ? "--old and --claims go together"
          : "missing --claims (with --old) or --selectors",
        EXIT_USAGE,
      );
    }
    const files = Object.values(options);
    if (files.filter((f) => f === "-").length > 1) {
      throw new CliError("only one file can be standard input (-)", EXIT_USAGE);
    }

    const newText = await readTextInput(newFile, io);
    let ids: (string | number)[];
    let selectors: AnchorSelector[];
    // With --old the claims' offsets refer to it: as in a revision save, a claim whose paragraph
    // moved is then `moved`, not `exact`. Quote selectors from elsewhere come without it.
    let previousText: string | undefined;
    const selectorsFile = options["--selectors"];
    if (selectorsFile) {
      const items = await readJson(io, selectorsFile, selectorsSchema);
      checkIds(io, selectorsFile, items);
      ids = items.map((s) => s.id);
      selectors = items.map(({ id: _id, ...selector }) => selector);
    } else {
      const oldFile = options["--old"] ?? "";
      const claimsFile = options["--claims"] ?? "";
      const oldText = await readTextInput(oldFile, io);
      previousText = oldText;
      const claims = await readJson(io, claimsFile, claimsSchema);
      checkIds(io, claimsFile, claims);
      const outside = claims.flatMap((c, i) =>
        c.end > oldText.length
          ? [`[${i}]: range ${c.start}–${c.end} is outside ${oldFile} (${oldText.length} long)`]
          : [],
      );
      if (outside.length > 0) fail(io, claimsFile, outside);
      ids = claims.map((c) => c.id);
      selectors = claims.map((c) => {
        const { quote, position } = describeRange(oldText, c.start, c.end);
        const { exact, prefix, suffix } = quote;
        return { exact, prefix, suffix, start: position.start, end: position.end };
      });
    }

    const results = anchorMany(
      newText,
      selectors,
      previousText === undefined ? {} : { previousText },
    );
    const output: AnchorOutputItem[] = results.map((r, i) => ({
      id: ids[i] ?? i,
      state: r.state,
      start: r.start,
      end: r.end,
      score: r.score,
    }));
    io.stdout(formatJsonLines(output));
    return 0;
  },
};

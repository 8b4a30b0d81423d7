/**
 * `claimdesk detect FILE`: prints the suggested claims of a text file as a JSON array of
 * `{start, end, text, reasons, labels, label, phrase}` (`labels`: each reason in plain words, in
 * the order of `reasons`; `label`: the same in one line, for reading), offsets in JavaScript string (UTF-16) units into the
 * file's text (after a leading byte order mark, if any, is dropped; see `readTextInput`).
 */
import { detectClaims } from "@/lib/core/detect/detect";
import { reasonLabel } from "@/lib/core/detect/reasons";
import { CliError, EXIT_USAGE } from "./cli-error";
import type { Command } from "./command";
import { readTextInput } from "./io";

/** One printed suggestion: the keys in this order, `phrase` last and only when there is one. */
export interface DetectOutputItem {
  start: number;
  end: number;
  text: string;
  reasons: string[];
  /** What each reason means, for people: `labels[i]` says `reasons[i]` in plain words. */
  labels: string[];
  /** The labels in one line ("says a treatment is free of harm; gives a number"). */
  label: string;
  phrase?: { start: number; end: number; text: string };
}

/** The printed form of the suggestions for `text`. */
export function detectOutput(text: string): DetectOutputItem[] {
  return detectClaims(text).map((s) => {
    const item: DetectOutputItem = {
      start: s.start,
      end: s.end,
      text: s.text,
      reasons: s.reasons,
      labels: s.reasons.map(reasonLabel),
      label: s.reasons.map(reasonLabel).join("; "),
    };
    if (s.phrase) item.phrase = { start: s.phrase.start, end: s.phrase.end, text: s.phrase.text };
    return item;
  });
}

/** A JSON array with one item per line: valid JSON that still reads (and diffs) line by line. */
export function formatJsonLines(items: readonly unknown[]): string {
  if (items.length === 0) return "[]\n";
  return `[\n${items.map((i) => `  ${JSON.stringify(i)}`).join(",\n")}\n]\n`;
}

export const detectCommand: Command = {
  name: "detect",
  help: [
    "Usage: claimdesk detect FILE",
    "",
    "Reads FILE as UTF-8 text (- reads standard input) and prints a JSON array of the",
    "sentences worth fact-checking:",
    '  [{"start": 0, "end": 42, "text": "...", "reasons": ["harm-denial"],',
    '    "labels": ["says a treatment is free of harm"], "phrase": {...}}]',
    "start/end are offsets in JavaScript string (UTF-16) units into the text, after a leading",
    "byte order mark is dropped. Reasons: harm-denial, cure-claim, absolute, comparative,",
    "causal, statistic, claim-wording (worded as a claim, no trigger word); labels says",
    "each in plain words.",
  ].join("\n"),
  async run(args, io) {
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(`${this.help}\n`);
      return 0;
    }
    const options = args.filter((a) => a.startsWith("-") && a !== "-");
    if (options.length > 0) throw new CliError(`unknown option ${options[0]}`, EXIT_USAGE);
    if (args.length !== 1) {
      throw new CliError(
        args.length === 0 ? "missing FILE (use - for standard input)" : "expects one FILE",
        EXIT_USAGE,
      );
    }
    const text = await readTextInput(args[0] ?? "-", io);
    io.stdout(formatJsonLines(detectOutput(text)));
    return 0;
  },
};

/**
 * The word-level difference between two revisions' plain texts, cut into pieces that each
 * belong to at most one claim, so a page can mark insertions and deletions and draw claim
 * highlights in one pass. Text kept or inserted is in the newer revision, so it carries the
 * newer revision's claims; deleted text carries the older revision's. Pure.
 */
import { diffWordsWithSpace } from "diff";

export type DiffKind = "equal" | "insert" | "delete";

export interface DiffClaim {
  id: string;
  /** Plain-text range in its revision; claims without one (orphaned) draw nothing. */
  start: number | null;
  end: number | null;
}

export interface DiffPiece {
  kind: DiffKind;
  text: string;
  /** The innermost claim covering the piece, if any. */
  claimId: string | null;
  /** True on the piece where that claim begins (for a marker naming it). */
  claimStart: boolean;
}

export interface RevisionDiff {
  pieces: DiffPiece[];
  insertedWords: number;
  deletedWords: number;
  /** True when the word diff gave up (texts too different or too long) and shows a replacement. */
  approximate: boolean;
}

/** Past this, a word diff of two very different long texts is not worth the wait. */
const DIFF_TIMEOUT_MS = 2_000;

/** Cuts of a text by claims: sorted boundaries and, per interval, the shortest covering claim. */
function claimCuts(claims: readonly DiffClaim[]) {
  const ranged = claims.flatMap((c) =>
    c.start !== null && c.end !== null && c.end > c.start
      ? [{ id: c.id, start: c.start, end: c.end }]
      : [],
  );
  const cuts = [...new Set(ranged.flatMap((c) => [c.start, c.end]))].sort((a, b) => a - b);
  const owners: (string | null)[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    let best: { id: string; length: number } | null = null;
    for (const c of ranged) {
      if (c.start <= from && c.end >= to && (!best || c.end - c.start < best.length)) {
        best = { id: c.id, length: c.end - c.start };
      }
    }
    owners.push(best?.id ?? null);
  }
  const starts = new Map(ranged.map((c) => [c.id, c.start]));
  /** The claim owning offset `at` (in [cuts[i], cuts[i+1])), and where that interval ends. */
  const at = (offset: number): { claimId: string | null; until: number } => {
    let lo = 0;
    let hi = cuts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((cuts[mid] as number) <= offset) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return { claimId: null, until: cuts[0] ?? Number.POSITIVE_INFINITY };
    if (i >= owners.length) return { claimId: null, until: Number.POSITIVE_INFINITY };
    return { claimId: owners[i] ?? null, until: cuts[i + 1] as number };
  };
  return { at, starts };
}

const words = (text: string) => text.match(/\S+/g)?.length ?? 0;

/** The pieces of the difference from `oldText` to `newText`, in reading order. */
export function buildRevisionDiff(
  oldText: string,
  newText: string,
  claims: { old: readonly DiffClaim[]; new: readonly DiffClaim[] } = { old: [], new: [] },
): RevisionDiff {
  const changes = diffWordsWithSpace(oldText, newText, { timeout: DIFF_TIMEOUT_MS });
  const approximate = changes === undefined;
  const parts =
    changes ??
    [
      { value: oldText, removed: true, added: false },
      { value: newText, removed: false, added: true },
    ].filter((p) => p.value.length > 0);

  const sides = { old: claimCuts(claims.old), new: claimCuts(claims.new) };
  const pieces: DiffPiece[] = [];
  const seen = new Set<string>();
  const push = (kind: DiffKind, text: string, claimId: string | null, offset: number) => {
    const side = kind === "delete" ? sides.old : sides.new;
    const claimStart =
      claimId !== null && !seen.has(claimId) && side.starts.get(claimId) === offset;
    if (claimStart && claimId) seen.add(claimId);
    const last = pieces[pieces.length - 1];
    if (last && !claimStart && last.kind === kind && last.claimId === claimId) {
      last.text += text;
    } else {
      pieces.push({ kind, text, claimId, claimStart });
    }
  };
  /** Emits `text`, found at `offset` of one side's text, cut where that side's claims begin or end. */
  const emit = (kind: DiffKind, text: string, offset: number) => {
    const side = kind === "delete" ? sides.old : sides.new;
    let i = 0;
    while (i < text.length) {
      const { claimId, until } = side.at(offset + i);
      const length = Math.min(text.length - i, until - (offset + i));
      push(kind, text.slice(i, i + length), claimId, offset + i);
      i += length;
    }
  };

  let oldAt = 0;
  let newAt = 0;
  let insertedWords = 0;
  let deletedWords = 0;
  for (const part of parts) {
    if (part.removed) {
      emit("delete", part.value, oldAt);
      oldAt += part.value.length;
      deletedWords += words(part.value);
    } else if (part.added) {
      emit("insert", part.value, newAt);
      newAt += part.value.length;
      insertedWords += words(part.value);
    } else {
      emit("equal", part.value, newAt);
      oldAt += part.value.length;
      newAt += part.value.length;
    }
  }
  return { pieces, insertedWords, deletedWords, approximate };
}

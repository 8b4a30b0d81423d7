/**
 * The word-level difference between two revisions' plain texts, cut into pieces that each
 * belong to at most one claim, so a page can mark insertions and deletions and draw claim
 * highlights in one pass. Text kept or inserted is in the newer revision, so it carries the
 * newer revision's claims; deleted text carries the older revision's. Claim boundaries are cut
 * by `claimBoundaries`, the rule the editor draws by. Pure.
 */
import { diffWordsWithSpace } from "diff";
import { claimBoundaries } from "@/lib/core/claims/segments";

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
  /** The innermost claim covering the piece (as `claimBoundaries` orders them), if any. */
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

/** One side's claim boundaries, and where each claim begins (for its marker). */
function sideCuts(claims: readonly DiffClaim[]) {
  const ranged = claims.flatMap((c) =>
    c.start !== null && c.end !== null ? [{ id: c.id, from: c.start, to: c.end }] : [],
  );
  return {
    cut: claimBoundaries(ranged).cut,
    starts: new Map(ranged.map((c) => [c.id, c.from])),
  };
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

  const sides = { old: sideCuts(claims.old), new: sideCuts(claims.new) };
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
    for (const piece of side.cut(offset, offset + text.length)) {
      const slice = text.slice(piece.from - offset, piece.to - offset);
      push(kind, slice, piece.covering[0]?.id ?? null, piece.from);
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

/**
 * Importing W3C Web Annotations (or a Hypothesis export) as claims on an article's current
 * revision. Quotes are found with the shared anchoring engine, like claims after an edit:
 * a verbatim quote becomes an `exact` claim wherever it is (the annotation's positions were
 * measured on another copy of the text, so "moved" would say nothing), a fuzzy match a
 * `changed` claim with a note in its rationale, and a quote that is not found is listed as
 * skipped. Every input annotation is in the result. One transaction, the article row locked
 * (claim numbers), an audit event per claim and one for the import.
 */
import "server-only";
import { lockArticle } from "@/db/queries/articles";
import { insertAuditEvent } from "@/db/queries/audit";
import { listClaimsInRevision } from "@/db/queries/claims";
import { findRevisionById } from "@/db/queries/revisions";
import { anchorMany } from "@/lib/core/anchoring/anchor";
import { describeRange } from "@/lib/core/anchoring/describe";
import { type NormalizedAnnotation, parseAnnotationsJson } from "@/lib/core/annotations/parse";
import { AppError, notFound } from "@/lib/core/errors";
import { importAnnotationsSchema } from "@/lib/core/validation/annotations";
import { defineAction } from "@/lib/server/action";
import { insertNewClaim } from "@/lib/services/claims/service";

export type SkipReason = "no_quote" | "malformed" | "orphaned" | "duplicate";

/** What became of one input annotation, at its 0-based position in the file. */
export type ImportOutcome = {
  index: number;
  annotationId: string | null;
  /** The annotation's quote, when it has one. */
  quote: string | null;
} & (
  | {
      kind: "created";
      claimId: string;
      claimNumber: number;
      anchor: "exact" | "changed";
      score: number;
    }
  | { kind: "skipped"; reason: SkipReason; message: string }
);

export interface ImportResult {
  revisionNumber: number;
  created: number;
  /** Of the created claims, those found by approximate match. */
  changed: number;
  skipped: Record<SkipReason, number>;
  outcomes: ImportOutcome[];
  /** About the file as a whole (e.g. a linked page that was not in it). */
  notices: string[];
}

export const importAnnotations = defineAction({
  name: "annotations.import",
  input: importAnnotationsSchema,
  permission: "claim:create",
  run: async ({ tx, actor }, input): Promise<ImportResult> => {
    // Parsed before anything is read or locked: a bad file writes nothing.
    const parsed = parseAnnotationsJson(input.json);
    if (!parsed.ok) {
      throw new AppError("validation", parsed.message, { fieldErrors: { json: [parsed.message] } });
    }
    const article = await lockArticle(tx, input.articleId);
    if (!article?.currentRevisionId) throw notFound("The article");
    if (article.state === "retracted")
      throw new AppError("rule", "A retracted article takes no new claims.");
    const revision = await findRevisionById(tx, article.currentRevisionId);
    if (!revision) throw notFound("The article's revision");
    const text = revision.plainText;

    // Ranges already claimed in this revision, and those claimed by this import as it goes.
    const taken = new Map<string, number>();
    for (const c of await listClaimsInRevision(tx, revision.id)) {
      if (c.anchor.start !== null) taken.set(`${c.anchor.start}:${c.anchor.end}`, c.number);
    }

    const anchorable = parsed.items.flatMap((item) =>
      "annotation" in item ? [item.annotation] : [],
    );
    const anchors = anchorMany(
      text,
      anchorable.map((a) => ({
        exact: a.exact,
        prefix: a.prefix,
        suffix: a.suffix,
        start: a.start ?? null,
        end: a.end ?? null,
      })),
    );

    const result: ImportResult = {
      revisionNumber: revision.number,
      created: 0,
      changed: 0,
      skipped: { no_quote: 0, malformed: 0, orphaned: 0, duplicate: 0 },
      outcomes: [],
      notices: parsed.notices,
    };
    const skip = (base: OutcomeBase, reason: SkipReason, message: string) => {
      result.skipped[reason]++;
      result.outcomes.push({ ...base, kind: "skipped", reason, message });
    };

    let next = 0;
    for (const item of parsed.items) {
      const base: OutcomeBase = { index: item.index, annotationId: item.id ?? null, quote: null };
      if ("problem" in item) {
        skip(base, item.problem.reason, item.problem.message);
        continue;
      }
      const a = item.annotation;
      const anchor = anchors[next++];
      base.quote = a.exact;
      if (!anchor || anchor.state === "orphaned" || anchor.start === null || anchor.end === null) {
        skip(base, "orphaned", `The quote was not found in revision ${revision.number}.`);
        continue;
      }
      const key = `${anchor.start}:${anchor.end}`;
      const existing = taken.get(key);
      if (existing !== undefined) {
        skip(base, "duplicate", `Claim ${existing} already covers this text.`);
        continue;
      }
      const changed = anchor.state === "changed";
      const { quote } = describeRange(text, anchor.start, anchor.end);
      // Our own export brings its review back (status, verdict, rationale, correction).
      const review = a.review;
      const state = changed ? "changed" : "exact";
      const score = changed ? anchor.score : 1;
      const claim = await insertNewClaim(tx, {
        actorId: actor.id,
        articleId: article.id,
        revision,
        anchor: {
          exact: quote.exact,
          prefix: quote.prefix,
          suffix: quote.suffix,
          start: anchor.start,
          end: anchor.end,
          state,
          score,
        },
        fields: {
          rationale: review
            ? reviewRationale(review.rationale, a, changed)
            : rationaleOf(a, changed),
          ...(review
            ? {
                status: review.status,
                verdict: review.verdict,
                suggestedCorrection: review.suggestedCorrection,
              }
            : {}),
        },
        audit: {
          after: {
            state,
            score,
            // The review read back from our own export, given by this import.
            ...(review ? { status: review.status, verdict: review.verdict } : {}),
            // Who wrote the annotation and when: kept here only; the claim is the importer's.
            annotation: {
              id: a.id ?? null,
              creator: a.creator ?? null,
              created: a.created ?? null,
              quote: a.exact,
            },
          },
          note: review
            ? "Imported from a Claimdesk Web Annotation export, with its review"
            : "Imported from a Web Annotation",
        },
      });
      taken.set(key, claim.number);
      result.created++;
      if (changed) result.changed++;
      result.outcomes.push({
        ...base,
        kind: "created",
        claimId: claim.id,
        claimNumber: claim.number,
        anchor: state,
        score,
      });
    }

    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "annotations.import",
      entityType: "article",
      entityId: article.id,
      articleId: article.id,
      after: {
        revision: revision.number,
        total: parsed.items.length,
        created: result.created,
        changed: result.changed,
        skipped: result.skipped,
        claimNumbers: result.outcomes.flatMap((o) => (o.kind === "created" ? [o.claimNumber] : [])),
      },
    });
    return result;
  },
});

type OutcomeBase = { index: number; annotationId: string | null; quote: string | null };

/**
 * The claim's rationale: the annotation's text and tags, and for a fuzzy match a note with the
 * quote as the annotation had it, so the reviewer checks the claim against the current words.
 */
function rationaleOf(a: NormalizedAnnotation, changed: boolean): string {
  const parts: string[] = [];
  if (a.bodyText) parts.push(a.bodyText);
  if (a.tags) parts.push(`Tags: ${a.tags.join(", ")}`);
  if (changed) {
    parts.push(
      `Note: imported from an annotation that quoted “${a.exact.replace(/\s+/g, " ")}”, which differs from the article's wording here. Check the claim against the current text.`,
    );
  }
  return parts.join("\n\n");
}

/** An imported review's rationale, with the same note as `rationaleOf` for a fuzzy match. */
function reviewRationale(rationale: string, a: NormalizedAnnotation, changed: boolean): string {
  if (!changed) return rationale;
  const { bodyText: _text, tags: _tags, ...quoteOnly } = a;
  return [rationale, rationaleOf(quoteOnly, true)].filter(Boolean).join("\n\n");
}

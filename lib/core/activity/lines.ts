/**
 * The Activity page's lines: an audit event that concerns the reader, told as a sentence
 * ("Ada Admin assigned claim 3 of “Stem cell…” to you") with a link to what it is about, and
 * grouped by day around the "new since your last visit" divider. Pure; the events come from
 * `listActivityForUser`, which already chose the ones that concern the reader.
 */

import { claimHistory, type HistoryChange } from "@/lib/core/audit/claim-history";
import type { AuditAction, StoredAuditEvent } from "@/lib/core/audit/events";
import { actionInWords } from "@/lib/core/audit/words";

export type ActivityEvent = {
  id: number;
  at: Date;
  note: string | null;
  actorName: string | null;
  articleSlug: string;
  articleTitle: string;
  claimId: string | null;
  claimNumber: number | null;
} & StoredAuditEvent;

export interface ActivityLine {
  id: number;
  at: Date;
  actor: string;
  /** Words between the actor and the link: "assigned". */
  verb: string;
  /** What the event is about, linked: "claim 3 of “Stem cell…”". */
  target: { label: string; href: string };
  /** Words after the link: " to you". */
  tail: string;
  /** Field changes, as the claim history shows them. */
  changes: HistoryChange[];
  /** A comment, a revision summary or a decision's note, shortened. */
  excerpt: string | null;
}

const TITLE_MAX = 48;
const EXCERPT_MAX = 200;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? shorten(value, EXCERPT_MAX) : null;
}

const TRANSITION_VERBS: Record<string, { verb: string; tail: string }> = {
  submit: { verb: "submitted", tail: " for review" },
  request_changes: { verb: "requested changes on", tail: "" },
  approve: { verb: "approved", tail: "" },
  publish: { verb: "published", tail: "" },
  retract: { verb: "retracted", tail: "" },
};

/** One event as a line. */
export function activityLine(event: ActivityEvent): ActivityLine {
  const title = `“${shorten(event.articleTitle, TITLE_MAX)}”`;
  const articleHref = `/articles/${encodeURIComponent(event.articleSlug)}`;
  const articleTarget = { label: title, href: articleHref };
  const claimTarget =
    event.claimId !== null && event.claimNumber !== null
      ? {
          label: `claim ${event.claimNumber} of ${title}`,
          href: `${articleHref}?claim=${encodeURIComponent(event.claimId)}`,
        }
      : { label: `a claim of ${title}`, href: articleHref };
  const line = (
    verb: string,
    target: ActivityLine["target"],
    more: Partial<Pick<ActivityLine, "tail" | "changes" | "excerpt">> = {},
  ): ActivityLine => ({
    id: event.id,
    at: event.at,
    actor: event.actorName ?? "Someone",
    verb,
    target,
    tail: more.tail ?? "",
    changes: more.changes ?? [],
    excerpt: more.excerpt ?? null,
  });
  // The claim history already words every field change; reuse it rather than re-label fields.
  const changes = () => claimHistory([event])[0]?.changes ?? [];
  const revisionOf = (value: unknown) => (typeof value === "number" ? value : null);

  switch (event.action) {
    case "claim.assign":
      return line("assigned", claimTarget, { tail: " to you" });
    case "claim.update":
      return line("updated", claimTarget, { changes: changes() });
    case "claim.set_editor_note":
      return line("set the editor’s note on", claimTarget, {
        excerpt: text(event.after?.editorNote),
      });
    case "claim.reanchor": {
      const revision = revisionOf(event.after?.revision);
      return line("re-anchored", claimTarget, {
        tail: revision ? ` in revision ${revision}` : "",
        changes: changes(),
      });
    }
    case "claim.reattach":
      return line("re-attached", claimTarget, { changes: changes() });
    case "comment.add":
      return line("commented on", claimTarget, { excerpt: text(event.after?.body) });
    case "claim.delete":
      // Gone from the article: named by its number, linked to the article.
      return line("deleted", {
        label: event.claimNumber ? `claim ${event.claimNumber} of ${title}` : `a claim of ${title}`,
        href: articleHref,
      });
    case "claim.restore":
      return line("restored", claimTarget);
    case "revision.create": {
      const revision = revisionOf(event.after?.revision);
      return line(
        revision ? `saved revision ${revision} of` : "saved a revision of",
        articleTarget,
        {
          excerpt: text(event.after?.summary),
        },
      );
    }
    case "revision.import": {
      const revision = revisionOf(event.after?.revision);
      return line("re-imported", articleTarget, {
        tail: revision ? ` as revision ${revision}` : "",
        excerpt: text(event.after?.summary),
      });
    }
  }
  const transition = TRANSITION_VERBS[event.action.replace(/^article\.transition\./, "")];
  if (event.action.startsWith("article.transition.") && transition) {
    return line(transition.verb, articleTarget, {
      tail: transition.tail,
      excerpt: text(event.note),
    });
  }
  const verb = OTHER_VERBS[event.action];
  if (verb) return line(verb, event.claimId ? claimTarget : articleTarget);
  // An action without its own wording yet: its words from the audit vocabulary, never its code.
  return line(
    `${actionInWords(event.action).replace(/^./, (c) => c.toLowerCase())}:`,
    event.claimId ? claimTarget : articleTarget,
  );
}

/** Verbs for the other actions that can concern a reader, before the link to what they touch. */
const OTHER_VERBS: { readonly [A in AuditAction]?: string } = {
  "claim.create": "created",
  "evidence.add": "added evidence to",
  "evidence.update": "edited evidence on",
  "evidence.delete": "deleted evidence from",
  "comment.edit": "edited a comment on",
  "comment.delete": "deleted a comment on",
  "article.import": "imported",
  "annotations.import": "imported annotations into",
  "suggestion.dismiss": "dismissed a suggestion in",
  "claim.library_recheck": "sent back to re-check (its library entry changed)",
};

export interface ActivitySection {
  /** The day, as `timeZone` sees it: "2026-11-25". */
  day: string;
  /** "Wednesday 25 November 2026". */
  label: string;
  /** The day's heading is shown where the day changes (not again after the divider). */
  showHeading: boolean;
  /** The "new since your last visit" divider goes right before this section. */
  dividerBefore: boolean;
  isNew: boolean;
  lines: ActivityLine[];
}

/**
 * Cuts lines (newest first) into sections of one day and one side of the last visit: a new
 * section starts when the day changes or at the first line the reader had already seen.
 * Before any visit (`lastVisit` null) everything is new and there is no divider.
 */
export function activitySections(
  lines: readonly ActivityLine[],
  lastVisit: Date | null,
  timeZone?: string,
): ActivitySection[] {
  const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" });
  const dayLabel = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "full" });
  const sections: ActivitySection[] = [];
  for (const line of lines) {
    const day = dayKey.format(line.at);
    const isNew = lastVisit === null || line.at > lastVisit;
    const last = sections.at(-1);
    if (last && last.day === day && last.isNew === isNew) {
      last.lines.push(line);
      continue;
    }
    sections.push({
      day,
      label: dayLabel.format(line.at),
      showHeading: last?.day !== day,
      dividerBefore: !isNew && (last?.isNew ?? false),
      isNew,
      lines: [line],
    });
  }
  return sections;
}

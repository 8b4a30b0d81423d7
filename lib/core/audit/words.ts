/**
 * The audit log told for people: each action in words ("Assigned a claim") and each entity by
 * its label ("Claim 3 in “Stem cells…”"), for the admin's audit page and the Activity page. The
 * raw codes stay in the database and in the CSV download (auditors filter on them). Pure.
 */
import type { AuditAction } from "@/lib/core/audit/events";

/** Every action the code writes, in words: the compiler refuses an action without them. */
export const ACTION_WORDS: { readonly [A in AuditAction]: string } = {
  "user.setup": "Set up the workspace",
  "user.create": "Added a user",
  "user.change_role": "Changed a role",
  "user.disable": "Disabled an account",
  "user.enable": "Enabled an account",
  "user.signout": "Signed out",
  "user.reset_password": "Reset a password",
  "user.unlock": "Unlocked an account",
  "user.update_profile": "Edited a name or credentials",
  "account.change_password": "Changed their password",
  "account.update_profile": "Edited their name or credentials",
  "settings.update": "Changed the workspace settings",
  "demo.seed_user": "Created a demo account",
  "notification.unsubscribe": "Turned e-mail off from an unsubscribe link",
  "article.import": "Imported an article",
  "article.transition.submit": "Submitted for review",
  "article.transition.request_changes": "Requested changes",
  "article.transition.approve": "Approved a revision",
  "article.transition.publish": "Published",
  "article.transition.retract": "Retracted",
  "article.review_dates": "Set the medical review dates",
  "article.review_due": "Found a medical review due",
  "article.checklist": "Filled in the article checklist",
  "revision.create": "Saved a revision",
  "revision.import": "Re-imported the text",
  "revision.record_no_claims": "Recorded “reviewed: no claims needed”",
  "annotations.import": "Imported annotations",
  "claim.create": "Created a claim",
  "claim.update": "Updated a claim",
  "claim.assign": "Assigned a claim",
  "claim.reanchor": "Re-anchored a claim",
  "claim.reattach": "Re-attached a claim",
  "claim.set_editor_note": "Set the editor’s note",
  "claim.delete": "Deleted a claim",
  "claim.restore": "Restored a deleted claim",
  "claim.library_link": "Linked a claim to a known claim",
  "claim.grade_assessment": "Assessed the GRADE certainty of a claim’s evidence",
  "evidence.add": "Added evidence",
  "evidence.update": "Edited evidence",
  "evidence.delete": "Deleted evidence",
  "comment.add": "Commented",
  "comment.edit": "Edited a comment",
  "comment.delete": "Deleted a comment",
  "library.match_revision": "Checked a revision against the library",
  "library.dismiss_match": "Dismissed a known-claim match",
  "suggestion.dismiss": "Dismissed a suggestion",
  "suggestion.restore": "Restored a dismissed suggestion",
  "library.import": "Imported into the claims library",
  "library.add_claim": "Added a claim to the library",
  "library.update": "Edited a library entry",
  "library.supersede": "Superseded a library entry",
  "library.withdraw": "Withdrew a library entry",
  "library.merge": "Merged library entries",
  "library.split": "Split a library entry",
  "claim.library_recheck": "Sent a claim back to re-check (library)",
  "reference.create": "Added a reference",
  "reference.update": "Corrected a reference",
  "reference.import": "Imported references",
  "claim.reference_recheck": "Sent a claim back to re-check (cited study flagged)",
  "reference.flag": "Flagged a cited study (retraction watch)",
  "reference.watch_run": "Ran the retraction watch",
  "publication.evidence_update": "Added an evidence update to a publication",
  "tag.create": "Created a tag",
  "tag.rename": "Renamed a tag",
  "tag.delete": "Deleted a tag",
  "article.tag": "Changed an article’s tags",
  "claim.tag": "Changed a claim’s tags",
  "filter.save": "Saved a queue filter",
  "filter.delete": "Deleted a saved queue filter",
  "notification.preferences": "Changed their notification preferences",
};

/** An action in words; a stored code this table does not know (an older or foreign row) reads "Thing: verb", still words, not a code. */
export function actionInWords(action: string): string {
  // Any stored code, ours or not: looked up as a plain string.
  const table: Readonly<Record<string, string | undefined>> = ACTION_WORDS;
  const known = table[action];
  if (known) return known;
  const [head = "", ...rest] = action.split(".");
  const words = (s: string) => s.replace(/_/g, " ");
  const first = words(head).replace(/^./, (c) => c.toUpperCase());
  return rest.length > 0 ? `${first}: ${rest.map(words).join(" ")}` : first;
}

const ENTITY_NOUNS: Readonly<Record<string, string>> = {
  user: "user",
  account: "own account",
  settings: "settings",
  demo: "demo",
  article: "article",
  revision: "revision",
  annotations: "annotation",
  claim: "claim",
  evidence: "evidence",
  comment: "comment",
  suggestion: "suggestion",
  publication: "publication",
  library: "library entry",
  reference: "reference",
  job: "scheduled job",
  tag: "tag",
  filter: "saved filter",
};

/** The action filter's choices: every known action, and "any …" for each first word. */
export function actionFilterChoices(): { id: string; label: string }[] {
  const prefixes = [...new Set(Object.keys(ACTION_WORDS).map((a) => a.split(".")[0] ?? ""))];
  const any = prefixes.map((p) => ({ id: p, label: `Any ${ENTITY_NOUNS[p] ?? p} change` }));
  const each = Object.entries(ACTION_WORDS)
    .map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [...any, ...each];
}

/** What is known about an event's entity, looked up for its label. */
export interface EntityFacts {
  entityType: string;
  entityId: string;
  articleTitle: string | null;
  /** The claim's number: the entity's own for a claim, its claim's for evidence and comments. */
  claimNumber?: number | null;
  revisionNumber?: number | null;
  publicationNumber?: number | null;
  userName?: string | null;
  libraryEntryNumber?: number | null;
}

const TITLE_MAX = 60;
const quoted = (title: string) =>
  `“${title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1).trimEnd()}…` : title}”`;

/**
 * "Claim 3 in “Stem cells…”", "Evidence on claim 3 in …", "Revision 2 of …", "User Ada Admin",
 * "Workspace settings". When the thing is gone or unknown: its type and a short id.
 */
export function entityLabel(e: EntityFacts): string {
  const inArticle = e.articleTitle ? ` in ${quoted(e.articleTitle)}` : "";
  const ofArticle = e.articleTitle ? ` of ${quoted(e.articleTitle)}` : "";
  const claim = e.claimNumber != null ? `claim ${e.claimNumber}${inArticle}` : null;
  switch (e.entityType) {
    case "claim":
      if (claim) return `C${claim.slice(1)}`;
      break;
    case "evidence":
      if (claim) return `Evidence on ${claim}`;
      break;
    case "comment":
      if (claim) return `Comment on ${claim}`;
      break;
    case "revision":
      if (e.revisionNumber != null) return `Revision ${e.revisionNumber}${ofArticle}`;
      break;
    case "publication":
      if (e.publicationNumber != null) return `Publication ${e.publicationNumber}${ofArticle}`;
      break;
    case "article":
      if (e.articleTitle) return `Article ${quoted(e.articleTitle)}`;
      break;
    case "suggestion":
      if (e.articleTitle) return `Suggestion${inArticle}`;
      break;
    case "user":
      if (e.userName) return `User ${e.userName}`;
      break;
    case "settings":
      return "Workspace settings";
    case "library_entry":
      if (e.libraryEntryNumber != null) return `Library entry K${e.libraryEntryNumber}`;
      break;
  }
  const noun = e.entityType.replace(/^./, (c) => c.toUpperCase());
  return `${noun} ${e.entityId.slice(0, 8)}${inArticle}`;
}

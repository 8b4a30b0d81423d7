/**
 * The actions that machine clients may call over HTTP, `POST /api/actions/<name>` (see
 * lib/server/action-route.ts): the same definitions as the server actions behind the UI, so the
 * permission, validation, transaction and audit event are the same whoever calls. First-run
 * setup (open to anonymous callers) stays a page of its own.
 */
import "server-only";
import type { AnyActionDefinition } from "@/lib/server/action";
import { importAnnotations } from "@/lib/services/annotations/service";
import {
  importArticleDocument,
  importArticleText,
  transitionArticle,
} from "@/lib/services/articles/service";
import { assignClaim } from "@/lib/services/claims/assign";
import { deleteClaim, restoreClaim } from "@/lib/services/claims/delete";
import { setEditorNotes } from "@/lib/services/claims/editor-notes";
import { saveGradeAssessment } from "@/lib/services/claims/grade-assessment";
import { createClaim, setEditorNote, updateClaim } from "@/lib/services/claims/service";
import { addComment, deleteComment, editComment } from "@/lib/services/comments/service";
import { addEvidence, deleteEvidence, updateEvidence } from "@/lib/services/evidence/service";
import {
  addClaimToLibrary,
  addPublishedClaimsToLibrary,
  supersedeLibraryEntry,
  updateLibraryEntry,
  withdrawLibraryEntry,
} from "@/lib/services/library/entries";
import { importLibrary } from "@/lib/services/library/import";
import {
  acceptLibraryMatch,
  dismissLibraryMatch,
  matchRevisionAction,
} from "@/lib/services/library/matching";
import { mergeLibraryEntries, splitLibraryEntry } from "@/lib/services/library/merge";
import {
  markNotificationsReadDef,
  saveNotificationPreferences,
} from "@/lib/services/notifications/service";
import { bulkAssignClaims, bulkSetClaimStatus, bulkTagClaims } from "@/lib/services/queues/bulk";
import { deleteFilter, saveFilter } from "@/lib/services/queues/saved-filters";
import { importReferences } from "@/lib/services/references/import";
import { createReference, updateReference } from "@/lib/services/references/references";
import { runWatchNow } from "@/lib/services/references/watch-run";
import { saveChecklist, setReviewDates } from "@/lib/services/review/service";
import { recordNoClaims } from "@/lib/services/revisions/no-claims";
import { reattachClaim } from "@/lib/services/revisions/reattach";
import { saveRevision } from "@/lib/services/revisions/service";
import { updateSettings } from "@/lib/services/settings/service";
import { dismissSuggestion, restoreSuggestion } from "@/lib/services/suggestions/service";
import { createTag, deleteTag, renameTag, setArticleTags } from "@/lib/services/tags/service";
import { changeOwnPassword, resetUserPassword, unlockUser } from "@/lib/services/users/passwords";
import { updateOwnProfile, updateUserProfileByAdmin } from "@/lib/services/users/profile";
import { changeUserRole, createUser, disableUser, enableUser } from "@/lib/services/users/service";

const definitions: AnyActionDefinition[] = [
  importArticleText,
  importArticleDocument,
  transitionArticle,
  saveRevision,
  createClaim,
  updateClaim,
  setEditorNote,
  assignClaim,
  saveGradeAssessment,
  reattachClaim,
  addEvidence,
  updateEvidence,
  deleteEvidence,
  addComment,
  editComment,
  deleteComment,
  dismissSuggestion,
  importAnnotations,
  createUser,
  changeUserRole,
  disableUser,
  enableUser,
  resetUserPassword,
  unlockUser,
  updateUserProfileByAdmin,
  changeOwnPassword,
  updateOwnProfile,
  updateSettings,
  deleteClaim,
  restoreClaim,
  restoreSuggestion,
  setEditorNotes,
  recordNoClaims,
  matchRevisionAction,
  acceptLibraryMatch,
  dismissLibraryMatch,
  importLibrary,
  addClaimToLibrary,
  addPublishedClaimsToLibrary,
  updateLibraryEntry,
  supersedeLibraryEntry,
  withdrawLibraryEntry,
  mergeLibraryEntries,
  splitLibraryEntry,
  setReviewDates,
  saveChecklist,
  createReference,
  updateReference,
  importReferences,
  runWatchNow,
  // The work queues (issue 14).
  createTag,
  renameTag,
  deleteTag,
  setArticleTags,
  bulkAssignClaims,
  bulkTagClaims,
  bulkSetClaimStatus,
  saveFilter,
  deleteFilter,
  markNotificationsReadDef,
  saveNotificationPreferences,
];

/** By dotted name ("claim.create"). */
export const API_ACTIONS: ReadonlyMap<string, AnyActionDefinition> = new Map(
  definitions.map((d) => [d.name, d]),
);

/**
 * The actions that machine clients may call over HTTP, `POST /api/actions/<name>` (see
 * lib/server/action-route.ts): the same definitions as the server actions behind the UI, so the
 * permission, validation, transaction and audit event are the same whoever calls. First-run
 * setup (open to anonymous callers) stays a page of its own.
 */
import "server-only";
import { importAnnotations } from "@/lib/annotations/service";
import {
  importArticleDocument,
  importArticleText,
  transitionArticle,
} from "@/lib/articles/service";
import { assignClaim } from "@/lib/claims/assign";
import { deleteClaim, restoreClaim } from "@/lib/claims/delete";
import { setEditorNotes } from "@/lib/claims/editor-notes";
import { createClaim, setEditorNote, updateClaim } from "@/lib/claims/service";
import { addComment, deleteComment, editComment } from "@/lib/comments/service";
import { addEvidence, deleteEvidence, updateEvidence } from "@/lib/evidence/service";
import { recordNoClaims } from "@/lib/revisions/no-claims";
import { reattachClaim } from "@/lib/revisions/reattach";
import { saveRevision } from "@/lib/revisions/service";
import type { AnyActionDefinition } from "@/lib/server/action";
import { updateSettings } from "@/lib/settings/service";
import { dismissSuggestion, restoreSuggestion } from "@/lib/suggestions/service";
import { changeOwnPassword, resetUserPassword, unlockUser } from "@/lib/users/passwords";
import { updateOwnProfile, updateUserProfileByAdmin } from "@/lib/users/profile";
import { changeUserRole, createUser, disableUser, enableUser } from "@/lib/users/service";

const definitions: AnyActionDefinition[] = [
  importArticleText,
  importArticleDocument,
  transitionArticle,
  saveRevision,
  createClaim,
  updateClaim,
  setEditorNote,
  assignClaim,
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
];

/** By dotted name ("claim.create"). */
export const API_ACTIONS: ReadonlyMap<string, AnyActionDefinition> = new Map(
  definitions.map((d) => [d.name, d]),
);

/**
 * Deny-by-default authorization. Each permission names the least role that holds it; roles
 * are ordered (viewer < reviewer < editor < admin) and each holds what the ones below hold.
 */

import { AppError } from "@/lib/core/errors";
import { ROLES, type Role } from "@/lib/core/vocabulary";

export const PERMISSIONS = {
  "article:read": "viewer",
  "article:export": "viewer",
  /** The claims library: its pages, entries, matches and exports. */
  "library:read": "viewer",
  /** The workspace's reference list and what the retraction watch found. */
  "reference:read": "viewer",
  "claim:create": "reviewer",
  "claim:update": "reviewer",
  "evidence:write": "reviewer",
  "comment:write": "reviewer",
  /**
   * Growing the library: adding a resolved claim (or a wording of it), editing an entry's
   * verdict and fields, accepting or dismissing a match, matching a revision on demand.
   */
  "library:write": "reviewer",
  /** Looking references up by DOI/PMID, adding, correcting and importing them. */
  "reference:write": "reviewer",
  /** A claim's GRADE assessment of its body of evidence (the claim's own fields need claim:update). */
  "claim:grade": "reviewer",
  /** An article's HealthNewsReview.org checklist, in the approval panel. */
  "article:checklist": "reviewer",
  /** Putting workspace tags on claims (and taking them off), alone or in a bulk action. */
  "tag:apply": "reviewer",
  "article:import": "editor",
  "article:edit": "editor",
  "article:transition": "editor",
  "claim:assign": "editor",
  "claim:override": "editor",
  /** Deleting (and restoring) a claim someone else created; a reviewer may delete their own. */
  "claim:delete_any": "editor",
  /** Merging, splitting, superseding and withdrawing entries; importing other desks' reviews. */
  "library:manage": "editor",
  /** Running the retraction watch now, rather than waiting for its daily run. */
  "reference:watch": "editor",
  /** An article's medical review dates: last reviewed, its own interval. */
  "article:review_dates": "editor",
  /** The workspace's tag list (create, rename, delete) and the tags of articles. */
  "tag:manage": "editor",
  "user:manage": "admin",
  "settings:manage": "admin",
  /** One's own account: password, display name and credentials. */
  "account:own": "viewer",
  /** One's own notifications and their preferences; the desk's queues and dashboard. */
  "desk:read": "viewer",
  /** The whole audit log, every user's actions (the Activity page shows one's own slice). */
  "audit:read": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

/** The signed-in user as the server knows them, read from the database on every request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * Signed in with a temporary password (a new account, an admin's reset): refused everything
   * but choosing a new password (`authorize` below). Absent means false.
   */
  mustChangePassword?: boolean;
}

export function roleAtLeast(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && roleAtLeast(actor.role, PERMISSIONS[permission]);
}

export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  "Choose a new password first: your account has a temporary one.";

/**
 * Throws `unauthenticated` or `forbidden` unless the actor holds the permission. An actor with a
 * temporary password is refused everything (every read and every action goes through here),
 * except what passes `whileTemporaryPassword` (choosing the new password).
 */
export function authorize(
  actor: Actor | null,
  permission: Permission,
  { whileTemporaryPassword = false }: { whileTemporaryPassword?: boolean } = {},
): Actor {
  if (!actor) throw new AppError("unauthenticated", "Please sign in to continue.");
  if (actor.mustChangePassword && !whileTemporaryPassword) {
    throw new AppError("forbidden", PASSWORD_CHANGE_REQUIRED_MESSAGE);
  }
  if (!can(actor, permission)) {
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow this action.`);
  }
  return actor;
}

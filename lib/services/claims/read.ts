/** Reads about claims across articles, authorized for the actor. */
import "server-only";
import type { Db } from "@/db/client";
import { listAuditEventsForClaim } from "@/db/queries/audit";
import { findClaimById, listOpenClaimsAssignedTo } from "@/db/queries/claims";
import { claimHistory } from "@/lib/core/audit/claim-history";
import { type Actor, authorize } from "@/lib/core/auth/permissions";
import { notFound } from "@/lib/core/errors";

/** The actor's claims still to do, across articles ("My claims"). */
export async function listMyOpenClaims(db: Db, actor: Actor | null) {
  const me = authorize(actor, "article:read");
  return listOpenClaimsAssignedTo(db, me.id);
}

/** One claim's timeline, oldest first. */
export async function getClaimHistory(db: Db, actor: Actor | null, claimId: string) {
  authorize(actor, "article:read");
  const claim = await findClaimById(db, claimId);
  if (!claim) throw notFound("The claim");
  return claimHistory(await listAuditEventsForClaim(db, claim));
}

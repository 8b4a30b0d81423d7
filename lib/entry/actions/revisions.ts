"use server";

import { runAction } from "@/lib/server/run-action";
import { recordNoClaims } from "@/lib/services/revisions/no-claims";
import { reattachClaim } from "@/lib/services/revisions/reattach";
import { saveRevision } from "@/lib/services/revisions/service";

export async function saveRevisionAction(input: unknown) {
  return runAction(saveRevision, input);
}

export async function reattachClaimAction(input: unknown) {
  return runAction(reattachClaim, input);
}

export async function recordNoClaimsAction(input: unknown) {
  return runAction(recordNoClaims, input);
}

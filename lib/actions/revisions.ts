"use server";

import { recordNoClaims } from "@/lib/revisions/no-claims";
import { reattachClaim } from "@/lib/revisions/reattach";
import { saveRevision } from "@/lib/revisions/service";
import { runAction } from "@/lib/server/run-action";

export async function saveRevisionAction(input: unknown) {
  return runAction(saveRevision, input);
}

export async function reattachClaimAction(input: unknown) {
  return runAction(reattachClaim, input);
}

export async function recordNoClaimsAction(input: unknown) {
  return runAction(recordNoClaims, input);
}

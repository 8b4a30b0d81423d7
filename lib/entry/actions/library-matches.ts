"use server";

import { runAction } from "@/lib/server/run-action";
import {
  acceptLibraryMatch,
  dismissLibraryMatch,
  matchRevisionAction,
} from "@/lib/services/library/matching";

export async function matchRevisionWithLibraryAction(input: unknown) {
  return runAction(matchRevisionAction, input);
}

export async function acceptLibraryMatchAction(input: unknown) {
  return runAction(acceptLibraryMatch, input);
}

export async function dismissLibraryMatchAction(input: unknown) {
  return runAction(dismissLibraryMatch, input);
}

"use server";

import { runAction } from "@/lib/server/run-action";
import {
  addClaimToLibrary,
  addPublishedClaimsToLibrary,
  supersedeLibraryEntry,
  updateLibraryEntry,
  withdrawLibraryEntry,
} from "@/lib/services/library/entries";
import { mergeLibraryEntries, splitLibraryEntry } from "@/lib/services/library/merge";

export async function addClaimToLibraryAction(input: unknown) {
  return runAction(addClaimToLibrary, input);
}

export async function addPublishedClaimsToLibraryAction(input: unknown) {
  return runAction(addPublishedClaimsToLibrary, input);
}

export async function updateLibraryEntryAction(input: unknown) {
  return runAction(updateLibraryEntry, input);
}

export async function supersedeLibraryEntryAction(input: unknown) {
  return runAction(supersedeLibraryEntry, input);
}

export async function withdrawLibraryEntryAction(input: unknown) {
  return runAction(withdrawLibraryEntry, input);
}

export async function mergeLibraryEntriesAction(input: unknown) {
  return runAction(mergeLibraryEntries, input);
}

export async function splitLibraryEntryAction(input: unknown) {
  return runAction(splitLibraryEntry, input);
}

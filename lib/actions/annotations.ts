"use server";

import { importAnnotations } from "@/lib/annotations/service";
import { runAction } from "@/lib/server/run-action";

export async function importAnnotationsAction(input: unknown) {
  return runAction(importAnnotations, input);
}

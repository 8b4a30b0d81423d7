"use server";

import { runAction } from "@/lib/server/run-action";
import { importAnnotations } from "@/lib/services/annotations/service";

export async function importAnnotationsAction(input: unknown) {
  return runAction(importAnnotations, input);
}

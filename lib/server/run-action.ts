import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getDb } from "@/db/instance";
import type { Permission } from "@/lib/core/auth/permissions";
import type { ErrorDetails } from "@/lib/core/errors";
import { getCurrentActor } from "@/lib/server/auth/current-actor";
import { type ActionDefinition, type ActionResult, executeAction } from "./action";
import { logError } from "./logging/log";
import { requestIdFrom } from "./request-id";

/** Runs an action definition for the signed-in user of the current request. */
export async function runAction<
  S extends z.ZodType,
  R,
  P extends Permission | null,
  B = undefined,
  D extends ErrorDetails = ErrorDetails,
>(def: ActionDefinition<S, R, P, B, D>, raw: unknown): Promise<ActionResult<R, D>> {
  const [db, actor, requestHeaders] = await Promise.all([getDb(), getCurrentActor(), headers()]);
  const requestId = requestIdFrom(requestHeaders);
  const result = await executeAction(def, { db, actor, requestId }, raw);
  if (result.ok && def.afterCommitInRequest) {
    try {
      await def.afterCommitInRequest(result.data);
    } catch (err) {
      logError("action's after-commit step failed", err, { action: def.name, requestId });
    }
  }
  return result;
}

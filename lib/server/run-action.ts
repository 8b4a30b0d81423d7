import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getDb } from "@/db/instance";
import { getCurrentActor } from "@/lib/auth/current-actor";
import type { Permission } from "@/lib/auth/permissions";
import { type ActionDefinition, type ActionResult, executeAction } from "./action";
import { requestIdFrom } from "./request-id";

/** Runs an action definition for the signed-in user of the current request. */
export async function runAction<S extends z.ZodType, R, P extends Permission | null, B = undefined>(
  def: ActionDefinition<S, R, P, B>,
  raw: unknown,
): Promise<ActionResult<R>> {
  const [db, actor, requestHeaders] = await Promise.all([getDb(), getCurrentActor(), headers()]);
  return executeAction(def, { db, actor, requestId: requestIdFrom(requestHeaders) }, raw);
}

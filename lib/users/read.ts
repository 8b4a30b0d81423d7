import "server-only";
import type { Db } from "@/db/client";
import { listUsers } from "@/db/queries/users";
import { type Actor, authorize } from "@/lib/auth/permissions";

export async function listUsersForAdmin(db: Db, actor: Actor | null) {
  authorize(actor, "user:manage");
  return listUsers(db);
}

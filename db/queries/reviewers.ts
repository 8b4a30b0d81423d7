import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterField } from "@/lib/core/audit/events";
import type { Db } from "../client";
import { auditEvents, users } from "../schema";

/** A person as an export names them: display name and professional credentials. */
interface NamedPerson {
  name: string;
  credentials: string;
}

/**
 * Who gave each claim its current verdict, and when: the newest audit event of the claim that
 * set a verdict (`after.verdict`, from `claim.update` or an import's `claim.create`) or
 * re-confirmed it after the text changed (`after.verdictStale = false`). The audit trail is the
 * record of who did what, so no column has to repeat it. Claims without such an event (or
 * whose actor is gone) are absent from the map.
 */
export async function findVerdictGivers(
  db: Db,
  claimIds: string[],
): Promise<Map<string, NamedPerson & { at: Date }>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([auditEvents.entityId], {
      claimId: auditEvents.entityId,
      at: auditEvents.at,
      name: users.name,
      credentials: users.credentials,
    })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.entityType, "claim"),
        inArray(auditEvents.entityId, claimIds),
        // Field names checked against the kinds that set them (lib/core/audit/events.ts).
        sql`(${auditEvents.after}->>${afterField("claim.update", "verdict")}::text is not null or ${auditEvents.after}->>${afterField("claim.update", "verdictStale")}::text = 'false')`,
      ),
    )
    .orderBy(auditEvents.entityId, desc(auditEvents.id));
  return new Map(
    rows.map((r) => [r.claimId, { name: r.name, credentials: r.credentials, at: r.at }]),
  );
}

/** Names and credentials of several users at once, by id. */
export async function findNamedPeople(db: Db, ids: string[]): Promise<Map<string, NamedPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, credentials: users.credentials })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, credentials: r.credentials }]));
}

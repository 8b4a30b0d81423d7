/**
 * A person's saved filters of the work queues: their own setting, so one may save and delete
 * only one's own (another's id is "not found"). Audited like the rest of one's account.
 */
import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import {
  deleteSavedFilter,
  findOwnSavedFilter,
  findSavedFilterByName,
  insertSavedFilter,
  listSavedFilters,
} from "@/db/queries/saved-filters";
import { AppError, notFound } from "@/lib/core/errors";
import { canonicalQueueQuery } from "@/lib/core/queues/filter";
import { deleteFilterSchema, saveFilterSchema } from "@/lib/core/validation/desk-queues";
import { defineAction } from "@/lib/server/action";

/** At most this many saved filters per person: the list is shown whole on the page. */
export const MAX_SAVED_FILTERS = 50;

export const saveFilter = defineAction({
  name: "filter.save",
  input: saveFilterSchema,
  permission: "desk:read",
  run: async ({ tx, actor }, { name, query }) => {
    // Stored in one form, whatever the address held: only the filter's own fields, in order.
    const canonical = canonicalQueueQuery(query);
    const clash = await findSavedFilterByName(tx, actor.id, name);
    if (clash) {
      throw new AppError("validation", `You have a filter named “${clash.name}” already.`, {
        fieldErrors: { name: [`“${clash.name}” exists: choose another name or delete it first.`] },
      });
    }
    if ((await listSavedFilters(tx, actor.id)).length >= MAX_SAVED_FILTERS) {
      throw new AppError(
        "rule",
        `You have ${MAX_SAVED_FILTERS} saved filters, the most one can keep: delete one first.`,
      );
    }
    const saved = await insertSavedFilter(tx, { userId: actor.id, name, query: canonical });
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "filter.save",
      entityType: "user",
      entityId: actor.id,
      after: { name, query: canonical },
    });
    return saved;
  },
});

export const deleteFilter = defineAction({
  name: "filter.delete",
  input: deleteFilterSchema,
  permission: "desk:read",
  run: async ({ tx, actor }, { filterId }) => {
    const filter = await findOwnSavedFilter(tx, actor.id, filterId);
    if (!filter) throw notFound("The saved filter");
    await deleteSavedFilter(tx, filter.id);
    await insertAuditEvent(tx, {
      actorId: actor.id,
      action: "filter.delete",
      entityType: "user",
      entityId: actor.id,
      before: { name: filter.name, query: filter.query },
    });
    return { id: filter.id, name: filter.name };
  },
});

import { auditLogQuerySchema } from "@/lib/core/validation/audit";
import { defineRoute } from "@/lib/server/route";
import { auditCsvStream } from "@/lib/services/audit/read";

export const dynamic = "force-dynamic";

/**
 * The audit log as a CSV download, with the audit page's filters (`actor`, `action`, `entity`,
 * `article`, `from`, `to`). Admins only: 401 when signed out, 403 for other roles.
 */
export const GET = defineRoute({
  name: "audit.export",
  input: auditLogQuerySchema,
  run: async ({ db, actor, input }) => {
    const body = auditCsvStream(db, actor, input);
    const filename = `claimdesk-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});

import { dashboardCsvSchema } from "@/lib/core/validation/dashboard";
import { defineRoute } from "@/lib/server/route";
import { dashboardCsv } from "@/lib/services/dashboard/read";

export const dynamic = "force-dynamic";

/**
 * One dashboard figure as a CSV download (`/api/dashboard/verdicts?from=…&to=…&tag=…`), with the
 * page's filters. Viewers and up: 401 when signed out.
 */
export const GET = defineRoute({
  name: "dashboard.export",
  input: dashboardCsvSchema,
  run: async ({ db, actor, input }) => {
    const { figure, ...query } = input;
    const body = await dashboardCsv(db, actor, figure, query);
    const range = [query.from, query.to].filter(Boolean).join("-to-");
    const filename = `claimdesk-${figure}${range ? `-${range}` : ""}.csv`;
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

import { API_ACTIONS } from "@/lib/entry/api/actions";
import { actionRoute } from "@/lib/server/action-route";

export const dynamic = "force-dynamic";

/** Any action of lib/entry/api/actions.ts, for machine clients: see lib/server/action-route.ts. */
export const POST = actionRoute(API_ACTIONS);

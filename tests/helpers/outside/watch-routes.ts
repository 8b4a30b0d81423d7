/** Recorded answers for the watch (see server.ts and tests/fixtures/outside/README.md). */
import type { OutsideRoute } from "./server";

export const watchRoutes: OutsideRoute[] = [];

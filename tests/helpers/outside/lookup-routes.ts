/** Recorded answers for the lookup (see server.ts and tests/fixtures/outside/README.md). */
import type { OutsideRoute } from "./server";

export const lookupRoutes: OutsideRoute[] = [];

import type { Instrumentation } from "next";

/** Next.js start-up hook: runs once per server process before it serves requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; the database belongs to the running server only.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/entry/startup");
  await startServer();
}

/**
 * Errors that escaped a page, layout, route or server action (our wrappers catch and log their
 * own): one JSON line each, with the request id proxy.ts gave the request.
 */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/server/logging/log");
  logRequestError(err, request, context);
};

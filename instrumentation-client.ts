/**
 * Runs in the browser before the app's own code (Next.js client instrumentation).
 *
 * zod 4 compiles object parsers with `new Function` and first probes whether eval is allowed.
 * Our CSP has no 'unsafe-eval' (docs/security.md), so the probe is blocked — parsing still works
 * through the fallback, but every page that parses a schema reports a CSP violation. jitless
 * skips the probe and the compiled path; the client parses only small form inputs.
 */
import { config } from "zod/v4/core";

config({ jitless: true });

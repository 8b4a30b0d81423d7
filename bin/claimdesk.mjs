#!/usr/bin/env node
/**
 * The `claimdesk` command (package.json "bin"). The command line itself is TypeScript
 * (lib/entry/cli/main.ts); this starts it in a child Node process with:
 * - tsx as a loader, resolved from this file so it works from any working directory;
 * - `--conditions=react-server`, under which `import "server-only"` (at the top of every db/
 *   module) resolves to an empty module instead of throwing;
 * - TSX_TSCONFIG_PATH set to the project's tsconfig.json, so the `@/…` paths resolve however
 *   far the working directory is from the project.
 * A child process rather than tsx's in-process API because resolution conditions can only be
 * set when Node starts.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const child = spawn(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    import.meta.resolve("tsx"),
    path.join(root, "lib", "entry", "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
      // db/client.ts finds the migrations from here, whatever the working directory.
      CLAIMDESK_ROOT: process.env.CLAIMDESK_ROOT || root,
    },
  },
);

// Ctrl+C reaches both processes through the terminal; a signal sent to this process alone is
// passed on so the child never outlives it.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (err) => {
  process.stderr.write(`claimdesk: cannot start Node.js: ${err.message}\n`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});

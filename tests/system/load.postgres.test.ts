/** load.test.ts on PostgreSQL: 50 simulated reviewers for 10 s, without an error. */
import { it } from "vitest";
import { createScratchDatabase, portFor, startServer } from "../helpers/app-server";
import { expectCleanLoad } from "./load-check";

it("50 simulated reviewers on PostgreSQL, without an error", async () => {
  const scratch = await createScratchDatabase("load");
  const server = await startServer({ port: portFor(21), databaseUrl: scratch.url }).catch(
    async (err) => {
      await scratch.drop();
      throw err;
    },
  );
  try {
    await expectCleanLoad(server, "PostgreSQL");
  } finally {
    await server.stop();
    await scratch.drop();
  }
});

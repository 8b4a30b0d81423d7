/**
 * Look-up by DOI, PMID and PMCID against the local stand-in for Crossref, E-utilities and the ID
 * converter (recorded real answers): what comes back, what is cached, what a failure says, and
 * that NCBI is called at most 3 times a second.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findCachedAnswer } from "../../db/queries/lookup-cache";
import { bibReferences } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { outsideConfig } from "../../lib/services/outside/config";
import {
  cachedMetadata,
  LookupFailure,
  lookupReference,
} from "../../lib/services/references/lookup";
import { freshDatabasePerTest } from "../helpers/db";
import { createActor } from "../helpers/fixtures";
import { type OutsideServices, startOutsideServices } from "../helpers/outside/server";

let outside: OutsideServices;
beforeAll(async () => {
  outside = await startOutsideServices();
});
afterAll(() => outside.close());

const t = freshDatabasePerTest();
let reviewer: Actor;
beforeEach(async () => {
  outside.world.down = {};
  outside.requests.length = 0;
  reviewer = await createActor(t.db, "reviewer");
});

/** The app's configuration, pointed at the stand-in, with a short time-out for the hang test. */
const config = () =>
  outsideConfig({ ...process.env, ...outside.env, CLAIMDESK_OUTSIDE_TIMEOUT_MS: "400" });
const lookUp = (pasted: string) => lookupReference(t.db, reviewer, pasted, { config: config() });

async function failure(pasted: string): Promise<LookupFailure> {
  const error = await lookUp(pasted).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof LookupFailure)) throw new Error(`expected a LookupFailure, got ${error}`);
  return error;
}

describe("look-up by DOI, PMID and PMCID", () => {
  it("fills a work's metadata from Crossref for a DOI link, and asks the ID converter for its PMID", async () => {
    const result = await lookUp("https://doi.org/10.1136/JCLINPATH-2020-206745");
    expect(result.cached).toBe(false);
    expect(result.referenceId).toBeUndefined();
    expect(result.metadata).toMatchObject({
      doi: "10.1136/jclinpath-2020-206745",
      journal: "Journal of Clinical Pathology",
      year: 2020,
      source: "crossref",
      pmid: null,
      suggestedDesign: null,
    });
    expect(result.metadata.abstract).toMatch(/^Background: /);
    expect(outside.requests.map((r) => `${r.service} ${r.path}`)).toEqual([
      "crossref /works/10.1136/jclinpath-2020-206745",
      "idconv /",
    ]);
    expect(outside.requests[1]?.query.get("tool")).toBe("claimdesk");
  });

  it("fills a PubMed record for a PMID, with the design its publication types suggest", async () => {
    const result = await lookUp("PMID: 23878845");
    expect(result.metadata).toMatchObject({
      pmid: "23878845",
      doi: "10.3290/j.qi.a30176",
      authors: "Hajizadeh H, Ghavamnasiri M, Majidinia S",
      year: 2013,
      source: "pubmed",
      suggestedDesign: "rct",
    });
    expect(result.metadata.publicationTypes).toContain("Randomized Controlled Trial");
    const [efetch] = outside.requests;
    expect(efetch?.path).toBe("/efetch.fcgi");
    expect(Object.fromEntries(efetch?.query ?? [])).toMatchObject({
      db: "pubmed",
      id: "23878845",
      retmode: "xml",
      tool: "claimdesk",
    });
  });

  it("turns a PMCID into its PubMed record through the ID converter", async () => {
    const result = await lookUp("https://pmc.ncbi.nlm.nih.gov/articles/PMC3261988/");
    expect(result.metadata).toMatchObject({
      pmid: "21813367",
      pmcid: "PMC3261988",
      doi: "10.1289/ehp.1103729",
      source: "pubmed",
    });
    expect(outside.requests.map((r) => r.service)).toEqual(["idconv", "eutils"]);
  });

  it("answers a repeat from the cache without any request, and cachedMetadata reads it too", async () => {
    await lookUp("23878845");
    await lookUp("https://doi.org/10.1136/jclinpath-2020-206745");
    const made = outside.requests.length;
    const again = await lookUp("https://pubmed.ncbi.nlm.nih.gov/23878845/");
    const doiAgain = await lookUp("doi:10.1136/jclinpath-2020-206745");
    expect(again.cached).toBe(true);
    expect(again.metadata.suggestedDesign).toBe("rct");
    expect(doiAgain.cached).toBe(true);
    expect(outside.requests.length).toBe(made);

    const byPmid = await cachedMetadata(t.db, { pmid: "23878845", doi: "10.3290/j.qi.a30176" });
    expect(byPmid?.publicationTypes).toContain("Randomized Controlled Trial");
    expect(byPmid?.abstract).toMatch(/^OBJECTIVES: /);
    expect((await cachedMetadata(t.db, { doi: "10.1136/JCLINPATH-2020-206745" }))?.journal).toBe(
      "Journal of Clinical Pathology",
    );
    expect(await cachedMetadata(t.db, { doi: "10.9999/never-looked-up" })).toBeNull();
    expect(outside.requests.length).toBe(made);
  });

  it("answers with the workspace reference list's entry first, without asking outside", async () => {
    const [row] = await t.db
      .insert(bibReferences)
      .values({
        number: 1,
        doi: "10.3290/j.qi.a30176",
        pmid: "23878845",
        title: "Chlorhexidine and postoperative sensitivity (corrected by the desk)",
        publicationTypes: ["Randomized Controlled Trial"],
      })
      .returning();
    const result = await lookUp("10.3290/J.QI.A30176");
    expect(result.referenceId).toBe(row?.id);
    expect(result.metadata.title).toBe(
      "Chlorhexidine and postoperative sensitivity (corrected by the desk)",
    );
    expect(result.metadata.suggestedDesign).toBe("rct");
    expect(result.cached).toBe(true);
    expect(outside.requests).toHaveLength(0);
  });
});

describe("when there is no such work, or the service fails", () => {
  it("says a DOI is not registered, and remembers that (no second request)", async () => {
    const error = await failure("10.1371/notarealdoi");
    expect(error.status).toBe(404);
    expect(error.message).toMatch(
      /^No work with DOI 10\.1371\/notarealdoi is registered at Crossref\./,
    );
    expect((await findCachedAnswer(t.db, "crossref:10.1371/notarealdoi"))?.status).toBe(404);
    const made = outside.requests.length;
    expect((await failure("10.1371/notarealdoi")).status).toBe(404);
    expect(outside.requests.length).toBe(made);
  });

  it("says PubMed has no record for an unknown PMID", async () => {
    const error = await failure("999999999");
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/PubMed has no record with PMID 999999999/);
  });

  it("refuses text that is no identifier before asking anyone", async () => {
    const error = await failure("aspirin prevents colds");
    expect(error.status).toBe(400);
    expect(outside.requests).toHaveLength(0);
  });

  it("says Crossref failed, that manual entry works, and caches nothing", async () => {
    outside.world.down = { crossref: "error" };
    const error = await failure("10.1002/jor.1100150407");
    expect(error.status).toBe(502);
    expect(error.kind).toBe("failed");
    expect(error.message).toMatch(
      /Crossref answered with an error \(HTTP 503\)\. You can still type the details in by hand\./,
    );
    expect(await findCachedAnswer(t.db, "crossref:10.1002/jor.1100150407")).toBeNull();
    // Retried with backoff before giving up.
    expect(outside.requests.filter((r) => r.service === "crossref")).toHaveLength(3);
  });

  it("says Crossref timed out when it hangs", async () => {
    outside.world.down = { crossref: "hang" };
    const error = await failure("10.1002/jor.1100150407");
    expect(error.status).toBe(504);
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/Crossref did not answer within .* s\. You can still type/);
  });

  it("keeps the Crossref answer when the ID converter is down (the design hint is best-effort)", async () => {
    outside.world.down = { idconv: "error" };
    const result = await lookUp("10.1002/jor.1100150407");
    expect(result.metadata.title).toMatch(/^Growth hormone secretagogue/);
    expect(result.metadata.pmid).toBeNull();
  });

  it("says look-ups are off when the server turns them off", async () => {
    const off = outsideConfig({
      ...process.env,
      ...outside.env,
      CLAIMDESK_OUTSIDE_SERVICES: "off",
    });
    const error = await lookupReference(t.db, reviewer, "23878845", { config: off }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(LookupFailure);
    expect((error as LookupFailure).status).toBe(503);
    expect(outside.requests).toHaveLength(0);
  });
});

describe("manners", () => {
  it("calls NCBI at most 3 times in any second", async () => {
    // When each request really starts (the stand-in's arrival times add the network's jitter).
    const starts: number[] = [];
    const options = { config: config(), onRequest: () => starts.push(Date.now()) };
    await Promise.all(
      ["23878845", "16080930", "21813367", "999999999", "PMC3261988"].map((id) =>
        lookupReference(t.db, reviewer, id, options).catch(() => null),
      ),
    );
    expect(outside.requests.every((r) => r.service !== "crossref")).toBe(true);
    expect(starts.length).toBeGreaterThanOrEqual(5);
    // The limiter spaces starts ceil(1000/3) = 334 ms apart; timers may fire a millisecond or two
    // early under load, so the window allows 10 ms of jitter.
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? 0));
    expect(Math.min(...gaps), `gaps ${gaps.join(", ")} ms`).toBeGreaterThanOrEqual(320);
    for (const at of starts) {
      expect(starts.filter((other) => other >= at && other < at + 990).length).toBeLessThanOrEqual(
        3,
      );
    }
  });

  it("needs a reviewer: a viewer is refused before anything is asked", async () => {
    const viewer = await createActor(t.db, "viewer");
    await expect(
      lookupReference(t.db, viewer, "23878845", { config: config() }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(outside.requests).toHaveLength(0);
  });
});

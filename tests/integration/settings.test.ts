/**
 * The workspace settings on a real database: saved by admins only, audited with what changed,
 * bad URLs refused next to their field, and the public-pages switch turning every `/p/**` page
 * and download into a 404.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getWorkspaceSettings } from "../../db/queries/settings";
import { articles, auditEvents } from "../../db/schema";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { transitionArticle } from "../../lib/services/articles/service";
import { setEditorNote } from "../../lib/services/claims/service";
import {
  publicationPageResponse,
  requirePublicPagesOn,
} from "../../lib/services/publications/http";
import { updateSettings } from "../../lib/services/settings/service";
import { freshDatabasePerTest } from "../helpers/db";
import {
  createActor,
  importArticle,
  ok,
  resolvedInaccurateClaim,
  STEM_CELL_TEXT,
  triageSuggestions,
} from "../helpers/fixtures";

const t = freshDatabasePerTest();
const run = (def: Parameters<typeof executeAction>[0], actor: Actor | null, input: unknown) =>
  executeAction(def, { db: t.db, actor }, input);

const VALID = {
  organizationName: "Kidney Health Desk",
  organizationUrl: "https://kidney.example.org",
  publicBaseUrl: "https://read.kidney.example.org/",
  logoText: "KHD",
  reviewIntervalMonths: "6",
  publicPagesEnabled: true,
  checklistPublic: true,
};

const settingsEvents = () =>
  t.db.select().from(auditEvents).where(eq(auditEvents.action, "settings.update"));

describe("workspace settings", () => {
  it("saves every setting, audited with the values before and after that changed", async () => {
    const admin = await createActor(t.db, "admin");
    const saved = await ok(run(updateSettings, admin, VALID));
    expect(saved).toMatchObject({ changed: true });
    expect(await getWorkspaceSettings(t.db)).toEqual({
      organizationName: "Kidney Health Desk",
      organizationUrl: "https://kidney.example.org",
      publicBaseUrl: "https://read.kidney.example.org",
      logoText: "KHD",
      reviewIntervalMonths: 6,
      publicPagesEnabled: true,
      checklistPublic: true,
    });
    const [first] = await settingsEvents();
    expect(first).toMatchObject({
      actorId: admin.id,
      entityType: "settings",
      before: { organizationName: "Claimdesk", reviewIntervalMonths: 12, logoText: null },
      after: { organizationName: "Kidney Health Desk", reviewIntervalMonths: 6, logoText: "KHD" },
    });
    // Unchanged settings are not in the event.
    expect(first?.after).not.toHaveProperty("publicPagesEnabled");

    await ok(run(updateSettings, admin, { ...VALID, logoText: "", reviewIntervalMonths: 24 }));
    const events = await settingsEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      before: { logoText: "KHD", reviewIntervalMonths: 6 },
      after: { logoText: null, reviewIntervalMonths: 24 },
    });
    expect(
      await ok(run(updateSettings, admin, { ...VALID, logoText: "", reviewIntervalMonths: 24 })),
    ).toMatchObject({ changed: false });
    expect(await settingsEvents()).toHaveLength(2);
  });

  it("refuses a URL that is not http(s) next to its field, and saves nothing", async () => {
    const admin = await createActor(t.db, "admin");
    for (const [field, value] of [
      ["organizationUrl", "javascript:alert(1)"],
      ["publicBaseUrl", "ftp://files.example.org"],
      ["publicBaseUrl", "read.example.org"],
    ] as const) {
      const result = await run(updateSettings, admin, { ...VALID, [field]: value });
      expect(result, `${field} = ${value}`).toMatchObject({
        ok: false,
        error: { code: "validation", fieldErrors: { [field]: [expect.stringMatching(/http/)] } },
      });
    }
    expect(
      await run(updateSettings, admin, {
        ...VALID,
        reviewIntervalMonths: "0",
        organizationName: "",
      }),
    ).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          reviewIntervalMonths: [expect.any(String)],
          organizationName: [expect.any(String)],
        },
      },
    });
    expect(await settingsEvents()).toEqual([]);
    expect((await getWorkspaceSettings(t.db)).organizationName).toBe("Claimdesk");
  });

  it("is for admins only", async () => {
    for (const role of ["viewer", "reviewer", "editor"] as const) {
      const someone = await createActor(t.db, role);
      expect(await run(updateSettings, someone, VALID), role).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    expect(await settingsEvents()).toEqual([]);
  });
});

describe("the public-pages switch", () => {
  it("answers 404 for a published article while the public pages are off", async () => {
    const admin = await createActor(t.db, "admin");
    const author = await createActor(t.db, "editor");
    const approver = await createActor(t.db, "editor");
    const reviewer = await createActor(t.db, "reviewer");
    const imported = await importArticle(t.db, author, STEM_CELL_TEXT, "Switch test");
    const move = async (who: Actor, transition: string) => {
      const [a] = await t.db.select().from(articles).where(eq(articles.id, imported.id));
      await ok(
        run(transitionArticle, who, { articleId: imported.id, transition, version: a?.version }),
      );
    };
    await move(author, "submit");
    const claim = await resolvedInaccurateClaim(t.db, reviewer, imported.revisionId);
    await ok(
      run(setEditorNote, approver, {
        claimId: claim.id,
        version: claim.version,
        editorNote: "Corrected.",
      }),
    );
    await triageSuggestions(t.db, reviewer, imported.id);
    await move(approver, "approve");
    await move(approver, "publish");

    const page = () =>
      publicationPageResponse(
        t.db,
        new Request(`http://localhost/p/${imported.slug}`),
        imported.slug,
        null,
      );
    expect((await page()).status).toBe(200);

    await ok(run(updateSettings, admin, { ...VALID, publicPagesEnabled: false }));
    const off = await page();
    expect(off.status).toBe(404);
    expect(await off.text()).not.toContain("Switch test");
    // The downloads' route checks the same switch first.
    await expect(requirePublicPagesOn(t.db)).rejects.toMatchObject({ code: "not_found" });

    await ok(run(updateSettings, admin, VALID));
    expect((await page()).status).toBe(200);
    await expect(requirePublicPagesOn(t.db)).resolves.toBeUndefined();
  });
});

/** Issue 10, item 16: which workspace pages need which permission, and what their 403 says. */
import { describe, expect, it } from "vitest";
import { forbiddenNotice, PAGE_RULES, pageRuleFor } from "../../lib/core/auth/page-notices";
import { can } from "../../lib/core/auth/permissions";
import type { ROLES } from "../../lib/core/vocabulary";

const actor = (role: (typeof ROLES)[number]) => ({
  id: "x",
  email: "x@example.com",
  name: "X",
  role,
});

describe("page rules", () => {
  it("finds each refused page by its path, and nothing for others", () => {
    expect(pageRuleFor("/admin/users")?.permission).toBe("user:manage");
    expect(pageRuleFor("/admin/audit")?.permission).toBe("audit:read");
    expect(pageRuleFor("/articles/new")?.permission).toBe("article:import");
    expect(pageRuleFor("/articles/stem-cells/edit")?.permission).toBe("article:edit");
    expect(pageRuleFor("/articles/stem-cells/annotations")?.permission).toBe("claim:create");
    for (const open of [
      "/articles",
      "/articles/stem-cells",
      "/articles/stem-cells/revisions",
      "/activity",
      null,
    ]) {
      expect(pageRuleFor(open), String(open)).toBeUndefined();
    }
  });

  it("refuses every rule's page to at least the viewer, and lets the admin through", () => {
    for (const rule of PAGE_RULES) {
      expect(can(actor("viewer"), rule.permission), rule.notice).toBe(false);
      expect(can(actor("admin"), rule.permission), rule.notice).toBe(true);
    }
  });

  it("says why, or a generic notice for a page without a rule", () => {
    expect(forbiddenNotice("/articles/new")).toBe(
      "Only editors can import articles. Ask an editor or an admin.",
    );
    expect(forbiddenNotice("/elsewhere")).toMatch(/does not give access/);
    expect(forbiddenNotice(null)).toMatch(/does not give access/);
  });
});

import { describe, expect, it } from "vitest";
import {
  type Actor,
  authorize,
  can,
  PASSWORD_CHANGE_REQUIRED_MESSAGE,
  PERMISSIONS,
  type Permission,
  roleAtLeast,
} from "@/lib/core/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { ROLES, type Role } from "@/lib/core/vocabulary";

/** Who holds what, written out by hand: a change to PERMISSIONS must change this table too. */
const HOLDERS: Record<Permission, Role[]> = {
  "article:read": ["viewer", "reviewer", "editor", "admin"],
  "article:export": ["viewer", "reviewer", "editor", "admin"],
  "claim:create": ["reviewer", "editor", "admin"],
  "claim:update": ["reviewer", "editor", "admin"],
  "evidence:write": ["reviewer", "editor", "admin"],
  "comment:write": ["reviewer", "editor", "admin"],
  "article:import": ["editor", "admin"],
  "article:edit": ["editor", "admin"],
  "article:transition": ["editor", "admin"],
  "claim:assign": ["editor", "admin"],
  "claim:override": ["editor", "admin"],
  "claim:delete_any": ["editor", "admin"],
  "user:manage": ["admin"],
  "settings:manage": ["admin"],
  "audit:read": ["admin"],
  "account:own": ["viewer", "reviewer", "editor", "admin"],
  "library:read": ["viewer", "reviewer", "editor", "admin"],
  "library:write": ["reviewer", "editor", "admin"],
  "library:manage": ["editor", "admin"],
  "reference:read": ["viewer", "reviewer", "editor", "admin"],
  "reference:write": ["reviewer", "editor", "admin"],
  "reference:watch": ["editor", "admin"],
  "claim:grade": ["reviewer", "editor", "admin"],
  "article:checklist": ["reviewer", "editor", "admin"],
  "article:review_dates": ["editor", "admin"],
  "tag:apply": ["reviewer", "editor", "admin"],
  "tag:manage": ["editor", "admin"],
  "desk:read": ["viewer", "reviewer", "editor", "admin"],
};

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const actor = (role: Role): Actor => ({
  id: "00000000-0000-4000-8000-000000000001",
  email: `${role}@example.com`,
  name: role,
  role,
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("permissions", () => {
  it("orders the roles viewer < reviewer < editor < admin", () => {
    expect(ROLES).toEqual(["viewer", "reviewer", "editor", "admin"]);
    for (const [i, role] of ROLES.entries()) {
      for (const [j, least] of ROLES.entries()) {
        expect(roleAtLeast(role, least), `${role} ≥ ${least}`).toBe(i >= j);
      }
    }
  });

  it("lists every permission in the hand-written table", () => {
    expect(PERMISSION_NAMES.sort()).toEqual((Object.keys(HOLDERS) as Permission[]).sort());
    for (const permission of PERMISSION_NAMES) {
      // The least role of the table is the one PERMISSIONS names.
      expect(HOLDERS[permission][0], permission).toBe(PERMISSIONS[permission]);
    }
  });

  describe.each(ROLES)("a %s", (role) => {
    it.each(PERMISSION_NAMES)("holds %s exactly when the table says so", (permission) => {
      const holds = HOLDERS[permission].includes(role);
      expect(can(actor(role), permission)).toBe(holds);
      expect(roleAtLeast(role, PERMISSIONS[permission])).toBe(holds);
      if (holds) {
        expect(authorize(actor(role), permission)).toEqual(actor(role));
      } else {
        const err = thrown(() => authorize(actor(role), permission));
        expect(err.code).toBe("forbidden");
        expect(err.message).toBe(`Your role (${role}) does not allow this action.`);
      }
    });
  });

  it("denies everything to anonymous visitors: unauthenticated, not forbidden", () => {
    for (const permission of PERMISSION_NAMES) {
      expect(can(null, permission)).toBe(false);
      const err = thrown(() => authorize(null, permission));
      expect(err.code).toBe("unauthenticated");
      expect(err.message).toBe("Please sign in to continue.");
    }
  });

  it("refuses a user with a temporary password everything, unless the check allows it", () => {
    const admin = { ...actor("admin"), mustChangePassword: true };
    for (const permission of PERMISSION_NAMES) {
      const err = thrown(() => authorize(admin, permission));
      expect(err.code).toBe("forbidden");
      expect(err.message).toBe(PASSWORD_CHANGE_REQUIRED_MESSAGE);
      expect(authorize(admin, permission, { whileTemporaryPassword: true })).toBe(admin);
    }
    // The exemption does not lift the role check.
    const viewer = { ...actor("viewer"), mustChangePassword: true };
    expect(
      thrown(() => authorize(viewer, "user:manage", { whileTemporaryPassword: true })).message,
    ).toBe("Your role (viewer) does not allow this action.");
  });
});

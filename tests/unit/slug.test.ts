import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "@/lib/core/articles/slug";

describe("slugify", () => {
  it("makes lower-case ASCII words joined by single hyphens", () => {
    expect(slugify("How does Stem Cell Therapy Treat Kidney Failure")).toBe(
      "how-does-stem-cell-therapy-treat-kidney-failure",
    );
    expect(slugify("  COVID-19:  what   we know (so far)?! ")).toBe("covid-19-what-we-know-so-far");
    expect(slugify("a_b.c/d\\e")).toBe("a-b-c-d-e");
  });

  it("drops accents and compatibility forms, and whatever has no ASCII form", () => {
    expect(slugify("Café naïve à l’hôpital")).toBe("cafe-naive-a-l-hopital");
    expect(slugify("Ærø ﬁle №5")).toBe("r-file-no5");
    expect(slugify("干细胞 therapy 🧬")).toBe("therapy");
  });

  it('falls back to "article" when nothing is left', () => {
    expect(slugify("")).toBe("article");
    expect(slugify("干细胞疗法")).toBe("article");
    expect(slugify("--- !!! ---")).toBe("article");
  });

  it("keeps at most 80 characters and never ends with a hyphen", () => {
    const long = slugify("word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // The cut falls just after a hyphen here: it is removed.
    const cut = slugify(`${"a".repeat(79)} b`);
    expect(cut).toBe("a".repeat(79));
    expect(slugify("x".repeat(200))).toBe("x".repeat(80));
  });

  it("always gives a valid slug", () => {
    for (const title of ["A", "1 2 3", " - a - ", "Ünïcödé", "a\u0301b", "\u00a0x\u00a0"]) {
      expect(slugify(title), title).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe("uniqueSlug", () => {
  it("keeps the base when it is free", () => {
    expect(uniqueSlug("stem-cells", [])).toBe("stem-cells");
    expect(uniqueSlug("stem-cells", ["stem-cells-2", "stem-cells-extra"])).toBe("stem-cells");
  });

  it("numbers from 2 and fills the first gap", () => {
    expect(uniqueSlug("stem-cells", ["stem-cells"])).toBe("stem-cells-2");
    expect(uniqueSlug("stem-cells", ["stem-cells", "stem-cells-2", "stem-cells-3"])).toBe(
      "stem-cells-4",
    );
    expect(uniqueSlug("stem-cells", new Set(["stem-cells", "stem-cells-3"]))).toBe("stem-cells-2");
  });
});

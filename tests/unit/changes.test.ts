import { describe, expect, it } from "vitest";
import { fieldChanges } from "@/lib/core/changes";

describe("fieldChanges", () => {
  const current = { title: "Statins", year: 2019 as number | null, tags: ["a", "b"], note: "x" };

  it("names only the fields that differ, with their values before and after", () => {
    const diff = fieldChanges(current, { title: "Statins", year: 2020, tags: ["a", "b"] });
    expect(diff).toEqual({ before: { year: 2019 }, after: { year: 2020 }, changed: true });
  });

  it("compares arrays and null by value, and says when nothing changed", () => {
    expect(fieldChanges(current, { tags: ["a", "b"], year: 2019 }).changed).toBe(false);
    expect(fieldChanges(current, { tags: ["b", "a"] }).after).toEqual({ tags: ["b", "a"] });
    expect(fieldChanges(current, { year: null })).toEqual({
      before: { year: 2019 },
      after: { year: null },
      changed: true,
    });
  });

  it("leaves out fields the save does not send", () => {
    expect(fieldChanges(current, {})).toEqual({ before: {}, after: {}, changed: false });
    expect(Object.keys(fieldChanges(current, { note: "y" }).after)).toEqual(["note"]);
  });
});

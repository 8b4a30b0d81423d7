import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { MAX_ARTICLE_TEXT } from "@/lib/core/limits/articles";
import { MAX_QUOTE } from "@/lib/core/limits/claims";
import { importTextSchema, transitionArticleSchema } from "@/lib/core/validation/articles";
import {
  assignClaimSchema,
  createClaimSchema,
  setEditorNoteSchema,
  updateClaimSchema,
} from "@/lib/core/validation/claims";
import { addCommentSchema, MAX_COMMENT } from "@/lib/core/validation/comments";
import { id, optionalHttpUrl, optionalText, text, version } from "@/lib/core/validation/common";
import { addEvidenceSchema } from "@/lib/core/validation/evidence";
import {
  changeRoleSchema,
  createUserSchema,
  setupSchema,
  signInSchema,
} from "@/lib/core/validation/users";
import { toFieldErrors } from "@/lib/server/action";

const UUID = "6f1c2b7e-8d2a-4c1e-9b1a-0a1b2c3d4e5f";

function ok<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(JSON.stringify(toFieldErrors(result.error)));
  return result.data;
}

function errors(schema: z.ZodType, value: unknown): Record<string, string[]> {
  const result = schema.safeParse(value);
  return result.success ? {} : toFieldErrors(result.error);
}

describe("common building blocks", () => {
  it("trims text and bounds it, with the field's label in the message", () => {
    const title = text(5, 1, "Title");
    expect(ok(title, "  abc  ")).toBe("abc");
    expect(errors(title, "   ")).toEqual({ _form: ["Title is required."] });
    expect(errors(title, "abcdef")).toEqual({ _form: ["Title can be at most 5 characters."] });
    expect(errors(title, 42)).toEqual({ _form: ["Title must be text."] });
    expect(errors(text(10, 3, "Name"), "ab")).toEqual({
      _form: ["Name needs at least 3 characters."],
    });
    expect(errors(text(20_000), "x".repeat(20_001))).toEqual({
      _form: ["This field can be at most 20,000 characters."],
    });
  });

  it("turns empty optional text into null", () => {
    const field = optionalText(10);
    expect(ok(field, "")).toBeNull();
    expect(ok(field, "   ")).toBeNull();
    expect(ok(field, null)).toBeNull();
    expect(ok(field, undefined)).toBeNull();
    expect(ok(field, " Jane ")).toBe("Jane");
    expect(errors(field, "x".repeat(11))._form).toHaveLength(1);
  });

  it("accepts http(s) URLs only: no javascript:, data:, relative or other schemes", () => {
    const url = optionalHttpUrl("Source URL");
    expect(ok(url, " https://example.org/a?b=c#d ")).toBe("https://example.org/a?b=c#d");
    expect(ok(url, "HTTP://EXAMPLE.ORG")).toBe("HTTP://EXAMPLE.ORG");
    expect(ok(url, "")).toBeNull();
    expect(ok(url, null)).toBeNull();
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      " javascript://example.org/%0aalert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "/relative/path",
      "//example.org/protocol-relative",
      "example.org",
      "ftp://example.org/file",
      "https://",
      "https:// spaced.example.org",
      "mailto:desk@example.org",
    ]) {
      expect(errors(url, bad), bad).toEqual({
        _form: ["Source URL must start with http:// or https://."],
      });
    }
    expect(errors(url, `https://example.org/${"a".repeat(2048)}`)._form?.[0]).toBe(
      "Source URL can be at most 2,048 characters.",
    );
  });

  it("takes ids as UUIDs and versions as positive integers", () => {
    expect(ok(id(), UUID)).toBe(UUID);
    expect(errors(id(), "42")).toEqual({ _form: ["Not a valid id."] });
    expect(errors(id(), "'; DROP TABLE claims; --")).toEqual({ _form: ["Not a valid id."] });
    expect(ok(version(), 3)).toBe(3);
    for (const bad of [0, -1, 1.5, "1"])
      expect(version().safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe("article inputs", () => {
  const article = { title: "Stem cells", text: "Some text." };

  it("normalises the import fields", () => {
    expect(
      ok(importTextSchema, {
        ...article,
        title: "  Stem cells ",
        sourceUrl: "",
        originalAuthor: " ",
        originalPublishedAt: "2016-04-02",
      }),
    ).toEqual({
      title: "Stem cells",
      text: "Some text.",
      sourceUrl: null,
      originalAuthor: null,
      originalPublishedAt: "2016-04-02",
    });
    // The title may be left empty: the first paragraph is used then.
    expect(ok(importTextSchema, { ...article, title: "" }).title).toBe("");
  });

  it("refuses empty or over-long text, long titles and unsafe source URLs", () => {
    expect(errors(importTextSchema, { ...article, text: " \n " })).toEqual({
      text: ["Article text is required."],
    });
    expect(
      errors(importTextSchema, { ...article, text: "x".repeat(MAX_ARTICLE_TEXT + 1) }),
    ).toEqual({
      text: ["Article text can be at most 2,000,000 characters."],
    });
    expect(errors(importTextSchema, { ...article, title: "t".repeat(301) })).toEqual({
      title: ["Title can be at most 300 characters."],
    });
    expect(errors(importTextSchema, { ...article, sourceUrl: "javascript:alert(1)" })).toEqual({
      sourceUrl: ["Source URL must start with http:// or https://."],
    });
    expect(
      errors(importTextSchema, { ...article, originalAuthor: "a".repeat(201) }).originalAuthor,
    ).toEqual(["Original author can be at most 200 characters."]);
  });

  it("takes a known transition, the version read and an optional note", () => {
    expect(
      ok(transitionArticleSchema, { articleId: UUID, transition: "approve", version: 2 }),
    ).toEqual({ articleId: UUID, transition: "approve", version: 2, note: "" });
    const bad = errors(transitionArticleSchema, {
      articleId: "x",
      transition: "delete",
      version: 0,
      note: "n".repeat(2001),
    });
    expect(Object.keys(bad).sort()).toEqual(["articleId", "note", "transition", "version"]);
  });
});

describe("claim inputs", () => {
  const selection = { revisionId: UUID, start: 10, end: 20, exact: "0123456789" };

  it("accepts a selection", () => {
    expect(ok(createClaimSchema, selection)).toEqual(selection);
  });

  it("refuses empty and reversed selections at the end field", () => {
    expect(errors(createClaimSchema, { ...selection, end: 10 })).toEqual({
      end: ["The selection is empty."],
    });
    expect(errors(createClaimSchema, { ...selection, start: 30, end: 20 })).toEqual({
      end: ["The selection is empty."],
    });
  });

  it("refuses selections longer than 5,000 characters, by range and by quote", () => {
    expect(MAX_QUOTE).toBe(5_000);
    expect(ok(createClaimSchema, { ...selection, start: 0, end: 5_000 }).end).toBe(5_000);
    expect(errors(createClaimSchema, { ...selection, start: 0, end: 5_001 })).toEqual({
      end: ["Select at most 5,000 characters."],
    });
    expect(errors(createClaimSchema, { ...selection, exact: "x".repeat(5_001) })).toEqual({
      exact: ["Select at most 5,000 characters."],
    });
  });

  it("refuses an empty quote, negative or fractional offsets and a bad revision id", () => {
    expect(errors(createClaimSchema, { ...selection, exact: "" })).toEqual({
      exact: ["Select some text first."],
    });
    expect(Object.keys(errors(createClaimSchema, { ...selection, start: -1 }))).toEqual(["start"]);
    expect(Object.keys(errors(createClaimSchema, { ...selection, end: 12.5 }))).toEqual(["end"]);
    expect(errors(createClaimSchema, { ...selection, revisionId: "r1" })).toEqual({
      revisionId: ["Not a valid id."],
    });
  });

  it("checks the review fields with readable messages", () => {
    const update = {
      claimId: UUID,
      version: 1,
      status: "resolved",
      verdict: "accurate",
      severity: "high",
      rationale: " Because. ",
      suggestedCorrection: "",
    };
    expect(ok(updateClaimSchema, update)).toMatchObject({ rationale: "Because." });
    expect(ok(updateClaimSchema, { ...update, verdict: null }).verdict).toBeNull();
    expect(
      errors(updateClaimSchema, { ...update, status: "done", verdict: "true", severity: "" }),
    ).toEqual({
      status: ["Choose a status."],
      verdict: ["Choose a verdict."],
      severity: ["Choose a severity."],
    });
    expect(errors(updateClaimSchema, { ...update, rationale: "r".repeat(20_001) })).toEqual({
      rationale: ["Rationale can be at most 20,000 characters."],
    });
    expect(
      errors(setEditorNoteSchema, { claimId: UUID, version: 1, editorNote: "n".repeat(5_001) }),
    ).toEqual({ editorNote: ["Editor's note can be at most 5,000 characters."] });
    expect(ok(assignClaimSchema, { claimId: UUID, assigneeId: null }).assigneeId).toBeNull();
  });
});

describe("evidence identifiers", () => {
  const base = { claimId: UUID, title: "A trial", stance: "supports", studyDesign: "rct" };

  it("keeps the bare DOI of a https://doi.org/ link and refuses non-DOIs", () => {
    expect(ok(addEvidenceSchema, { ...base, doi: "https://doi.org/10.1000/xyz123" }).doi).toBe(
      "10.1000/xyz123",
    );
    expect(ok(addEvidenceSchema, { ...base, doi: "http://www.doi.org/10.1000/ab" }).doi).toBe(
      "10.1000/ab",
    );
    expect(errors(addEvidenceSchema, { ...base, doi: "https://doi.org/not-a-doi" }).doi).toEqual([
      "A DOI looks like 10.1000/xyz123 (a https://doi.org/… link works too).",
    ]);
    expect(errors(addEvidenceSchema, { ...base, doi: `10.1000/${"x".repeat(300)}` }).doi).toEqual([
      "A DOI can be at most 300 characters.",
    ]);
  });

  it("keeps the number of a PMID and refuses zero-padded or too long ones", () => {
    expect(ok(addEvidenceSchema, { ...base, pmid: "pmid 23133515" }).pmid).toBe("23133515");
    expect(
      ok(addEvidenceSchema, { ...base, pmid: "https://pubmed.ncbi.nlm.nih.gov/23133515/" }).pmid,
    ).toBe("23133515");
    for (const pmid of ["0123", "1234567890", "12a"]) {
      expect(errors(addEvidenceSchema, { ...base, pmid }).pmid, pmid).toHaveLength(1);
    }
  });

  it("refuses javascript: links as evidence URLs", () => {
    expect(errors(addEvidenceSchema, { ...base, url: "javascript:alert(1)" }).url).toEqual([
      "URL must start with http:// or https://.",
    ]);
  });

  it("bounds the year between 1800 and next year", () => {
    const next = new Date().getFullYear() + 1;
    expect(ok(addEvidenceSchema, { ...base, year: "1800" }).year).toBe(1800);
    expect(ok(addEvidenceSchema, { ...base, year: next }).year).toBe(next);
    expect(errors(addEvidenceSchema, { ...base, year: 1799 }).year).toEqual([
      "Year must be 1800 or later.",
    ]);
    expect(errors(addEvidenceSchema, { ...base, year: String(next + 1) }).year).toEqual([
      `Year must be ${next} or earlier.`,
    ]);
    expect(errors(addEvidenceSchema, { ...base, year: "20.5" }).year).toEqual([
      "Year must be a whole number, such as 2019.",
    ]);
  });

  it("refuses an over-long title", () => {
    expect(errors(addEvidenceSchema, { ...base, title: "t".repeat(501) }).title).toEqual([
      "Title can be at most 500 characters.",
    ]);
  });
});

describe("user inputs", () => {
  const user = {
    name: "Ada",
    email: " Ada@Example.ORG ",
    password: "correct horse battery",
    role: "editor",
  };

  it("lower-cases and trims e-mail addresses", () => {
    expect(ok(createUserSchema, user)).toEqual({ ...user, email: "ada@example.org" });
    expect(ok(setupSchema, { ...user, role: undefined }).email).toBe("ada@example.org");
    expect(ok(signInSchema, { email: " X@Y.Z ", password: "p" }).email).toBe("x@y.z");
  });

  it("refuses bad e-mail addresses, short or long passwords and unknown roles", () => {
    expect(
      errors(createUserSchema, {
        ...user,
        email: "not-an-address",
        password: "short",
        role: "root",
      }),
    ).toEqual({
      email: ["Enter a valid e-mail address."],
      password: ["Password needs at least 10 characters."],
      role: ["Choose a role."],
    });
    expect(errors(createUserSchema, { ...user, password: "p".repeat(201) })).toEqual({
      password: ["Password can be at most 200 characters."],
    });
    expect(errors(createUserSchema, { ...user, email: `${"a".repeat(250)}@x.org` })).toEqual({
      email: ["E-mail can be at most 254 characters."],
    });
    expect(errors(setupSchema, { ...user, name: " " })).toEqual({ name: ["Name is required."] });
    expect(errors(changeRoleSchema, { userId: UUID, role: "owner" })).toEqual({
      role: ["Choose a role."],
    });
  });
});

describe("comment inputs", () => {
  it("requires a body of at most 10,000 characters", () => {
    expect(ok(addCommentSchema, { claimId: UUID, body: " Looks right. " }).body).toBe(
      "Looks right.",
    );
    expect(errors(addCommentSchema, { claimId: UUID, body: "  " })).toEqual({
      body: ["Comment is required."],
    });
    expect(errors(addCommentSchema, { claimId: UUID, body: "b".repeat(MAX_COMMENT + 1) })).toEqual({
      body: ["Comment can be at most 10,000 characters."],
    });
  });
});

/**
 * The coordinate space of claims: `buildTextMap` computes ProseMirror positions from the JSON
 * by hand, so here the same JSON is turned into a real ProseMirror document with the editor's
 * own schema (lib/editor/extensions.ts) and every segment is checked against it. If these
 * agree, the server (which only has the JSON) and the browser (which has the editor) agree.
 */
import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import {
  type DocBlock,
  type DocInline,
  type DocListItem,
  type DocMark,
  type DocRoot,
  docSchema,
} from "@/lib/core/document/schema";
import {
  BLOCK_SEPARATOR,
  buildTextMap,
  docToPlainText,
  offsetToPos,
  posToOffset,
  type TextMap,
} from "@/lib/core/document/text-map";
import { articleExtensions } from "@/lib/editor/extensions";

const schema = getSchema(articleExtensions());

/** The JSON as the editor holds it: parsed by the editor's schema and checked against it. */
function toProseMirror(doc: DocRoot): PMNode {
  const node = PMNode.fromJSON(schema, doc);
  node.check();
  return node;
}

/** ProseMirror's text of a range, with the text map's conventions for blocks and hard breaks. */
const pmText = (pm: PMNode, from: number, to: number) =>
  pm.textBetween(from, to, BLOCK_SEPARATOR, "\n");

const p = (...content: DocInline[]): DocBlock => ({ type: "paragraph", content });
const t = (text: string, marks?: DocMark[]): DocInline =>
  marks ? { type: "text", text, marks } : { type: "text", text };
const br: DocInline = { type: "hardBreak" };
const bold: DocMark = { type: "bold" };
const italic: DocMark = { type: "italic" };
const link = (href: string): DocMark => ({ type: "link", attrs: { href } });
const li = (...content: DocBlock[]): DocListItem => ({ type: "listItem", content });

const DOCS: Record<string, DocRoot> = {
  "a single paragraph": { type: "doc", content: [p(t("Stem cells repair kidneys."))] },

  "headings and paragraphs": {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [t("How does it work?")] },
      p(t("Stem cells differentiate into renal cells.")),
      { type: "heading", attrs: { level: 2 }, content: [t("Risks")] },
      { type: "heading", attrs: { level: 3 }, content: [t("Side effects")] },
      p(t("There are some.")),
    ],
  },

  "marks: bold, italic, links and combinations": {
    type: "doc",
    content: [
      p(
        t("Plain "),
        t("bold", [bold]),
        t(" and "),
        t("italic", [italic]),
        t(" and "),
        t("both", [bold, italic]),
        t(", a "),
        t("link", [link("https://example.org/a?b=c")]),
        t(" and a "),
        t("bold link", [link("mailto:desk@example.org"), bold]),
        t("."),
      ),
    ],
  },

  "hard breaks, also leading, trailing and doubled": {
    type: "doc",
    content: [
      p(t("Line one"), br, t("line two"), br, br, t("after two breaks")),
      p(br, t("starts with a break")),
      p(t("ends with a break"), br),
      p(br),
      p(t("last")),
    ],
  },

  "empty paragraphs at the start, between blocks and at the end": {
    type: "doc",
    content: [
      { type: "paragraph" },
      p(),
      p(t("First text.")),
      { type: "paragraph" },
      { type: "paragraph", content: [] },
      p(t("Second text.")),
      { type: "heading", attrs: { level: 2 } },
      p(t("Third text.")),
      { type: "paragraph" },
    ],
  },

  "bullet and ordered lists, nested, with several paragraphs per item": {
    type: "doc",
    content: [
      p(t("Before the list.")),
      {
        type: "bulletList",
        content: [
          li(p(t("first bullet"))),
          li(p(t("second bullet")), p(t("its second paragraph")), {
            type: "orderedList",
            attrs: { start: 3 },
            content: [li(p(t("three"))), li(p(t("four", [bold])))],
          }),
          li(p()),
          li(p(t("after an empty item"))),
        ],
      },
      {
        type: "orderedList",
        content: [li(p(t("one"))), li(p(t("two"), br, t("two, second line")))],
      },
      p(t("After the lists.")),
    ],
  },

  "nested blockquotes with lists inside": {
    type: "doc",
    content: [
      {
        type: "blockquote",
        content: [
          p(t("Quoted.")),
          {
            type: "blockquote",
            content: [
              p(t("Quoted twice.")),
              { type: "blockquote", content: [p(t("Thrice", [italic]))] },
            ],
          },
          { type: "bulletList", content: [li(p(t("a quoted bullet")))] },
        ],
      },
      p(t("Outside.")),
      { type: "blockquote", content: [p()] },
      { type: "blockquote", content: [p(t("Last quote."))] },
    ],
  },

  "non-ASCII: accents, CJK, emoji (surrogate pairs) and combining marks": {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [t("Cellules souches — rein")] },
      p(t("Ça coûte cher à l’hôpital, naïve café."), br, t("Zürich, Øresund, ﬁ ligature.")),
      p(t("干细胞疗法"), t("治疗肾衰竭", [bold]), t("。한국어도.")),
      p(t("Emoji 😀👍🏽 and 🧬🩺"), t("👨‍👩‍👧", [italic]), t(" family.")),
      { type: "bulletList", content: [li(p(t("e\u0301 (combining), 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")))] },
      p(t("𠀀 is outside the BMP, too.", [link("https://例え.jp/路径")])),
    ],
  },

  "everything at once": {
    type: "doc",
    content: [
      { type: "paragraph" },
      { type: "heading", attrs: { level: 1 }, content: [t("Title 🧪")] },
      p(t("Intro with "), t("bold", [bold]), br, t("and a break.")),
      {
        type: "blockquote",
        content: [
          {
            type: "orderedList",
            content: [
              li(p(t("quoted ordered")), {
                type: "bulletList",
                content: [li(p(t("deep 日本")), { type: "blockquote", content: [p(t("deeper"))] })],
              }),
            ],
          },
        ],
      },
      p(),
      p(t("The end.")),
    ],
  },
};

function hasEmptyTextblock(doc: PMNode): boolean {
  let empty = false;
  doc.descendants((node) => {
    if (node.isTextblock && node.content.size === 0) empty = true;
  });
  return empty;
}

/** Every [from, to) of plain-text offsets that begin and end inside (or at the end of) text. */
function offsetsInSegments(map: TextMap): number[] {
  const out: number[] = [];
  for (const seg of map.segments) {
    for (let o = seg.offset; o < seg.offset + seg.length; o++) out.push(o);
  }
  return out;
}

describe.each(Object.entries(DOCS))("text map of %s", (_name, doc) => {
  const pm = toProseMirror(doc);
  const map = buildTextMap(doc);

  it("is a valid article document for both schemas", () => {
    expect(docSchema.safeParse(doc).success).toBe(true);
    expect(() => toProseMirror(doc)).not.toThrow();
    expect(pm.toJSON()).toMatchObject({ type: "doc" });
  });

  it("gives each segment exactly ProseMirror's text at the segment's position", () => {
    expect(map.segments.length).toBeGreaterThan(0);
    for (const seg of map.segments) {
      expect(seg.pos + seg.length).toBeLessThanOrEqual(pm.content.size);
      expect(pmText(pm, seg.pos, seg.pos + seg.length)).toBe(
        map.text.slice(seg.offset, seg.offset + seg.length),
      );
      // Without the hard-break convention, text segments are still ProseMirror's own text.
      const raw = pm.textBetween(seg.pos, seg.pos + seg.length);
      const own = map.text.slice(seg.offset, seg.offset + seg.length);
      if (own !== "\n") expect(raw).toBe(own);
    }
  });

  it("keeps segments ordered and contiguous within a block, separated by \\n\\n between blocks", () => {
    for (let i = 1; i < map.segments.length; i++) {
      const prev = map.segments[i - 1] as (typeof map.segments)[number];
      const seg = map.segments[i] as (typeof map.segments)[number];
      expect(seg.pos).toBeGreaterThanOrEqual(prev.pos + prev.length);
      const gap = map.text.slice(prev.offset + prev.length, seg.offset);
      const sameBlock = pm.resolve(prev.pos).parent === pm.resolve(seg.pos).parent;
      if (sameBlock) {
        expect(gap).toBe("");
        expect(seg.pos).toBe(prev.pos + prev.length);
      } else {
        expect(gap).toBe(BLOCK_SEPARATOR);
      }
    }
    const last = map.segments.at(-1);
    expect(last && last.offset + last.length).toBe(map.text.length);
  });

  it("has ProseMirror's block text, empty text blocks aside", () => {
    const whole = pmText(pm, 0, pm.content.size);
    if (hasEmptyTextblock(pm)) {
      // ProseMirror separates empty blocks too; the plain text skips them (nothing to claim).
      expect(whole.replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "")).toBe(
        map.text.replace(/^\n+|\n+$/g, ""),
      );
    } else {
      expect(whole).toBe(map.text);
    }
    expect(docToPlainText(doc)).toBe(map.text);
  });

  it("round-trips every offset inside the text through a ProseMirror position", () => {
    for (const offset of offsetsInSegments(map)) {
      const start = offsetToPos(map, offset, "start");
      expect(posToOffset(map, start)).toBe(offset);
      // A range end at offset + 1 is the position after that character.
      const end = offsetToPos(map, offset + 1, "end");
      expect(end).toBe(start + 1);
      expect(posToOffset(map, end)).toBe(offset + 1);
    }
  });

  it("round-trips every position inside a segment through a plain-text offset", () => {
    for (const seg of map.segments) {
      for (let pos = seg.pos; pos <= seg.pos + seg.length; pos++) {
        const offset = posToOffset(map, pos);
        const side = pos === seg.pos + seg.length ? "end" : "start";
        expect(offsetToPos(map, offset, side)).toBe(pos);
      }
    }
  });

  it("maps every position, between blocks too, as a walk over the segments would", () => {
    // posToOffset's binary search against the plain rule it replaced.
    const walk = (pos: number) => {
      for (const seg of map.segments) {
        if (pos < seg.pos) return seg.offset;
        if (pos <= seg.pos + seg.length) return seg.offset + (pos - seg.pos);
      }
      return map.text.length;
    };
    for (let pos = 0; pos <= pm.content.size + 1; pos++)
      expect(posToOffset(map, pos)).toBe(walk(pos));
  });

  it("gives any plain-text range the same text in ProseMirror", () => {
    const inside = offsetsInSegments(map);
    const step = Math.max(1, Math.floor(inside.length / 60));
    for (let i = 0; i < inside.length; i += step) {
      for (let j = i; j < inside.length; j += step) {
        const from = inside[i] as number;
        const to = (inside[j] as number) + 1;
        const pmFrom = offsetToPos(map, from, "start");
        const pmTo = offsetToPos(map, to, "end");
        const expected = map.text.slice(from, to);
        const actual = pmText(pm, pmFrom, pmTo);
        if (hasEmptyTextblock(pm)) {
          expect(actual.replace(/\n{3,}/g, "\n\n")).toBe(expected.replace(/\n{3,}/g, "\n\n"));
        } else {
          expect(actual).toBe(expected);
        }
      }
    }
  });
});

describe("plain text", () => {
  it('separates blocks with "\\n\\n" and hard breaks with "\\n"', () => {
    expect(docToPlainText(DOCS["headings and paragraphs"] as DocRoot)).toBe(
      "How does it work?\n\nStem cells differentiate into renal cells.\n\nRisks\n\nSide effects\n\nThere are some.",
    );
    expect(docToPlainText(DOCS["hard breaks, also leading, trailing and doubled"] as DocRoot)).toBe(
      "Line one\nline two\n\nafter two breaks\n\n\nstarts with a break\n\nends with a break\n\n\n\n\n\nlast",
    );
  });

  it("puts list items and quotes as blocks of their own, and skips empty blocks", () => {
    expect(
      docToPlainText(
        DOCS["bullet and ordered lists, nested, with several paragraphs per item"] as DocRoot,
      ),
    ).toBe(
      [
        "Before the list.",
        "first bullet",
        "second bullet",
        "its second paragraph",
        "three",
        "four",
        "after an empty item",
        "one",
        "two\ntwo, second line",
        "After the lists.",
      ].join("\n\n"),
    );
    expect(
      docToPlainText(
        DOCS["empty paragraphs at the start, between blocks and at the end"] as DocRoot,
      ),
    ).toBe("First text.\n\nSecond text.\n\nThird text.");
  });

  it("counts offsets in UTF-16 units, as JavaScript strings and ProseMirror do", () => {
    const doc: DocRoot = { type: "doc", content: [p(t("😀a")), p(t("b"))] };
    const map = buildTextMap(doc);
    expect(map.text).toBe("😀a\n\nb");
    expect(map.segments).toEqual([
      { pos: 1, offset: 0, length: 3 },
      { pos: 6, offset: 5, length: 1 },
    ]);
    const pm = toProseMirror(doc);
    expect(pm.textBetween(offsetToPos(map, 2, "start"), offsetToPos(map, 3, "end"))).toBe("a");
  });

  it("maps an offset inside a separator to the next block for a start, the previous for an end", () => {
    const doc = DOCS["headings and paragraphs"] as DocRoot;
    const map = buildTextMap(doc);
    const [first, second] = map.segments as [TextMap["segments"][0], TextMap["segments"][0]];
    const sepStart = first.offset + first.length;
    for (const offset of [sepStart, sepStart + 1]) {
      expect(offsetToPos(map, offset, "start")).toBe(second.pos);
      expect(offsetToPos(map, offset, "end")).toBe(first.pos + first.length);
    }
    // A position between blocks maps to the start of the next text.
    expect(posToOffset(map, first.pos + first.length + 1)).toBe(second.offset);
    expect(posToOffset(map, 0)).toBe(0);
    expect(posToOffset(map, 10_000)).toBe(map.text.length);
  });

  it("has no segments and position 1 for an empty document", () => {
    const map = buildTextMap({ type: "doc", content: [{ type: "paragraph" }] });
    expect(map).toEqual({ text: "", segments: [] });
    expect(offsetToPos(map, 0, "start")).toBe(1);
    expect(posToOffset(map, 1)).toBe(0);
  });
});

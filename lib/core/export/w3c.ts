/**
 * W3C Web Annotation JSON-LD: one AnnotationPage holding, per claim, an Annotation on the quoted
 * text (TextQuoteSelector, plus a TextPositionSelector while the claim is anchored), so other
 * annotation tools (Hypothesis and the like) can show our fact-check on the article.
 *
 * - A claim with a verdict is motivated `assessing`: a body with purpose `assessing` holds the
 *   verdict label, one with purpose `describing` the rationale (markdown, as written), one with
 *   purpose `editing` the suggested correction, and one with purpose `classifying` the
 *   workflow status label (every claim has that one), so that our own file imports back whole. A claim still being checked is `highlighting`:
 *   it marks check-worthy text and says where its check stands.
 * - An editor's note is its own Annotation, motivated `commenting`, on the same text: it has
 *   another author (the publishing organization, not the reviewer), and consumers filter on
 *   the motivation (DESIGN: "assessing for verdicts, commenting for notes").
 * - Positions count UTF-16 units in the revision's plain text (`text-map.ts`), the text a
 *   reader sees, blocks separated by blank lines.
 * - Annotations are named after the claim's number, which stays the same from revision to
 *   revision (note numbers do not), under the article's URL: `<source>#annotation-<number>`.
 * - Identifiers must be absolute URIs (the W3C test suite's MUSTs): without an organization
 *   URL or an explicit `sourceUrl`, the article is named `urn:claimdesk:article:<slug>`.
 */
import { CLAIM_STATUS_LABELS, VERDICT_INFO } from "@/lib/core/vocabulary";
import type { ExportClaim, ExportModel } from "./model";
import { type ExportOptions, isAbsoluteUrl, sourceUrlOf } from "./public-url";

export const W3C_EXPORT = {
  mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
  extension: "annotations.jsonld",
} as const;

const CONTEXT = "http://www.w3.org/ns/anno.jsonld";

interface Agent {
  type: "Person" | "Organization" | "Software";
  name: string;
  homepage?: string;
}

interface TextualBody {
  type: "TextualBody";
  purpose: "assessing" | "describing" | "editing" | "commenting" | "classifying";
  value: string;
  format: "text/plain" | "text/markdown";
}

type Selector =
  | { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string }
  | { type: "TextPositionSelector"; start: number; end: number };

export interface W3cAnnotation {
  "@context": typeof CONTEXT;
  id: string;
  type: "Annotation";
  motivation: "assessing" | "highlighting" | "commenting";
  created?: string;
  modified: string;
  creator: Agent;
  generator: Agent;
  generated: string;
  body: TextualBody[];
  target: { source: string; selector: Selector[] };
}

export interface W3cAnnotationPage {
  "@context": typeof CONTEXT;
  id: string;
  type: "AnnotationPage";
  label: string;
  startIndex: 0;
  items: W3cAnnotation[];
}

const GENERATOR: Agent = { type: "Software", name: "Claimdesk" };

function organizationAgent(model: ExportModel): Agent {
  const url = model.organization.url;
  return url && isAbsoluteUrl(url)
    ? { type: "Organization", name: model.organization.name, homepage: url }
    : { type: "Organization", name: model.organization.name };
}

function target(source: string, claim: ExportClaim): W3cAnnotation["target"] {
  const selector: Selector[] = [{ type: "TextQuoteSelector", ...claim.quote }];
  if (claim.position) selector.push({ type: "TextPositionSelector", ...claim.position });
  return { source, selector };
}

function assessmentBodies(claim: ExportClaim): TextualBody[] {
  const bodies: TextualBody[] = claim.verdict
    ? [
        {
          type: "TextualBody",
          purpose: "assessing",
          value: VERDICT_INFO[claim.verdict].label,
          format: "text/plain",
        },
      ]
    : [
        {
          type: "TextualBody",
          purpose: "describing",
          value: `Not yet checked (${CLAIM_STATUS_LABELS[claim.status]}).`,
          format: "text/plain",
        },
      ];
  if (claim.rationale.trim()) {
    bodies.push({
      type: "TextualBody",
      purpose: "describing",
      value: claim.rationale,
      format: "text/markdown",
    });
  }
  if (claim.suggestedCorrection.trim()) {
    bodies.push({
      type: "TextualBody",
      purpose: "editing",
      value: claim.suggestedCorrection,
      format: "text/plain",
    });
  }
  // The workflow status by its label: a verdict may stand while the check is still in
  // progress, and re-importing this file (lib/core/annotations/parse.ts) restores it.
  bodies.push({
    type: "TextualBody",
    purpose: "classifying",
    value: CLAIM_STATUS_LABELS[claim.status],
    format: "text/plain",
  });
  return bodies;
}

/** The article's identifier in this export: the public URL when absolute, else a URN. */
export function w3cSource(model: ExportModel, options: ExportOptions = {}): string {
  const url = sourceUrlOf(model, options);
  return isAbsoluteUrl(url) && URL.canParse(url)
    ? url
    : `urn:claimdesk:article:${encodeURIComponent(model.article.slug)}`;
}

/** The AnnotationPage as an object (the tests validate it against the W3C schemas). */
export function buildW3cAnnotationPage(
  model: ExportModel,
  options: ExportOptions = {},
): W3cAnnotationPage {
  const source = w3cSource(model, options);
  const items: W3cAnnotation[] = [];
  for (const claim of model.claims) {
    items.push({
      "@context": CONTEXT,
      id: `${source}#annotation-${claim.number}`,
      type: "Annotation",
      motivation: claim.verdict ? "assessing" : "highlighting",
      created: claim.createdAt,
      modified: claim.updatedAt,
      creator: claim.reviewer ? { type: "Person", name: claim.reviewer } : organizationAgent(model),
      generator: GENERATOR,
      generated: model.generatedAt,
      body: assessmentBodies(claim),
      target: target(source, claim),
    });
    if (claim.editorNote?.trim()) {
      items.push({
        "@context": CONTEXT,
        id: `${source}#annotation-${claim.number}-editor-note`,
        type: "Annotation",
        motivation: "commenting",
        // The model does not record when the note was written, only the claim's last change.
        modified: claim.updatedAt,
        creator: organizationAgent(model),
        generator: GENERATOR,
        generated: model.generatedAt,
        body: [
          {
            type: "TextualBody",
            purpose: "commenting",
            value: claim.editorNote,
            format: "text/plain",
          },
        ],
        target: target(source, claim),
      });
    }
  }
  return {
    "@context": CONTEXT,
    id: `${source}#annotations-r${model.revision.number}`,
    type: "AnnotationPage",
    label: `Fact-check of “${model.article.title}”, revision ${model.revision.number}`,
    startIndex: 0,
    items,
  };
}

/** The export file: the AnnotationPage as indented JSON. */
export function renderW3cExport(model: ExportModel, options: ExportOptions = {}): string {
  return `${JSON.stringify(buildW3cAnnotationPage(model, options), null, 2)}\n`;
}

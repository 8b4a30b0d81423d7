/**
 * The little of citation-js's API the importer uses (the packages ship no types): parsing a
 * text of a known input type into CSL-JSON items. https://citation.js.org/api/0.7/
 */
declare module "@citation-js/core" {
  /** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
  export type CslItem = Record<string, unknown>;
  export const plugins: {
    input: {
      chain(
        input: unknown,
        options?: { forceType?: string; generateGraph?: boolean; maxChainLength?: number },
      ): CslItem[];
      type(input: unknown): string;
    };
    config: { get(name: string): Record<string, unknown> };
  };
  export const logger: { level: string };
}
declare module "@citation-js/plugin-ris";
declare module "@citation-js/plugin-bibtex";

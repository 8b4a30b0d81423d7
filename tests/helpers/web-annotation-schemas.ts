/**
 * The W3C Web Annotation Working Group's model test suite (JSON Schema draft-04), loaded as
 * `../shared/web-annotation-tests/USAGE.md` says: ajv-draft-04 with ajv-formats, the shared
 * definitions registered under their ids (their file names, which the assertions `$ref`), strict
 * mode off for the suite's own keywords (`assertionType`, `expectedResult`…). A manifest
 * (`*.test`) lists assertion schemas; a document conforms when it validates against each.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv, { type AnySchemaObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";

const root = path.resolve(import.meta.dirname, "../..");
export const WEB_ANNOTATION_SUITE = path.resolve(root, "../shared/web-annotation-tests");

export interface Assertion {
  /** The schema's path in the suite, as the manifest names it. */
  name: string;
  validate: ValidateFunction;
}

export interface WebAnnotationSuite {
  /** `annotations/annotationMusts.test`: a single Annotation. */
  annotationMusts: Assertion[];
  /** `collections/pages/pageMusts.test`: an AnnotationPage. */
  pageMusts: Assertion[];
  /** `collections/collectionMusts.test`: an AnnotationCollection. */
  collectionMusts: Assertion[];
}

const readJson = (file: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(WEB_ANNOTATION_SUITE, file), "utf8"));

function manifest(ajv: Ajv, file: string): Assertion[] {
  const { assertions } = readJson(file) as { assertions: string[] };
  return assertions.map((name) => ({
    name,
    validate: ajv.compile(readJson(name) as AnySchemaObject),
  }));
}

let loaded: WebAnnotationSuite | undefined;

/** The compiled MUST manifests (compiled once per test file). */
export function webAnnotationSuite(): WebAnnotationSuite {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(path.join(WEB_ANNOTATION_SUITE, "definitions")).sort()) {
    if (!file.endsWith(".json")) continue;
    ajv.addSchema(readJson(path.join("definitions", file)) as AnySchemaObject);
  }
  loaded = {
    annotationMusts: manifest(ajv, "annotations/annotationMusts.test"),
    pageMusts: manifest(ajv, "collections/pages/pageMusts.test"),
    collectionMusts: manifest(ajv, "collections/collectionMusts.test"),
  };
  return loaded;
}

/** The assertions `data` fails, each with ajv's first error, for a readable test failure. */
export function failedAssertions(assertions: Assertion[], data: unknown): string[] {
  return assertions.flatMap(({ name, validate }) =>
    validate(data)
      ? []
      : [
          `${name}: ${validate.errors?.[0]?.message ?? "invalid"} at ${validate.errors?.[0]?.instancePath || "/"}`,
        ],
  );
}

/** The suite's sample documents: `tools/samples/{correct,incorrect}/*.json`, raw text. */
export function samples(kind: "correct" | "incorrect"): { name: string; text: string }[] {
  const dir = path.join(WEB_ANNOTATION_SUITE, "tools", "samples", kind);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
}

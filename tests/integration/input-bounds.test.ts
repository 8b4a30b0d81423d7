/**
 * Input bounds of every action definition (found in the code, tests/helpers/action-registry.ts):
 * (1) its zod schema, read as JSON Schema, bounds every string's length, every array's size and
 * every number; (2) oversized and malformed bodies built from that schema are refused as a
 * validation error naming the field, and write nothing to any table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DbHandle } from "../../db/client";
import type { Actor } from "../../lib/core/auth/permissions";
import { executeAction } from "../../lib/server/action";
import { type AnyActionDefinition, discoverDefinitions } from "../helpers/action-registry";
import { createTestDatabase } from "../helpers/db";
import { claimQuote, createActor, importArticle } from "../helpers/fixtures";
import { countRows } from "../helpers/tables";

type Schema = { [key: string]: unknown };

/**
 * Fields that JSON Schema shows as unbounded but that are bounded another way, with the reason.
 * Keep this short: a new entry needs a reviewer's nod.
 */
const BOUNDED_ELSEWHERE: Record<string, string> = {
  "revision.save doc":
    "z.unknown() refined by withinDocLimits (64 levels, 200,000 nodes) before the document schema; the plain text's length is checked by the service, and the request body is capped by serverActions.bodySizeLimit",
  "evidence.add year": "a number is checked against 1800..next year in the schema's transform",
  "evidence.update year": "a number is checked against 1800..next year in the schema's transform",
  "reference.create year":
    "the evidence schema's year: checked against 1800..next year in its transform",
  "reference.update year":
    "the evidence schema's year: checked against 1800..next year in its transform",
};

const inputSchema = (def: AnyActionDefinition): Schema =>
  z.toJSONSchema(def.input, { io: "input", unrepresentable: "any" }) as Schema;

const asSchemas = (v: unknown): Schema[] => (Array.isArray(v) ? (v as Schema[]) : []);
const typesOf = (node: Schema): string[] =>
  Array.isArray(node.type)
    ? (node.type as string[])
    : typeof node.type === "string"
      ? [node.type]
      : [];

/** Where `node` (at path `at`) lets through a value of unbounded size; empty when none. */
function unboundedFields(node: Schema, at: string): string[] {
  const branches = [...asSchemas(node.anyOf), ...asSchemas(node.oneOf), ...asSchemas(node.allOf)];
  if (branches.length > 0) return branches.flatMap((b) => unboundedFields(b, at));
  if ("const" in node || "enum" in node) return [];
  const types = typesOf(node);
  if (types.length === 0) return [`${at}: accepts any value`];
  const out: string[] = [];
  for (const type of types) {
    if (type === "string" && node.maxLength === undefined && node.format !== "uuid") {
      out.push(`${at}: a string without a maximum length`);
    }
    if ((type === "number" || type === "integer") && node.maximum === undefined) {
      if (node.exclusiveMaximum === undefined) out.push(`${at}: a number without a maximum`);
    }
    if (type === "array") {
      if (node.maxItems === undefined) out.push(`${at}: a list without a maximum size`);
      if (node.items) out.push(...unboundedFields(node.items as Schema, `${at}[]`));
    }
    if (type === "object") {
      const props = (node.properties ?? {}) as Record<string, Schema>;
      for (const [key, child] of Object.entries(props)) {
        out.push(...unboundedFields(child, at ? `${at}.${key}` : key));
      }
      if (typeof node.additionalProperties === "object") {
        out.push(...unboundedFields(node.additionalProperties as Schema, `${at}.*`));
      }
    }
  }
  return out;
}

/** The top-level objects of a schema: one, or one per branch of a discriminated union. */
function objectBranches(schema: Schema): Schema[] {
  const branches = [...asSchemas(schema.oneOf), ...asSchemas(schema.anyOf)];
  return branches.length > 0 ? branches : [schema];
}

interface BadBody {
  what: string;
  field: string | null;
  body: unknown;
  /** For an over-long value: the message must say there is a limit. */
  saysLimit?: true;
}

const HUGE_LIST = Array.from({ length: 100_000 }, () => "x");

/** Malformed and oversized bodies for one action, from its JSON Schema. */
function badBodies(schema: Schema): BadBody[] {
  const out: BadBody[] = [
    { what: "no body", field: null, body: undefined },
    { what: "null", field: null, body: null },
    { what: "a string", field: null, body: "x".repeat(10_000) },
    { what: "a huge list", field: null, body: HUGE_LIST },
    { what: "an empty object (fields missing)", field: null, body: {} },
  ];
  for (const branch of objectBranches(schema)) {
    const props = (branch.properties ?? {}) as Record<string, Schema>;
    // The discriminator, so that the body reaches the branch whose fields are tested.
    const consts = Object.fromEntries(
      Object.entries(props)
        .filter(([, p]) => "const" in p)
        .map(([k, p]) => [k, p.const]),
    );
    for (const [field, prop] of Object.entries(props)) {
      if ("const" in prop) continue;
      const at = (body: unknown) => ({ ...consts, [field]: body });
      out.push({ what: `${field} as an object`, field, body: at({ nested: { deeper: [1] } }) });
      out.push({ what: `${field} as a 100,000-item list`, field, body: at(HUGE_LIST) });
      const variants = [prop, ...asSchemas(prop.anyOf)];
      const str = variants.find((v) => typesOf(v).includes("string") && v.maxLength !== undefined);
      if (str && typeof str.maxLength === "number") {
        const over = str.maxLength + 1;
        const value =
          str.format === "binary"
            ? new File([new Uint8Array(over)], "big.txt", { type: "text/plain" })
            : "x".repeat(over);
        out.push({ what: `${field} one over its limit`, field, body: at(value), saysLimit: true });
      }
      const list = variants.find((v) => typesOf(v).includes("array") && v.maxItems !== undefined);
      if (list && typeof list.maxItems === "number") {
        const item =
          ((list.items as Schema | undefined)?.enum as unknown[] | undefined)?.[0] ?? "x";
        const value = Array.from({ length: list.maxItems + 1 }, () => item);
        out.push({ what: `${field} one item over its limit`, field, body: at(value) });
      }
    }
  }
  return out;
}

let definitions: Map<string, AnyActionDefinition>;
beforeAll(async () => {
  definitions = await discoverDefinitions();
});

describe("every action's input schema bounds what it accepts", () => {
  it("has no unbounded string, list or number", () => {
    expect(definitions.size).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const def of definitions.values()) {
      for (const problem of unboundedFields(inputSchema(def), "")) {
        const field = problem.split(":")[0] ?? "";
        if (!(`${def.name} ${field}` in BOUNDED_ELSEWHERE)) problems.push(`${def.name} ${problem}`);
      }
    }
    expect(problems, `unbounded input fields:\n${problems.join("\n")}`).toEqual([]);
  });

  it("knows no exception for a field that no longer exists or is now bounded", () => {
    const found = new Set<string>();
    for (const def of definitions.values()) {
      for (const problem of unboundedFields(inputSchema(def), "")) {
        found.add(`${def.name} ${problem.split(":")[0]}`);
      }
    }
    const stale = Object.keys(BOUNDED_ELSEWHERE).filter((key) => !found.has(key));
    expect(stale, `remove from BOUNDED_ELSEWHERE: ${stale.join(", ")}`).toEqual([]);
  });
});

describe("malformed and oversized bodies are refused and change nothing", () => {
  let handle: DbHandle;
  let admin: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    admin = await createActor(handle.db, "admin");
    const editor = await createActor(handle.db, "editor");
    const reviewer = await createActor(handle.db, "reviewer");
    const article = await importArticle(handle.db, editor);
    await claimQuote(handle.db, reviewer, article.revisionId);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("refuses each with a validation error that names the field, and writes no row", async () => {
    const failures: string[] = [];
    let sent = 0;
    const before = await countRows(handle.db);
    for (const def of definitions.values()) {
      for (const bad of badBodies(inputSchema(def))) {
        sent++;
        // An admin, so that the role never hides what validation says.
        const result = await executeAction(def, { db: handle.db, actor: admin }, bad.body);
        const label = `${def.name} with ${bad.what}`;
        if (result.ok || result.error.code !== "validation") {
          failures.push(`${label}: ${JSON.stringify(result).slice(0, 200)}`);
          continue;
        }
        const { message, fieldErrors = {} } = result.error;
        const forField = bad.field
          ? Object.entries(fieldErrors).find(([key]) => key.split(".")[0] === bad.field)?.[1]
          : [message];
        if (!forField?.[0] || !/\w{3}/.test(forField[0])) {
          failures.push(`${label}: no message for ${bad.field}: ${JSON.stringify(fieldErrors)}`);
        } else if (
          bad.saysLimit &&
          !/at most|up to|limit|longer than|too (long|large)/i.test(forField[0])
        ) {
          failures.push(`${label}: "${forField[0]}" does not say what the limit is`);
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect(sent).toBeGreaterThan(definitions.size * 5);
    expect(await countRows(handle.db)).toEqual(before);
  });
});

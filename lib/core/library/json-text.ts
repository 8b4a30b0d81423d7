/**
 * Reading untrusted JSON text (a library file, a fact-checker's ClaimReview markup) before
 * anything recursive touches it: one linear, iterative scan checks the syntax and how deeply
 * objects and arrays nest, so a hostile file nested 100,000 levels deep is refused in a loop,
 * and a syntax error is told with its line and column (Node 20's `JSON.parse` names no
 * position). Only a text that passes is handed to `JSON.parse`. Pure.
 */

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Line and column (both from 1) of a UTF-16 offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The first syntax error of `text` as JSON, or nesting deeper than `maxDepth`: its offset and
 * what was wrong; null when the text is one valid JSON value.
 */
export function scanJson(
  text: string,
  maxDepth: number,
): { offset: number; problem: string } | null {
  // What each open container expects next: a value, a key, a comma or its close.
  const stack: ("array" | "object")[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const fail = (problem: string) => ({ offset: i, problem });
  /** Past a string from its opening quote; false when it is not closed or holds a raw control. */
  const readString = (): boolean => {
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[++i] ?? "";
        if (e === "u") {
          HEX4.lastIndex = i + 1;
          if (!HEX4.test(text)) return false;
          i += 4;
        } else if (!ESCAPES.has(e)) return false;
      }
    }
    return false;
  };
  // After a value: a comma, the container's close, or (at the top) the end.
  let expectValue = true;
  for (;;) {
    skipWs();
    if (expectValue) {
      const c = text[i];
      if (c === undefined) return fail("the text ends where a value was expected");
      if (c === "{" || c === "[") {
        if (stack.length >= maxDepth) {
          return fail(`objects and arrays nest more than ${maxDepth} levels deep`);
        }
        stack.push(c === "{" ? "object" : "array");
        i++;
        skipWs();
        const close = c === "{" ? "}" : "]";
        if (text[i] === close) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === "{") {
          if (text[i] !== '"') return fail("a property name in double quotes was expected");
          if (!readString()) return fail("a string is not closed or holds an invalid character");
          skipWs();
          if (text[i] !== ":") return fail('":" was expected after the property name');
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (!readString()) return fail("a string is not closed or holds an invalid character");
      } else if (text.startsWith("true", i)) i += 4;
      else if (text.startsWith("false", i)) i += 5;
      else if (text.startsWith("null", i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail(`unexpected character ${JSON.stringify(c)}`);
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      continue;
    }
    const top = stack.at(-1);
    const c = text[i];
    if (top === undefined) {
      return c === undefined ? null : fail("more text follows the end of the JSON value");
    }
    if (c === undefined) return fail(`the text ends inside an ${top}`);
    if (c === (top === "object" ? "}" : "]")) {
      stack.pop();
      i++;
      continue;
    }
    if (c !== ",") {
      return fail(`"," or "${top === "object" ? "}" : "]"}" was expected`);
    }
    i++;
    skipWs();
    if (top === "object") {
      if (text[i] !== '"') return fail("a property name in double quotes was expected");
      if (!readString()) return fail("a string is not closed or holds an invalid character");
      skipWs();
      if (text[i] !== ":") return fail('":" was expected after the property name');
      i++;
    }
    expectValue = true;
  }
}

/**
 * `text` parsed as JSON, once `scanJson` has found it valid and nested at most `maxDepth`
 * levels; `what` names the text in the message ("The file", "Script block 2").
 */
export function parseJsonText(text: string, maxDepth: number, what = "The text"): JsonTextResult {
  // Editors on some systems save JSON with a byte-order mark, which JSON.parse refuses.
  const source = text.replace(/^\uFEFF/, "");
  const error = scanJson(source, maxDepth);
  if (error) {
    const { line, column } = lineAndColumn(source, error.offset);
    const syntax = error.problem.startsWith("objects and arrays") ? "" : "is not valid JSON: ";
    return {
      ok: false,
      message: `${what} ${syntax || "cannot be read: "}${error.problem} (line ${line}, column ${column}).`,
    };
  }
  return { ok: true, value: JSON.parse(source) };
}

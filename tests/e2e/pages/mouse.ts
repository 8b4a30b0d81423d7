import type { Locator, Page } from "@playwright/test";

/**
 * Selects `phrase` inside `root` by dragging the mouse across it, as a person does. Only the
 * phrase's screen coordinates are read from the page (its first occurrence in the text);
 * the selection itself is a real drag. Works on the read-only article and in the editor alike.
 */
export async function dragAcross(page: Page, root: Locator, phrase: string) {
  const box = await phraseBox(root, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
}

/** Clicks just after the last character of `phrase`, putting the caret there. */
export async function clickAfter(page: Page, root: Locator, phrase: string) {
  const box = await phraseBox(root, phrase);
  await page.mouse.click(box.x2, box.y2);
}

/** Where `phrase` (its first occurrence) is on screen: the middle of its first and last lines. */
async function phraseBox(root: Locator, phrase: string) {
  const box = await root.evaluate((el, wanted) => {
    // The phrase may cross text nodes (a claim highlight splits a sentence into several).
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const all = nodes.map((n) => n.data).join("");
    const at = all.indexOf(wanted);
    if (at < 0) return null;
    const locate = (offset: number, isEnd: boolean): [Text, number] | null => {
      let seen = 0;
      for (const node of nodes) {
        const next = seen + node.data.length;
        if (offset < next || (isEnd && offset === next)) return [node, offset - seen];
        seen = next;
      }
      return null;
    };
    const start = locate(at, false);
    const end = locate(at + wanted.length, true);
    if (!start || !end) return null;
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    start[0].parentElement?.scrollIntoView({ block: "center" });
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    const first = rects[0];
    const last = rects[rects.length - 1];
    if (!first || !last) return null;
    return {
      x1: first.left + 1,
      y1: first.top + first.height / 2,
      x2: last.right - 1,
      y2: last.top + last.height / 2,
    };
  }, phrase);
  if (!box) throw new Error(`"${phrase}" is not in the text`);
  return box;
}

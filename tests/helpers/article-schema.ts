/** Whether a document would load in the real editor: our zod schema and ProseMirror's own. */
import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { type DocRoot, docSchema } from "../../lib/core/document/schema";
import { articleExtensions } from "../../lib/editor/extensions";

const editorSchema = getSchema(articleExtensions());

/** Throws unless `doc` passes `docSchema` and ProseMirror's content check of the editor schema. */
export function assertEditorDocument(doc: DocRoot): void {
  docSchema.parse(doc);
  Node.fromJSON(editorSchema, doc).check();
}

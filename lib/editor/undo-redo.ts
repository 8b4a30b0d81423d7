/**
 * Undo and redo for the article editor, on ProseMirror's history. Tiptap's own UndoRedo lives
 * in @tiptap/extensions, which the project does not depend on directly; this is the same plugin
 * with the usual shortcuts (Mod-z, Mod-y, Shift-Mod-z). Only the editor loads it: the
 * read-only viewer has nothing to undo.
 */
import { Extension } from "@tiptap/core";
import { history, redo, undo } from "@tiptap/pm/history";

export interface UndoRedoOptions {
  /**
   * Steps kept in the history.
   * @default 200
   */
  depth: number;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    undoRedo: {
      /** Undoes the last change. */
      undo: () => ReturnType;
      /** Redoes the last undone change. */
      redo: () => ReturnType;
    };
  }
}

export const UndoRedo = Extension.create<UndoRedoOptions>({
  name: "undoRedo",

  addOptions() {
    return { depth: 200 };
  },

  addCommands() {
    return {
      undo:
        () =>
        ({ state, dispatch }) =>
          undo(state, dispatch),
      redo:
        () =>
        ({ state, dispatch }) =>
          redo(state, dispatch),
    };
  },

  addProseMirrorPlugins() {
    return [history({ depth: this.options.depth })];
  },

  addKeyboardShortcuts() {
    return {
      "Mod-z": () => this.editor.commands.undo(),
      "Shift-Mod-z": () => this.editor.commands.redo(),
      "Mod-y": () => this.editor.commands.redo(),
    };
  },
});

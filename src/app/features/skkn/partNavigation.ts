import type { Editor } from '@tiptap/core';
import { Fragment } from '@tiptap/pm/model';
import { Selection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * The keys that cross from one part of a long section to the next (sectionParts.ts), so the parts
 * read and edit as one text: an arrow key at a part's first or last position moves the caret into
 * the part before or after, Backspace at the start of a part joins its first paragraph to the end of
 * the part before, Delete at the end joins the next part's first paragraph to this one. Anything else
 * is the editor's own.
 */
export function crossPartKey(view: EditorView, event: KeyboardEvent, previous: Editor | null, next: Editor | null): boolean {
  if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || view.composing) return false;
  // A node selection (an image, a table cell range) is the editor's to handle.
  if (!CROSSING_KEYS.has(event.key) || !(view.state.selection instanceof TextSelection)) return false;
  const seen = caretOf(view);
  if (seen === null) return false;
  // The page's caret can be ahead of the editor's state (the key before moved it, its selectionchange
  // not handled yet), and endOfTextblock measures from the state: bring the state to the caret first.
  const $seen = view.state.doc.resolve(seen);
  const at = $seen.parent.inlineContent ? TextSelection.create(view.state.doc, seen) : Selection.near($seen);
  const selection = view.state.selection;
  if (!selection.empty || !selection.eq(at)) view.dispatch(view.state.tr.setSelection(at));
  const { doc } = view.state;
  const caret = view.state.selection.head;
  const $head = doc.resolve(caret);
  const atStart = caret === Selection.atStart(doc).head;
  const atEnd = caret === Selection.atEnd(doc).head;
  const inFirstTextblock = $head.start() === Selection.atStart(doc).$head.start();
  const inLastTextblock = $head.start() === Selection.atEnd(doc).$head.start();
  switch (event.key) {
    case 'ArrowLeft':
      return atStart && previous !== null && moveTo(previous, 'end');
    case 'ArrowUp':
      return inFirstTextblock && previous !== null && view.endOfTextblock('up') && moveTo(previous, 'end');
    case 'ArrowRight':
      return atEnd && next !== null && moveTo(next, 'start');
    case 'ArrowDown':
      return inLastTextblock && next !== null && view.endOfTextblock('down') && moveTo(next, 'start');
    case 'Backspace':
      return atStart && previous !== null && $head.depth === 1 && joinFirstBlockInto(previous, view);
    case 'Delete':
      return atEnd && next !== null && $head.depth === 1 && pullFirstBlockFrom(next, view);
    default:
      return false;
  }
}

const CROSSING_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown', 'Backspace', 'Delete']);

/** Focuses `editor` with the caret at `at` — at once: Tiptap's focus command waits a frame, and the next key would land in the part left. */
function focusAt(editor: Editor, at: Selection): void {
  editor.view.dispatch(editor.state.tr.setSelection(at).scrollIntoView());
  editor.view.focus();
}

/**
 * Where the caret is, or null for a range. Read from the page's selection: a key that just moved the
 * caret (End, a click) has not reached the editor's state yet when the next key comes quickly.
 */
function caretOf(view: EditorView): number | null {
  const dom = (view.root as Document).getSelection?.() ?? document.getSelection();
  if (dom?.focusNode && view.dom.contains(dom.focusNode)) {
    if (!dom.isCollapsed) return null;
    try {
      return view.posAtDOM(dom.focusNode, dom.focusOffset);
    } catch {
      // A position the editor cannot map: its own selection below.
    }
  }
  return view.state.selection.empty ? view.state.selection.head : null;
}

function moveTo(editor: Editor, where: 'start' | 'end'): boolean {
  const { doc } = editor.state;
  focusAt(editor, where === 'start' ? Selection.atStart(doc) : Selection.atEnd(doc));
  return true;
}

/** This part's first paragraph goes to the end of the previous part's last one (or, when that is not a paragraph, the caret just moves there). */
function joinFirstBlockInto(previous: Editor, view: EditorView): boolean {
  const first = view.state.doc.firstChild;
  const last = previous.state.doc.lastChild;
  if (!first?.isTextblock || !last?.isTextblock) return moveTo(previous, 'end');
  const joinAt = previous.state.doc.content.size - 1;
  // Each part has its own schema instance: the content crosses as JSON. Added there before it is taken
  // from here, so a save in between holds it twice rather than not at all.
  previous.view.dispatch(previous.state.tr.insert(joinAt, Fragment.fromJSON(previous.schema, first.content.toJSON())));
  removeFirstBlock(view);
  focusAt(previous, TextSelection.create(previous.state.doc, joinAt));
  return true;
}

/** The next part's first paragraph is joined to the end of this part's last one. */
function pullFirstBlockFrom(next: Editor, view: EditorView): boolean {
  const first = next.state.doc.firstChild;
  const last = view.state.doc.lastChild;
  if (!first?.isTextblock || !last?.isTextblock) return moveTo(next, 'start');
  const joinAt = view.state.doc.content.size - 1;
  const tr = view.state.tr.insert(joinAt, Fragment.fromJSON(view.state.schema, first.content.toJSON()));
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, joinAt)).scrollIntoView());
  removeFirstBlock(next.view);
  return true;
}

/** Removes a part's first block; a part left empty keeps an empty paragraph (a document has at least one block). */
function removeFirstBlock(view: EditorView): void {
  const { doc, schema, tr } = view.state;
  const first = doc.firstChild!;
  if (doc.childCount === 1) tr.replaceWith(0, first.nodeSize, schema.nodes.paragraph!.create());
  else tr.delete(0, first.nodeSize);
  view.dispatch(tr);
}

/**
 * Long sections are edited in parts, each its own editor. On every keystroke Chromium does work in
 * proportion to the whole editable element — syncing the selection and the text around it for the
 * input method, laying out its blocks: measured in a bare contenteditable with 30,000 words, 17–22 ms
 * of main thread per key as one element, 5–6 ms as 15 elements. A part is a run of whole top-level
 * blocks (paragraphs, headings, lists, tables), so the section's HTML is the parts' HTML joined.
 */

/** Sections with more words than this are split… */
export const SPLIT_ABOVE_WORDS = 3_000;
/** …into parts of about this many words (a part ends after the block that reaches it). */
export const PART_WORDS = 1_000;
/** HTML shorter than this cannot hold SPLIT_ABOVE_WORDS words: not parsed at all. */
const MIN_SPLIT_HTML_LENGTH = SPLIT_ABOVE_WORDS * 3;

function wordsIn(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/**
 * The section's HTML as the parts to edit: one part (the HTML itself) for a short section or HTML
 * that is not a run of elements; otherwise runs of top-level elements of about PART_WORDS words, the
 * last one merged into the one before when it would be under a third of that.
 */
export function splitSectionHtml(html: string, partWords = PART_WORDS, splitAbove = SPLIT_ABOVE_WORDS): string[] {
  if (html.length < Math.min(MIN_SPLIT_HTML_LENGTH, splitAbove * 3)) return [html];
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const blocks: { html: string; words: number }[] = [];
  for (const node of Array.from(body.childNodes)) {
    if (node instanceof Element) blocks.push({ html: node.outerHTML, words: wordsIn(node.textContent ?? '') });
    // Text outside any block: not the editor's own HTML; kept whole rather than risk changing it.
    else if ((node.textContent ?? '').trim() !== '') return [html];
  }
  const total = blocks.reduce((sum, block) => sum + block.words, 0);
  if (total <= splitAbove) return [html];
  const parts: { html: string; words: number }[] = [];
  let current = { html: '', words: 0 };
  for (const block of blocks) {
    current.html += block.html;
    current.words += block.words;
    if (current.words >= partWords) {
      parts.push(current);
      current = { html: '', words: 0 };
    }
  }
  if (current.html !== '') {
    const previous = parts.at(-1);
    if (previous && current.words < partWords / 3) previous.html += current.html;
    else parts.push(current);
  }
  return parts.map((part) => part.html);
}

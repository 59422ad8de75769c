import type { Content, ContentNode } from './docTypes.ts';
import { LONG_WORD_CHARS } from './layout.ts';

const LONG_WORD = new RegExp(`(\\S{${LONG_WORD_CHARS},})`, 'u');

/**
 * A record's text as pdfmake inlines. The text is never altered (pdftotext must return it exactly):
 * HTML stays literal text, and only runs of non-space longer than LONG_WORD_CHARS are marked
 * break-all, so a pasted URL wraps inside its cell instead of running off the page.
 */
export function inlines(text: string): string | ContentNode[] {
  const value = text.normalize('NFC');
  if (!LONG_WORD.test(value)) return value;
  // split() with a capturing group: even indices are ordinary text, odd ones the long words.
  const out: ContentNode[] = [];
  value.split(LONG_WORD).forEach((part, i) => {
    if (part) out.push(i % 2 === 1 ? { text: part, wordBreak: 'break-all' } : { text: part });
  });
  return out;
}

export function para(text: string, extra: ContentNode = {}): ContentNode {
  return { text: inlines(text), ...extra };
}

/** "Label: value" on one paragraph, the label bold. */
export function labelled(label: string, value: string, extra: ContentNode = {}): ContentNode {
  const rest = inlines(value);
  return { text: [{ text: `${label}: `, bold: true }, ...(typeof rest === 'string' ? [rest] : rest)], ...extra };
}

/** A labelled block of long text (a reflection, a summary): the label on its own line. */
export function textBlock(label: string, value: string): Content[] {
  if (!value.trim()) return [];
  return [{ text: label, bold: true, margin: [0, 6, 0, 2] }, para(value, { alignment: 'justify' })];
}

export function cell(text: string, extra: ContentNode = {}): ContentNode {
  return { text: inlines(text), ...extra };
}

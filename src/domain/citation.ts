import type { SkknReference } from './skkn.ts';

/**
 * "Tài liệu tham khảo" in one consistent format, the one Vietnamese SKKN councils expect:
 *   [n] Tác giả (năm), Tên tài liệu (in nghiêng), Nhà xuất bản/nguồn, truy cập tại: url.
 * The list is numbered in alphabetical order of the first author (the title when there is none),
 * compared the Vietnamese way, so the numbering does not depend on the order of entry.
 */

export interface CitationPart {
  text: string;
  italic: boolean;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function sortKey(reference: SkknReference): string {
  return (reference.authors || reference.title).trim();
}

/** References in list order (alphabetical), ties kept in their stored order. */
export function orderReferences(references: readonly SkknReference[]): SkknReference[] {
  return references
    .map((reference, index) => ({ reference, index }))
    .sort((a, b) => collator.compare(sortKey(a.reference), sortKey(b.reference)) || a.index - b.index)
    .map(({ reference }) => reference);
}

const withoutEndStop = (value: string) => value.trim().replace(/[.,;:\s]+$/u, '');

/** One reference without its number, in parts so that the title can be set in italics. */
export function citationParts(reference: SkknReference): CitationPart[] {
  const parts: CitationPart[] = [];
  const authors = withoutEndStop(reference.authors);
  const year = reference.year.trim();
  const lead = [authors, year ? `(${year})` : ''].filter(Boolean).join(' ');
  if (lead) parts.push({ text: `${lead}, `, italic: false });
  parts.push({ text: withoutEndStop(reference.title) || 'Không có tên', italic: true });
  const publisher = withoutEndStop(reference.publisher);
  if (publisher) parts.push({ text: `, ${publisher}`, italic: false });
  const url = reference.url.trim();
  if (url) parts.push({ text: `, truy cập tại: ${url}`, italic: false });
  parts.push({ text: '.', italic: false });
  return parts;
}

export function formatCitation(reference: SkknReference): string {
  return citationParts(reference)
    .map((part) => part.text)
    .join('');
}

/** The numbered list as plain lines: "[1] …". */
export function formatReferenceList(references: readonly SkknReference[]): string[] {
  return orderReferences(references).map((reference, index) => `[${index + 1}] ${formatCitation(reference)}`);
}

/** The number a reference gets in the list (1-based), for footnote-style markers in the text; 0 if absent. */
export function referenceNumber(references: readonly SkknReference[], id: string): number {
  return orderReferences(references).findIndex((reference) => reference.id === id) + 1;
}

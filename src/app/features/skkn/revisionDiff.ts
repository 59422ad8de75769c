import { diffArrays, diffWordsWithSpace } from 'diff';
import { blockLines } from '../../../domain/richTextBlocks.ts';

export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export type DiffRow = { kind: 'same'; count: number } | { kind: 'changed'; parts: DiffPart[] };

/**
 * A readable difference between two versions of a section: paragraphs compared first, then words
 * inside a paragraph that was rewritten; unchanged paragraphs are collapsed to a count.
 */
export function revisionDiff(from: string, to: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const changes = diffArrays(blockLines(from), blockLines(to));
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      rows.push({ kind: 'same', count: change.value.length });
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // A rewritten run of paragraphs: word by word, paragraph by paragraph where they pair up.
      const removed = change.value;
      const added = next.value;
      const pairs = Math.max(removed.length, added.length);
      for (let k = 0; k < pairs; k++) {
        const a = removed[k] ?? '';
        const b = added[k] ?? '';
        rows.push({ kind: 'changed', parts: diffWordsWithSpace(a, b).map((part) => ({ text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' })) });
      }
      i += 1;
      continue;
    }
    for (const line of change.value) rows.push({ kind: 'changed', parts: [{ text: line, change: change.added ? 'added' : 'removed' }] });
  }
  return rows;
}

export function hasDifferences(rows: readonly DiffRow[]): boolean {
  return rows.some((row) => row.kind === 'changed');
}

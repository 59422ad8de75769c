import { sectionWords } from '../../db/skkn.ts';
import type { SkknRevision, SkknSection } from '../../../domain/skkn.ts';

/**
 * Word counts for the draft screen without recounting 30,000 words after every autosave: a
 * section's count is kept with the text it was counted from (the open section's is handed over by
 * its autosave, which counts only the paragraphs that changed), so a stored text equal to it costs a
 * string comparison. Revisions never change once written: counted once per id.
 */
const bySectionId = new Map<string, { content: string; words: number }>();
const byRevisionId = new Map<string, number>();

export function rememberSectionWords(sectionId: string, content: string, words: number): void {
  bySectionId.set(sectionId, { content, words });
}

function wordsOf(section: SkknSection): number {
  const known = bySectionId.get(section.id);
  if (known && known.content === section.content) return known.words;
  const words = sectionWords(section.content);
  bySectionId.set(section.id, { content: section.content, words });
  return words;
}

/** Words per section id and in total. */
export function draftWordCounts(sections: readonly SkknSection[]): { bySection: Map<string, number>; total: number } {
  const bySection = new Map<string, number>();
  let total = 0;
  for (const section of sections) {
    const words = wordsOf(section);
    bySection.set(section.id, words);
    total += words;
  }
  return { bySection, total };
}

export function revisionWords(revision: SkknRevision): number {
  let words = byRevisionId.get(revision.id);
  if (words === undefined) {
    words = sectionWords(revision.content);
    if (byRevisionId.size > 2_000) byRevisionId.clear();
    byRevisionId.set(revision.id, words);
  }
  return words;
}

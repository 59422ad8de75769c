/** Text as the teacher typed it, in Unicode NFC so that "ể" typed on iOS and on Windows compare equal. */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/** Trimmed NFC text; used for single-line fields where trailing spaces carry no meaning. */
export function normalizeLine(value: string): string {
  return normalizeText(value).trim();
}

/**
 * Diacritic- and case-insensitive key: "Bồi dưỡng" → "boi duong".
 * đ/Đ is a separate letter in Unicode (not d + mark), so it needs its own mapping.
 */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Distinct words of a text's search key, for a multi-entry index. */
export function searchWords(...values: Array<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const word of searchKey(value).split(/[^a-z0-9]+/)) {
      if (word) words.add(word);
    }
  }
  return [...words];
}

/** Query words: every one must prefix-match some word of a record. */
export function queryWords(query: string): string[] {
  return searchWords(query);
}

/** True when every query word is a prefix of some word of the record. */
export function matchesQuery(recordWords: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => recordWords.some((w) => w.startsWith(q)));
}

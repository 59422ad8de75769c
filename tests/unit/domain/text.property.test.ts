import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesQuery, queryWords, searchKey, searchWords } from '../../../src/domain/text.ts';

/** Vietnamese letters with every tone and vowel mark, upper and lower case, both precomposed. */
const VI_LETTERS = [...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ'];
const viLetter = fc.constantFrom(...VI_LETTERS, ...VI_LETTERS.map((c) => c.toUpperCase()));
const viText = fc.array(fc.oneof(viLetter, fc.constantFrom(' ', '  ', '\n', ',', '.', '1', '0')), { maxLength: 40 }).map((cs) => cs.join(''));

/** The base letter a teacher types without a Vietnamese keyboard. */
function stripVi(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

describe('searchKey properties', () => {
  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(searchKey(searchKey(s))).toBe(searchKey(s));
      }),
      { numRuns: 500 },
    );
  });
  it('is idempotent on Vietnamese text', () => {
    fc.assert(fc.property(viText, (s) => searchKey(searchKey(s)) === searchKey(s)));
  });
  it('ignores diacritics, case and normal form', () => {
    fc.assert(
      fc.property(viText, (s) => {
        const key = searchKey(s);
        expect(searchKey(stripVi(s))).toBe(key);
        expect(searchKey(s.toUpperCase())).toBe(key);
        expect(searchKey(s.normalize('NFD'))).toBe(key);
        expect(key).toMatch(/^[a-z0-9 ,.]*$/);
      }),
    );
  });
  it('any text is found by an unaccented query of its own words, and by their prefixes', () => {
    fc.assert(
      fc.property(viText, fc.integer({ min: 1, max: 5 }), (s, cut) => {
        const words = searchWords(s);
        const query = queryWords(stripVi(s).toLowerCase());
        expect(matchesQuery(words, query)).toBe(true);
        expect(matchesQuery(words, query.map((w) => w.slice(0, cut)))).toBe(true);
      }),
    );
  });
});

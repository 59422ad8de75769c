import { describe, expect, it } from 'vitest';
import { matchesQuery, normalizeLine, normalizeText, queryWords, searchKey, searchWords } from '../../../src/domain/text.ts';

const decomposed = 'Bồi dưỡng thường xuyên'.normalize('NFD');

describe('searchKey', () => {
  it('drops diacritics and case', () => {
    expect(searchKey('Bồi dưỡng')).toBe('boi duong');
    expect(searchKey('ỨNG DỤNG CÔNG NGHỆ THÔNG TIN')).toBe('ung dung cong nghe thong tin');
  });
  it('maps đ and Đ to d (they are letters of their own, not d + mark)', () => {
    expect(searchKey('Đạo đức')).toBe('dao duc');
    expect(searchKey('ĐĐ')).toBe('dd');
  });
  it('gives decomposed input the same key as precomposed', () => {
    expect(decomposed).not.toBe('Bồi dưỡng thường xuyên');
    expect(searchKey(decomposed)).toBe(searchKey('Bồi dưỡng thường xuyên'));
  });
  it('collapses whitespace', () => {
    expect(searchKey('  Bồi \n\t dưỡng  ')).toBe('boi duong');
  });
});

describe('search words and matching', () => {
  const words = searchWords('Bồi dưỡng thường xuyên', null, undefined, 'Mô đun GVPT 04; tiết 3');
  it('splits every field into distinct words', () => {
    expect(words).toEqual(['boi', 'duong', 'thuong', 'xuyen', 'mo', 'dun', 'gvpt', '04', 'tiet', '3']);
    expect(searchWords('a a A á')).toEqual(['a']);
  });
  it('"boi duong" finds "Bồi dưỡng thường xuyên" by prefix, any order', () => {
    expect(matchesQuery(words, queryWords('boi duong'))).toBe(true);
    expect(matchesQuery(words, queryWords('Bồi dư'))).toBe(true);
    expect(matchesQuery(words, queryWords('xuyen BOI'))).toBe(true);
    expect(matchesQuery(words, queryWords('đun'))).toBe(true);
  });
  it('needs every query word', () => {
    expect(matchesQuery(words, queryWords('boi hoc'))).toBe(false);
    expect(matchesQuery(words, queryWords('uong'))).toBe(false);
  });
  it('an empty query has no words', () => {
    expect(queryWords('  ,. ')).toEqual([]);
  });
});

describe('normalisation', () => {
  it('stores text in NFC and keeps it otherwise verbatim', () => {
    expect(normalizeText(decomposed)).toBe('Bồi dưỡng thường xuyên');
    expect(normalizeText('  <b>x</b>  ')).toBe('  <b>x</b>  ');
    expect(normalizeLine(`  ${decomposed}  `)).toBe('Bồi dưỡng thường xuyên');
  });
});

import { describe, expect, it } from 'vitest';
import { entryInputSchema, fieldErrors, MAX_TEXT_LENGTH, profileSchema, reflectionSchema, type EntryInput } from '../../../src/domain/records.ts';

export const validInput = (over: Partial<EntryInput> = {}): EntryInput => ({
  date: '2023-10-02',
  content: 'Bồi dưỡng thường xuyên: mô đun 4',
  form: 'tu-hoc',
  bdtxProgram: '03',
  module: 'GVPT 04',
  periods: 2,
  source: 'Tài liệu trên TEMIS',
  result: '',
  evidence: 'https://temis.moet.gov.vn',
  note: '',
  ...over,
});

function errorsOf(input: unknown) {
  const parsed = entryInputSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors<EntryInput>(parsed.error);
}

describe('entry input', () => {
  it('accepts a complete entry', () => {
    const parsed = entryInputSchema.parse(validInput());
    expect(parsed.module).toBe('GVPT 04');
    expect(parsed.periods).toBe(2);
  });
  it.each(['', '   ', '\n\t'])('empty content %j → errors.contentRequired', (content) => {
    expect(errorsOf(validInput({ content }))).toEqual({ content: 'errors.contentRequired' });
  });
  it.each([
    [0, 'errors.periodsPositive'],
    [-1, 'errors.periodsPositive'],
    [Number.NaN, 'errors.periodsNotNumber'],
    [Number.POSITIVE_INFINITY, 'errors.periodsNotNumber'],
    [13, 'errors.periodsTooMany'],
    [12.25, 'errors.periodsTooMany'],
    [0.3, 'errors.periodsStep'],
    [undefined, 'errors.periodsNotNumber'],
    ['2', 'errors.periodsNotNumber'],
  ])('periods %s → %s', (periods, key) => {
    expect(errorsOf({ ...validInput(), periods })).toEqual({ periods: key });
  });
  it.each([0.25, 1.5, 12])('periods %s accepted', (periods) => {
    expect(errorsOf(validInput({ periods }))).toEqual({});
  });
  it('program 03 needs a module; other programs drop one', () => {
    expect(errorsOf(validInput({ module: null }))).toEqual({ module: 'errors.moduleRequired' });
    expect(entryInputSchema.parse(validInput({ bdtxProgram: '01' })).module).toBeNull();
    expect(entryInputSchema.parse(validInput({ bdtxProgram: null })).module).toBeNull();
  });
  it('refuses unknown form, program and module', () => {
    expect(errorsOf({ ...validInput(), form: 'x' })).toEqual({ form: 'errors.formRequired' });
    expect(errorsOf({ ...validInput(), form: undefined })).toEqual({ form: 'errors.formRequired' });
    expect(errorsOf({ ...validInput(), bdtxProgram: '04' })).toHaveProperty('bdtxProgram');
    expect(errorsOf({ ...validInput(), module: 'GVPT 16' })).toHaveProperty('module');
  });
  it('date: missing → dateRequired, not a day → dateInvalid', () => {
    expect(errorsOf(validInput({ date: '' }))).toEqual({ date: 'errors.dateRequired' });
    expect(errorsOf(validInput({ date: '2023-02-29' }))).toEqual({ date: 'errors.dateInvalid' });
    expect(errorsOf(validInput({ date: '29/02/2024' }))).toEqual({ date: 'errors.dateInvalid' });
  });
  it('reports several fields at once', () => {
    expect(errorsOf(validInput({ content: '', periods: 0, date: '' }))).toEqual({
      content: 'errors.contentRequired',
      periods: 'errors.periodsPositive',
      date: 'errors.dateRequired',
    });
  });
  it('stores decomposed Vietnamese as NFC in every text field', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const parsed = entryInputSchema.parse(
      validInput({ content: nfd('Tự học Đạo đức nhà giáo'), source: nfd('Sở GD&ĐT'), result: nfd('Vận dụng'), evidence: nfd('Minh chứng'), note: nfd('Ghi chú') }),
    );
    expect(parsed.content).toBe('Tự học Đạo đức nhà giáo'.normalize('NFC'));
    for (const field of ['content', 'source', 'result', 'evidence', 'note'] as const) expect(parsed[field]).toBe(parsed[field].normalize('NFC'));
    expect(parsed.note).toBe('Ghi chú');
  });
  it('accepts 100 KB of text in a field and refuses beyond the cap', () => {
    const big = 'Nội dung bồi dưỡng. '.repeat(5_200).slice(0, 100_000);
    expect(big.length).toBe(100_000);
    expect(entryInputSchema.parse(validInput({ content: big, result: big })).content).toBe(big);
    expect(errorsOf(validInput({ note: 'x'.repeat(MAX_TEXT_LENGTH + 1) }))).toEqual({ note: 'errors.tooLong' });
  });
  it('keeps HTML and script verbatim, as text', () => {
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)> & &amp;';
    expect(entryInputSchema.parse(validInput({ content: html, note: html })).content).toBe(html);
  });
});

describe('fieldErrors', () => {
  it('turns a foreign message into errors.invalid', () => {
    const parsed = profileSchema.safeParse({ id: 'profile', updatedAt: 'now' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const errors = fieldErrors<Record<string, unknown>>(parsed.error);
      expect(errors.fullName).toBe('errors.invalid');
      expect(errors.updatedAt).toBe('errors.invalid');
    }
  });
});

describe('reflection', () => {
  const base = { id: 'r1', schoolYearId: 'y1', text: 'x', updatedAt: '2024-01-01T00:00:00.000Z' };
  it('month reflections have a month period, semester ones HK1/HK2', () => {
    expect(reflectionSchema.safeParse({ ...base, kind: 'month', period: '2023-10' }).success).toBe(true);
    expect(reflectionSchema.safeParse({ ...base, kind: 'semester', period: 'HK2' }).success).toBe(true);
    expect(reflectionSchema.safeParse({ ...base, kind: 'month', period: 'HK1' }).success).toBe(false);
    expect(reflectionSchema.safeParse({ ...base, kind: 'semester', period: '2023-10' }).success).toBe(false);
    expect(reflectionSchema.safeParse({ ...base, kind: 'month', period: '2023-13' }).success).toBe(false);
  });
});

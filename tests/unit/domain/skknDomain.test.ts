import { describe, expect, it } from 'vitest';
import { headingNumbers, SKKN_OUTLINES, findOutline, sectionHint } from '../../../src/domain/catalogs/skknOutlines.ts';
import { formatCitation, formatReferenceList, referenceNumber } from '../../../src/domain/citation.ts';
import { overdueMilestones } from '../../../src/domain/innovationTopicRules.ts';
import { blockLines, countHtmlWords, countWords, htmlToText, mergeBlocks, splitBlocks } from '../../../src/domain/richTextBlocks.ts';
import { contributionTotal, recognitionWindow, skknSchema, type SkknReference } from '../../../src/domain/skkn.ts';

const ref = (over: Partial<SkknReference>): SkknReference => ({ id: 'r', authors: '', year: '', title: '', publisher: '', url: '', ...over });

describe('SKKN outlines', () => {
  it('has the common national outline and provincial variants, each with its parts numbered and Phụ lục not', () => {
    expect(SKKN_OUTLINES.length).toBeGreaterThanOrEqual(2);
    const common = findOutline('chung-2024')!;
    const numbers = headingNumbers(common.sections);
    const titled = common.sections.map((s, i) => `${numbers[i]} ${s.title}`.trim());
    expect(titled).toContain('1. Mở đầu');
    expect(titled).toContain('2.3. Các giải pháp');
    expect(titled).toContain('3. Kết luận, kiến nghị');
    expect(titled.at(-1)).toBe('Phụ lục');
    expect(findOutline('thanh-hoa-2024')!.sections.map((s) => s.title)).toContain('Thực trạng vấn đề trước khi áp dụng sáng kiến kinh nghiệm');
    expect(new Set(SKKN_OUTLINES.map((o) => o.id)).size).toBe(SKKN_OUTLINES.length);
  });

  it('numbers headings from levels and restarts subsections under each part', () => {
    expect(headingNumbers([{ level: 1 }, { level: 2 }, { level: 2 }, { level: 3 }, { level: 1 }, { level: 2 }, { level: 1, numbered: false }, { level: 2 }])).toEqual([
      '1.',
      '1.1.',
      '1.2.',
      '1.2.1.',
      '2.',
      '2.1.',
      '',
      '',
    ]);
  });

  it('gives the hint of an untouched section title', () => {
    expect(sectionHint('chung-2024', 'Thực trạng vấn đề')).toMatch(/khảo sát/);
    expect(sectionHint('chung-2024', 'Tên do giáo viên đặt')).toBe('');
  });
});

describe('citations', () => {
  const refs = [
    ref({ id: 'b', authors: 'Trần Văn Bình', year: '2020', title: 'Dạy học tích cực.', publisher: 'NXB Giáo dục Việt Nam' }),
    ref({ id: 'a', authors: 'Bộ Giáo dục và Đào tạo', year: '2018', title: 'Chương trình giáo dục phổ thông tổng thể', publisher: '', url: 'https://moet.gov.vn' }),
    ref({ id: 'c', authors: '', year: '', title: 'Ảnh chụp lớp học', publisher: '' }),
  ];

  it('formats one reference as Tác giả (năm), Tên, Nhà xuất bản, truy cập tại: url.', () => {
    expect(formatCitation(refs[0]!)).toBe('Trần Văn Bình (2020), Dạy học tích cực, NXB Giáo dục Việt Nam.');
    expect(formatCitation(refs[1]!)).toBe('Bộ Giáo dục và Đào tạo (2018), Chương trình giáo dục phổ thông tổng thể, truy cập tại: https://moet.gov.vn.');
    expect(formatCitation(refs[2]!)).toBe('Ảnh chụp lớp học.');
  });

  it('numbers the list in Vietnamese alphabetical order, whatever the order of entry', () => {
    expect(formatReferenceList(refs)).toEqual([
      '[1] Ảnh chụp lớp học.',
      '[2] Bộ Giáo dục và Đào tạo (2018), Chương trình giáo dục phổ thông tổng thể, truy cập tại: https://moet.gov.vn.',
      '[3] Trần Văn Bình (2020), Dạy học tích cực, NXB Giáo dục Việt Nam.',
    ]);
    expect(formatReferenceList([...refs].reverse())).toEqual(formatReferenceList(refs));
    expect(referenceNumber(refs, 'b')).toBe(3);
    expect(referenceNumber(refs, 'missing')).toBe(0);
  });
});

describe('rich text blocks', () => {
  it('splits top-level blocks and joins back to the same text', () => {
    const html = '<h3>Giải pháp 1</h3><p>Đoạn <strong>một</strong><br>dòng hai</p><ul><li><p>Ý a</p></li><li><p>Ý b</p></li></ul><table><colgroup><col></colgroup><tbody><tr><td><p>Ô</p></td></tr></tbody></table>loose';
    const blocks = splitBlocks(html);
    expect(blocks).toHaveLength(5);
    expect(blocks.join('')).toBe(html);
    expect(blocks[2]).toBe('<ul><li><p>Ý a</p></li><li><p>Ý b</p></li></ul>');
  });

  it('counts Vietnamese words (syllables) and ignores markup', () => {
    expect(countWords('Sáng kiến kinh nghiệm năm 2024–2025')).toBe(7);
    expect(countHtmlWords('<p>Học sinh <em>lớp 6A</em> tham gia.</p><p></p><ul><li><p>Hai từ</p></li></ul>')).toBe(8);
    expect(htmlToText('<p>A &amp; B&nbsp;C</p><p>D</p>')).toBe('A & B C\nD');
    expect(blockLines('<p>Một</p><ul><li><p>a</p></li><li><p>b</p></li></ul>')).toEqual(['Một', 'a · b']);
  });

  it('merges edits to different paragraphs and flags the same paragraph', () => {
    const base = '<p>1</p><p>2</p><p>3</p>';
    expect(mergeBlocks(base, '<p>1x</p><p>2</p><p>3</p>', '<p>1</p><p>2</p><p>3y</p>')).toEqual({ merged: '<p>1x</p><p>2</p><p>3y</p>', conflict: false });
    expect(mergeBlocks(base, '<p>0</p><p>1</p><p>2</p><p>3</p>', '<p>1</p><p>3</p>')).toEqual({ merged: '<p>0</p><p>1</p><p>3</p>', conflict: false });
    expect(mergeBlocks(base, '<p>1</p><p>2a</p><p>3</p>', '<p>1</p><p>2b</p><p>3</p>')).toEqual({ merged: '<p>1</p><p>2a</p><p>3</p>', conflict: true });
    expect(mergeBlocks(base, '<p>1</p><p>2a</p><p>3</p>', '<p>1</p><p>2a</p><p>3</p>')).toEqual({ merged: '<p>1</p><p>2a</p><p>3</p>', conflict: false });
  });
});

describe('SKKN cover rules', () => {
  it('warns as the 1-year recognition window nears and says when it has closed', () => {
    expect(recognitionWindow(null, '2026-11-23')).toEqual({ state: 'none' });
    expect(recognitionWindow('2026-09-05', '2026-11-23')).toEqual({ state: 'open', deadline: '2027-09-05', daysLeft: 286 });
    expect(recognitionWindow('2025-12-20', '2026-11-23')).toEqual({ state: 'closing', deadline: '2026-12-20', daysLeft: 27 });
    expect(recognitionWindow('2025-09-05', '2026-11-23').state).toBe('closed');
  });

  it('adds contributions and keeps old section refs valid (numbered defaults to true)', () => {
    expect(contributionTotal([{ contributionPercent: 60 }, { contributionPercent: 40 }])).toBe(100);
    const parsed = skknSchema.parse({
      id: 'k',
      schoolYearId: 'nam-hoc-2026',
      outlineId: 'chung-2024',
      title: 'Đề tài',
      authors: [{ name: 'Cô Lan', contributionPercent: 100 }],
      position: '',
      department: '',
      unit: '',
      field: '',
      firstAppliedOn: null,
      sections: [{ id: 's', title: 'Mở đầu', level: 1 }],
      references: [],
      abstract: '',
      innovationTopicId: null,
      status: 'draft',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(parsed.sections[0]!.numbered).toBe(true);
  });

  it('lists overdue milestones of the innovation topic, oldest first, done ones left out', () => {
    const m = (id: string, due: string, done = false) => ({ id, due, task: id, expectedProduct: '', done });
    expect(overdueMilestones([m('c', '2026-11-01'), m('a', '2026-10-01'), m('b', '2026-10-15', true), m('d', '2026-11-23')], '2026-11-23').map((x) => x.id)).toEqual(['a', 'c']);
  });
});

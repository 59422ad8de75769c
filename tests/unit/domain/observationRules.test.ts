import { describe, expect, it } from 'vitest';
import { findRubric, latestRubric, RUBRICS, rubricChoices, rubricCriteria, type Rubric } from '../../../src/domain/catalogs/rubrics.ts';
import { OBSERVATION_PURPOSE_LABELS } from '../../../src/domain/catalogs/observationPurposes.ts';
import {
  countBetween,
  isAllowedScore,
  minimumProgress,
  observationRating,
  outOfOrderRows,
  parseTimelineTime,
  ratingForTotal,
  scoreSummary,
  thresholdsValid,
} from '../../../src/domain/observationRules.ts';
import { OBSERVATION_PURPOSES, observationFieldErrors, observationInputSchema, type ObservationInput } from '../../../src/domain/observations.ts';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../src/domain/schoolSettings.ts';

const thresholds = DEFAULT_SCHOOL_SETTINGS.ratingThresholds;
const phieu20 = findRubric('phieu-20', 1)!;
const khung = findRubric('khung-3x4', 1)!;
const allScored = (score: number, except: Record<string, number> = {}) => Object.fromEntries(rubricCriteria(phieu20).map((c) => [c.code, except[c.code] ?? score]));

describe('rubric catalog', () => {
  it('has the 3 × 4 framework (comments only) and the 20-point sheet of 10 criteria scored 2.0/1.5/1.0/0.5', () => {
    expect(khung.scoring).toBe('comments');
    expect(khung.groups).toHaveLength(3);
    expect(khung.groups.every((g) => g.criteria.length === 4)).toBe(true);
    expect(phieu20.scoring).toBe('points20');
    expect(rubricCriteria(phieu20)).toHaveLength(10);
    expect(phieu20.scoreSteps).toEqual([2, 1.5, 1, 0.5]);
    expect(phieu20.ratings.map((r) => r.code)).toEqual(['gioi', 'kha', 'trungBinh', 'chuaDat']);
    expect(phieu20.ratings.map((r) => r.label.vi)).toEqual(['Giỏi', 'Khá', 'Trung bình', 'Chưa đạt']);
  });

  it('criterion codes are unique within each version, and labels are NFC Vietnamese with English', () => {
    for (const rubric of RUBRICS) {
      const codes = rubricCriteria(rubric).map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of rubricCriteria(rubric)) {
        expect(c.label.vi.normalize('NFC')).toBe(c.label.vi);
        expect(c.label.en.length).toBeGreaterThan(0);
      }
    }
    expect(OBSERVATION_PURPOSE_LABELS.map((p) => p.code)).toEqual([...OBSERVATION_PURPOSES]);
  });

  it('an observation keeps the version it was made with after a newer version is published', () => {
    const v2: Rubric = { ...phieu20, version: 2, groups: [{ code: 'x', label: { vi: 'Mới', en: 'New' }, criteria: [{ code: '1', label: { vi: 'Một', en: 'One' } }] }] };
    const catalog = [...RUBRICS, v2];
    expect(latestRubric('phieu-20', catalog).version).toBe(2);
    expect(rubricCriteria(findRubric('phieu-20', 1, catalog)!)).toHaveLength(10);
    expect(findRubric('phieu-20', 3, catalog)).toBeUndefined();
    expect(rubricChoices(catalog).map((r) => `${r.id}@${r.version}`)).toEqual(['khung-3x4@1', 'phieu-20@2']);
  });

  it('an unknown school rubric falls back to the default framework', () => {
    expect(latestRubric('khong-co').id).toBe('khung-3x4');
  });
});

describe('20-point scoring and rating', () => {
  it('sums only allowed scores of the rubric’s criteria', () => {
    expect(isAllowedScore(phieu20, 1.5)).toBe(true);
    expect(isAllowedScore(phieu20, 1.25)).toBe(false);
    const summary = scoreSummary(phieu20, { '1': 2, '2': 1.5, '3': 1.25, extra: 2 });
    expect(summary).toEqual({ total: 3.5, scored: 2, criteria: 10, complete: false, max: 20 });
    expect(scoreSummary(phieu20, allScored(2)).total).toBe(20);
    expect(scoreSummary(phieu20, allScored(2)).complete).toBe(true);
  });

  it('rates with the thresholds, boundaries included (default 18 / 13.5 / 10)', () => {
    expect(ratingForTotal(20, thresholds)).toBe('gioi');
    expect(ratingForTotal(18, thresholds)).toBe('gioi');
    expect(ratingForTotal(17.5, thresholds)).toBe('kha');
    expect(ratingForTotal(13.5, thresholds)).toBe('kha');
    expect(ratingForTotal(13, thresholds)).toBe('trungBinh');
    expect(ratingForTotal(10, thresholds)).toBe('trungBinh');
    expect(ratingForTotal(9.5, thresholds)).toBe('chuaDat');
  });

  it('follows the school’s own thresholds', () => {
    const strict = { gioi: 19, kha: 15, trungBinh: 12 };
    expect(ratingForTotal(18, strict)).toBe('kha');
    expect(ratingForTotal(11.5, strict)).toBe('chuaDat');
    expect(thresholdsValid(strict)).toBe(true);
    expect(thresholdsValid({ gioi: 12, kha: 15, trungBinh: 10 })).toBe(false);
  });

  it('an observation on the sheet is rated only once every criterion is scored; the chosen rating is ignored', () => {
    const nine = allScored(2);
    delete nine['10'];
    expect(observationRating(phieu20, nine, 'gioi', thresholds)).toBeNull();
    // 9 × 2 + 0.5 = 18.5
    expect(observationRating(phieu20, allScored(2, { '10': 0.5 }), 'chuaDat', thresholds)).toBe('gioi');
    expect(observationRating(phieu20, allScored(1), null, thresholds)).toBe('trungBinh');
  });

  it('the comments framework keeps the observer’s rating when the rubric knows it', () => {
    expect(observationRating(khung, {}, 'kha', thresholds)).toBe('kha');
    expect(observationRating(khung, {}, 'gioi', thresholds)).toBeNull();
    expect(observationRating(khung, {}, null, thresholds)).toBeNull();
  });
});

describe('timeline order', () => {
  it('reads clock times and minutes into the lesson', () => {
    expect(parseTimelineTime('7:15')).toEqual({ kind: 'clock', minutes: 435 });
    expect(parseTimelineTime('7h15')).toEqual({ kind: 'clock', minutes: 435 });
    expect(parseTimelineTime('13g')).toEqual({ kind: 'clock', minutes: 780 });
    expect(parseTimelineTime('Phút 10')).toEqual({ kind: 'minute', minutes: 10 });
    expect(parseTimelineTime("10'")).toEqual({ kind: 'minute', minutes: 10 });
    expect(parseTimelineTime('25 phút')).toEqual({ kind: 'minute', minutes: 25 });
    expect(parseTimelineTime('đầu giờ')).toBeNull();
    expect(parseTimelineTime('25:70')).toBeNull();
    expect(parseTimelineTime('')).toBeNull();
  });

  it('flags a row earlier than a previous one, keeps the order, and skips unreadable times', () => {
    const rows = [
      { id: 'a', time: '7:00' },
      { id: 'b', time: '7:20' },
      { id: 'c', time: '7:10' },
      { id: 'd', time: 'cuối giờ' },
      { id: 'e', time: '7:25' },
      { id: 'f', time: '7:21' },
    ];
    expect([...outOfOrderRows(rows)]).toEqual(['c', 'f']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('compares clock times with clock times and minutes with minutes', () => {
    expect(outOfOrderRows([{ id: 'a', time: '7:30' }, { id: 'b', time: 'Phút 5' }, { id: 'c', time: 'Phút 3' }])).toEqual(new Set(['c']));
  });
});

describe('semester counts', () => {
  it('counts observations within the semester, boundaries included', () => {
    const list = [{ date: '2024-09-05' }, { date: '2025-01-14' }, { date: '2025-01-15' }, { date: '2024-08-31' }];
    expect(countBetween(list, '2024-09-05', '2025-01-14')).toBe(2);
  });

  it('progress toward the minimum', () => {
    expect(minimumProgress(2, 4)).toEqual({ done: 2, minimum: 4, ratio: 0.5, met: false });
    expect(minimumProgress(5, 4)).toEqual({ done: 5, minimum: 4, ratio: 1, met: true });
    expect(minimumProgress(0, 0).met).toBe(true);
  });
});

describe('observation input', () => {
  const valid: ObservationInput = {
    date: '2024-10-07',
    lessonPeriod: '3',
    className: '7A',
    subject: 'Toán',
    lessonTitle: 'Tiên đề Ơ-clít',
    teacherUserId: null,
    teacherName: 'Nguyễn Thị Hoa',
    observers: 'Trần Văn Nam',
    purpose: 'kemCap',
    timeline: [{ id: 'r1', time: '7:15', activity: 'Khởi động', note: '' }],
    rubricId: 'phieu-20',
    rubricVersion: 1,
    criterionComments: { '1': 'Chính xác' },
    criterionScores: { '1': 2 },
    strengths: '',
    weaknesses: '',
    lessonsLearned: '',
    rating: null,
  };

  it('accepts a lesson header with the rest empty, and stores text as NFC', () => {
    const decomposed = 'Nguyễn Thị Hoa'.normalize('NFD');
    const parsed = observationInputSchema.parse({ ...valid, teacherName: decomposed });
    expect(parsed.teacherName).toBe('Nguyễn Thị Hoa'.normalize('NFC'));
  });

  it('names each missing field with a Vietnamese message key', () => {
    const result = observationInputSchema.safeParse({ ...valid, date: '', className: ' ', subject: '', teacherName: '' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(observationFieldErrors(result.error)).toEqual({
      date: 'observations.errors.dateRequired',
      className: 'observations.errors.classRequired',
      subject: 'observations.errors.subjectRequired',
      teacherName: 'observations.errors.teacherRequired',
    });
  });

  it('refuses an impossible date', () => {
    const result = observationInputSchema.safeParse({ ...valid, date: '2024-02-30' });
    expect(result.success ? null : observationFieldErrors(result.error).date).toBe('observations.errors.dateInvalid');
  });
});

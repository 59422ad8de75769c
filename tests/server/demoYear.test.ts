import { describe, expect, it } from 'vitest';
import { DEMO_TEMPLATE_YEAR, shiftDemoYear } from '../../src/server/demoYear.ts';
import type { Mutation } from '../../src/sync/protocol.ts';

const put = (fields: Record<string, unknown>): Mutation => ({ mutationId: 1, scopeId: 's', table: 'entries', recordId: 'demo-2024-entry', op: 'put', fields });

describe('the demo moved to the current school year', () => {
  it('moves dates, times, months, school-year numbers and spans in text by whole years', () => {
    const [moved] = shiftDemoYear(
      [
        put({
          startYear: 2024,
          hk1End: '2025-01-11',
          date: '2024-09-07',
          updatedAt: '2024-09-28T08:30:00.000+07:00',
          period: '2024-09',
          content: 'Tự học văn bản hướng dẫn nhiệm vụ năm học 2024–2025 của Bộ GD&ĐT',
          milestones: [{ due: '2025-04-30', done: false }],
          periods: 2,
        }),
      ],
      2026,
    );
    expect(moved).toMatchObject({
      recordId: 'demo-2024-entry',
      fields: {
        startYear: 2026,
        hk1End: '2027-01-11',
        date: '2026-09-07',
        updatedAt: '2026-09-28T08:30:00.000+07:00',
        period: '2026-09',
        content: 'Tự học văn bản hướng dẫn nhiệm vụ năm học 2026–2027 của Bộ GD&ĐT',
        milestones: [{ due: '2027-04-30', done: false }],
        periods: 2,
      },
    });
  });

  it('leaves ids, other numbers and years that are not dates alone', () => {
    const [moved] = shiftDemoYear([put({ schoolYearId: 'demo-2024', year: '2018', title: 'Chương trình GDPT 2018', contributionPercent: 100 })], 2030);
    expect(moved!.op === 'put' && moved!.fields).toEqual({ schoolYearId: 'demo-2024', year: '2018', title: 'Chương trình GDPT 2018', contributionPercent: 100 });
  });

  it('changes nothing in the template year', () => {
    const batch = [put({ date: '2024-09-07' })];
    expect(shiftDemoYear(batch, DEMO_TEMPLATE_YEAR)).toEqual(batch);
  });
});

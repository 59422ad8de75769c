// @vitest-environment jsdom
import { cleanup, configure, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../renderApp.tsx';
import { freshDb } from '../sync/helpers.ts';

afterEach(() => cleanup());
configure({ asyncUtilTimeout: 5000 });

const T = '2024-12-20T03:00:00.000Z';

describe("the teacher's semester screen", () => {
  it("shows the leaders' confirmation and their comment on the semester (synced into her logbook)", async () => {
    const db = freshDb();
    await db.schoolYears.put({ id: 'nam-hoc-2024', startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-14', hk2Start: '2025-01-15', hk2End: '2025-05-25', updatedAt: T });
    await db.confirmations.put({ id: 'c1', schoolYearId: 'nam-hoc-2024', semester: 'HK1', authorUserId: 'u-ha', authorName: 'Phạm Thu Hà', authorRole: 'toTruong', remark: 'Ghi chép đầy đủ.', logbookRev: 12, confirmedAt: T, updatedAt: T });
    await db.annotations.put({ id: 'a1', targetTable: 'semester', targetId: 'nam-hoc-2024:HK1', anchor: { kind: 'whole' }, threadId: null, authorUserId: 'u-ha', authorName: 'Phạm Thu Hà', text: 'Bổ sung minh chứng cho mô đun 05.', createdAt: T, updatedAt: T });
    renderApp('/hoc-ky/HK1?nam=2024', db);
    const section = await screen.findByRole('region', { name: 'Xác nhận và trao đổi của tổ trưởng, ban giám hiệu' });
    expect(section).toHaveTextContent('Tổ trưởng Phạm Thu Hà xác nhận ngày 20/12/2024: Ghi chép đầy đủ.');
    expect(await within(section).findByText('Bổ sung minh chứng cho mô đun 05.')).toBeInTheDocument();

    // Nothing is shown for a semester no leader confirmed or commented on.
    cleanup();
    renderApp('/hoc-ky/HK2?nam=2024', db);
    await screen.findByRole('heading', { level: 1, name: /Học kỳ II/ });
    expect(screen.queryByRole('region', { name: 'Xác nhận và trao đổi của tổ trưởng, ban giám hiệu' })).toBeNull();
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startYearForDate } from '../../../src/domain/schoolYear.ts';
import { freshDb, renderApp, todayIso } from './renderApp.tsx';

describe('innovation topic screen', () => {
  it('autosaves the topic and its plan; an overdue milestone is marked and shown on the home screen', async () => {
    const db = freshDb();
    const { user, router } = renderApp('/doi-moi', db);
    const name = await screen.findByLabelText('Tên nội dung đổi mới', {}, { timeout: 10_000 });
    await user.type(name, 'Dạy học theo trạm ở lớp 4');
    await user.click(screen.getByRole('button', { name: 'Thêm mốc kế hoạch' }));
    const milestone = screen.getByRole('group', { name: /Mốc 1/ });
    fireEvent.change(within(milestone).getByLabelText('Thời gian'), { target: { value: '2020-10-15' } });
    await user.type(within(milestone).getByLabelText('Việc làm'), 'Khảo sát học sinh');
    await waitFor(() => expect(screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)).toContain('Mốc 1 · Quá hạn'));
    await waitFor(async () => {
      const topics = await db.innovationTopics.toArray();
      expect(topics).toHaveLength(1);
      expect(topics[0]).toMatchObject({ title: 'Dạy học theo trạm ở lớp 4', milestones: [{ due: '2020-10-15', task: 'Khảo sát học sinh', done: false }] });
    }, { timeout: 5000 });

    router.navigate('/');
    expect(await screen.findByText(/Kế hoạch đổi mới có 1 mốc quá hạn: Khảo sát học sinh/, {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('an invalid date is reported beside its field and nothing invalid is stored', async () => {
    const db = freshDb();
    const { user } = renderApp('/doi-moi', db);
    await user.type(await screen.findByLabelText('Tên nội dung đổi mới', {}, { timeout: 10_000 }), 'STEM');
    await user.click(screen.getByRole('button', { name: 'Thêm mốc kế hoạch' }));
    const due = within(screen.getByRole('group', { name: /Mốc 1/ })).getByLabelText('Thời gian');
    fireEvent.change(due, { target: { value: '' } });
    await waitFor(() => expect(due).toHaveAttribute('aria-invalid', 'true'), { timeout: 5000 });
    expect(screen.getByText('Ngày không hợp lệ (dd/mm/yyyy).')).toBeInTheDocument();
    expect((await db.innovationTopics.toArray()).every((t) => t.milestones.length === 0)).toBe(true);
  });

  it("shows a leader's note on the topic (the observations' annotation machinery)", async () => {
    const db = freshDb();
    const now = new Date().toISOString();
    const start = startYearForDate(todayIso(), []);
    await db.annotations.put({
      id: 'note-1',
      targetTable: 'innovationTopics',
      targetId: `topic-nam-hoc-${start}`,
      anchor: { kind: 'whole' },
      threadId: null,
      authorUserId: 'leader-1',
      authorName: 'Thầy Hiệu trưởng',
      text: 'Nên thêm minh chứng khảo sát đầu năm.',
      createdAt: now,
      updatedAt: now,
    });
    renderApp('/doi-moi', db);
    expect(await screen.findByText('Nên thêm minh chứng khảo sát đầu năm.', {}, { timeout: 10_000 })).toBeInTheDocument();
  });
});

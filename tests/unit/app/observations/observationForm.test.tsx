// @vitest-environment jsdom
import { act, cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDraft } from '../../../../src/app/db/drafts.ts';
import { observationDraftKey } from '../../../../src/app/db/observations.ts';
import type { ObservationFormValues } from '../../../../src/app/features/observations/observationFormValues.ts';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../../src/domain/schoolSettings.ts';
import { freshDb, renderApp, todayIso } from '../renderApp.tsx';
import { seedObservation } from './seedObservations.ts';

// Lazy screens load slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function fillHeader(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Lớp'), '7A');
  await user.type(screen.getByLabelText('Môn'), 'Toán');
  await user.type(screen.getByLabelText('Người dạy'), 'Lê Thị Mai');
}

describe('observation form', () => {
  it('shows Vietnamese errors next to the missing fields and focuses the first', async () => {
    const { user } = renderApp('/du-gio/moi');
    expect(await screen.findByLabelText('Ngày')).toHaveValue(todayIso());
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    expect(await screen.findByText('Hãy nhập lớp.')).toBeInTheDocument();
    expect(screen.getByText('Hãy nhập môn.')).toBeInTheDocument();
    expect(screen.getByText('Hãy chọn hoặc nhập người dạy.')).toBeInTheDocument();
    expect(screen.getByLabelText('Lớp')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByLabelText('Lớp')).toHaveFocus());
  });

  it('adds a timeline row with one tap, flags an earlier time without reordering, and saves', async () => {
    const db = freshDb();
    const { user, router } = renderApp('/du-gio/moi', db);
    await fillHeader(user);
    await user.click(screen.getByRole('button', { name: '+ Thêm dòng' }));
    // The new row's activity has the focus: the observer just types.
    await waitFor(() => expect(screen.getAllByLabelText('Hoạt động')[0]).toHaveFocus());
    await user.keyboard('Khởi động');
    const [firstTime] = screen.getAllByLabelText('Thời điểm');
    expect((firstTime as HTMLInputElement).value).toMatch(/^\d{1,2}:\d{2}$/);
    await user.clear(firstTime!);
    await user.type(firstTime!, '7:20');
    await user.click(screen.getByRole('button', { name: '+ Thêm dòng' }));
    await user.keyboard('Hoạt động nhóm');
    const secondTime = screen.getAllByLabelText('Thời điểm')[1]!;
    await user.clear(secondTime);
    await user.type(secondTime, '7:05');
    expect(screen.getByText('Thời điểm sớm hơn dòng trước — kiểm tra lại (dòng vẫn giữ nguyên thứ tự).')).toBeInTheDocument();
    expect(secondTime).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    await waitFor(() => expect(router.pathname()).toMatch(/^\/du-gio\/[0-9a-f-]{36}$/));
    const [saved] = await db.observations.toArray();
    expect(saved!.timeline.map((r) => [r.time, r.activity])).toEqual([
      ['7:20', 'Khởi động'],
      ['7:05', 'Hoạt động nhóm'],
    ]);
    expect(saved!.rubricId).toBe('khung-3x4');
    // No school directory on this device: the name is kept as typed, linked to nobody.
    expect(saved).toMatchObject({ teacherName: 'Lê Thị Mai', teacherUserId: null });
    expect(await db.outbox.where('recordId').equals(saved!.id).count()).toBe(1);
    expect(await screen.findByRole('heading', { name: 'Tiến trình bài dạy' })).toBeInTheDocument();
  });

  it('removes a timeline row with undo back in its place', async () => {
    const db = freshDb();
    const observation = await seedObservation(db, { timeline: ['Khởi động', 'Thảo luận', 'Củng cố'].map((activity, i) => ({ id: `r${i}`, time: `7:${i}0`, activity, note: '' })) });
    const { user } = renderApp(`/du-gio/${observation.id}/sua`, db);
    await user.click(await screen.findByRole('button', { name: 'Xoá dòng 2' }));
    const activities = () => screen.getAllByLabelText('Hoạt động').map((el) => (el as HTMLTextAreaElement).value);
    expect(activities()).toEqual(['Khởi động', 'Củng cố']);
    await user.click(await screen.findByRole('button', { name: 'Hoàn tác' }));
    await waitFor(() => expect(activities()).toEqual(['Khởi động', 'Thảo luận', 'Củng cố']));
  });

  it('keeps typed input as a draft within a second and restores it', async () => {
    const db = freshDb();
    const first = renderApp('/du-gio/moi', db);
    await fillHeader(first.user);
    await first.user.click(screen.getByRole('button', { name: '+ Thêm dòng' }));
    await first.user.keyboard('Giáo viên nêu vấn đề');
    await waitFor(async () => expect((await getDraft<ObservationFormValues>(db, observationDraftKey()))?.values.timeline[0]?.activity).toBe('Giáo viên nêu vấn đề'), {
      timeout: 1500,
    });
    first.unmount();
    renderApp('/du-gio/moi', db);
    expect(await screen.findByText('Đã khôi phục bản nháp chưa lưu.')).toBeInTheDocument();
    expect(screen.getByLabelText('Hoạt động')).toHaveValue('Giáo viên nêu vấn đề');
    expect(screen.getByLabelText('Lớp')).toHaveValue('7A');
  });

  it('keeps the draft current while the observer types on without a pause (at most about a second behind)', async () => {
    const db = freshDb();
    const { user } = renderApp('/du-gio/moi', db);
    await user.click(await screen.findByRole('button', { name: '+ Thêm dòng' }));
    await waitFor(() => expect(screen.getByLabelText('Hoạt động')).toHaveFocus());
    // A key every 300 ms for about 5 s: never the 700 ms pause that the draft otherwise waits for.
    let typing = true;
    const typed = userEvent
      .setup({ delay: 300 })
      .keyboard('Học sinh thảo luận')
      .then(() => (typing = false));
    await waitFor(async () => expect((await getDraft<ObservationFormValues>(db, observationDraftKey()))?.values.timeline[0]?.activity).toMatch(/^Học/), { timeout: 2500 });
    expect(typing).toBe(true);
    await typed;
  }, 15_000);

  it('keeps what was typed in a row when other fields change afterwards, and saves it', async () => {
    const db = freshDb();
    const { user, router } = renderApp('/du-gio/moi', db);
    await user.click(await screen.findByRole('button', { name: '+ Thêm dòng' }));
    await waitFor(() => expect(screen.getByLabelText('Hoạt động')).toHaveFocus());
    await user.keyboard('Khởi động');
    await user.type(screen.getByLabelText('Ghi chú'), 'Cả lớp hát');
    await user.clear(screen.getByLabelText('Thời điểm'));
    await user.type(screen.getByLabelText('Thời điểm'), '7:05');
    await user.type(screen.getByLabelText('Ghi chú'), ' sôi nổi');
    await fillHeader(user);
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('Cả lớp hát sôi nổi');
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    await waitFor(() => expect(router.pathname()).toMatch(/^\/du-gio\/[0-9a-f-]{36}$/));
    const [saved] = await db.observations.toArray();
    expect(saved!.timeline.map((r) => [r.time, r.activity, r.note])).toEqual([['7:05', 'Khởi động', 'Cả lớp hát sôi nổi']]);
  });

  it('Enter in a row’s time moves on to its activity without saving the observation', async () => {
    const db = freshDb();
    const { user, router } = renderApp('/du-gio/moi', db);
    await fillHeader(user);
    await user.click(screen.getByRole('button', { name: '+ Thêm dòng' }));
    const time = screen.getByLabelText('Thời điểm');
    await user.clear(time);
    await user.type(time, '7:10{Enter}');
    expect(screen.getByLabelText('Hoạt động')).toHaveFocus();
    expect(router.pathname()).toBe('/du-gio/moi');
    expect(await db.observations.count()).toBe(0);
    // Each row's boxes are a form of their own: the browser's autofill, which re-reads the whole form
    // of a box on every keystroke, then reads three boxes, not those of every row.
    const row = time as HTMLInputElement;
    expect(row.form?.elements).toHaveLength(3);
    expect(screen.getByLabelText('Lớp').closest('form')).toBe((screen.getByLabelText('Lớp') as HTMLInputElement).form);
  });

  it('on the 20-point sheet, computes the total and the rating from the school thresholds', async () => {
    const db = freshDb();
    await db.meta.put({ key: 'school.context', value: { settings: { ...DEFAULT_SCHOOL_SETTINGS, observationRubricId: 'phieu-20', ratingThresholds: { gioi: 19, kha: 15, trungBinh: 10 } } } });
    const { user, router } = renderApp('/du-gio/moi', db);
    await fillHeader(user);
    const scores = await screen.findAllByLabelText('Điểm');
    expect(scores).toHaveLength(10);
    for (const select of scores) await user.selectOptions(select, '2');
    await user.selectOptions(scores[9]!, '0,5');
    // 9 × 2 + 0.5 = 18.5: Khá with this school's thresholds (Giỏi from 19).
    expect(screen.getByText(/Tổng điểm: 18,5\/20/)).toHaveTextContent('Xếp loại theo ngưỡng của trường: Khá');
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    await waitFor(() => expect(router.pathname()).toMatch(/^\/du-gio\/.+/));
    const [saved] = await db.observations.toArray();
    expect(saved).toMatchObject({ rubricId: 'phieu-20', rubricVersion: 1, rating: 'kha' });
    expect(Object.values(saved!.criterionScores).reduce((a, b) => a + b, 0)).toBe(18.5);
  });

  it('picks a colleague from the school directory, linked by id; a colleague who left is marked', async () => {
    const db = freshDb();
    const directory = [
      { userId: 'user-mai', fullName: 'Lê Thị Mai', department: 'Toán', active: true },
      { userId: 'user-cu', fullName: 'Phạm Văn Cũ', department: 'Văn', active: false },
    ];
    await db.meta.put({ key: 'school.context', value: { settings: DEFAULT_SCHOOL_SETTINGS, directory, mentorships: { mentees: [], mentors: [] } } });
    const { user, router } = renderApp('/du-gio/moi', db);
    await fillHeader(user);
    expect(document.querySelectorAll('#obs-directory option')).toHaveLength(2);
    expect(document.querySelector('#obs-directory option[value="Phạm Văn Cũ"]')).toHaveTextContent('(đã rời trường)');
    await user.click(screen.getByRole('button', { name: 'Lưu phiếu' }));
    await waitFor(() => expect(router.pathname()).toMatch(/^\/du-gio\/.+/));
    expect((await db.observations.toArray())[0]).toMatchObject({ teacherUserId: 'user-mai', teacherName: 'Lê Thị Mai' });
  });

  it('shows the semester’s tiết dự against the school minimum on the semester summary', async () => {
    const db = freshDb();
    await db.meta.put({ key: 'school.context', value: { settings: { ...DEFAULT_SCHOOL_SETTINGS, minObservationsPerSemester: 2 } } });
    await seedObservation(db, { date: '2024-10-07' });
    await seedObservation(db, { date: '2024-11-07' });
    await seedObservation(db, { date: '2025-03-07' });
    renderApp('/hoc-ky/HK1?nam=2024', db);
    expect(await screen.findByText(/Đã đủ số tiết dự tối thiểu của học kỳ \(2\/2\)/)).toBeInTheDocument();
  });

  it('deletes after a confirmation, with undo', async () => {
    const db = freshDb();
    const observation = await seedObservation(db);
    const { user, router } = renderApp(`/du-gio/${observation.id}/sua`, db);
    await user.click(await screen.findByRole('button', { name: 'Xoá phiếu' }));
    const dialog = screen.getByRole('dialog', { name: 'Xoá phiếu dự giờ này?' });
    await user.click(within(dialog).getByRole('button', { name: 'Xoá phiếu' }));
    await waitFor(() => expect(router.pathname()).toBe('/du-gio'));
    expect(await db.observations.count()).toBe(0);
    await user.click(await screen.findByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect(await db.observations.get(observation.id)).toMatchObject({ lessonTitle: observation.lessonTitle }));
    await act(async () => {});
  });
});

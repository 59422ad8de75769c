// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../../src/domain/schoolSettings.ts';
import { freshDb, renderApp } from '../renderApp.tsx';
import { annotation, connectAs, MENTOR, observationInput, seedObservation, TEACHER } from './seedObservations.ts';

// Lazy screens load slowly on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());

describe('annotations for the mentee', () => {
  it('shows the unread count on home and in the list; opening highlights the note, marks it read and lets her reply', async () => {
    const db = freshDb();
    await connectAs(db, TEACHER);
    const today = new Date().toISOString().slice(0, 10);
    const observation = await seedObservation(db, { date: today });
    await db.annotations.bulkPut([
      annotation({ id: 'a-1', targetId: observation.id }),
      annotation({ id: 'a-2', targetId: observation.id, anchor: { kind: 'timelineRow', rowId: 'row-2' }, text: 'Hoạt động này hơi dài.' }),
      // A leader's note on her semester is not an observation note: not counted here.
      annotation({ id: 's-1', targetTable: 'semester', targetId: 'nam-hoc-2026:HK1', authorUserId: 'user-bgh', authorName: 'Hiệu trưởng' }),
    ]);

    const home = renderApp('/', db);
    const card = await screen.findByRole('link', { name: /Dự giờ học kỳ này/ });
    await waitFor(() => expect(card).toHaveTextContent('2 ghi chú mới'));
    expect(card).toHaveTextContent('1/4 tiết');
    home.unmount();

    const list = renderApp('/du-gio', db);
    const item = await screen.findByRole('link', { name: /Hai đường thẳng song song/ });
    expect(item).toHaveTextContent('2 ghi chú mới');
    await list.user.click(item);

    expect(await screen.findByText('Hoạt động này hơi dài.')).toBeInTheDocument();
    expect(await screen.findAllByText('Mới')).toHaveLength(2);
    await waitFor(async () => expect(await db.annotationReads.count()).toBe(2));
    expect(await db.outbox.where('recordId').anyOf('a-1', 'a-2').count()).toBe(2);

    // Her reply to the timeline-row thread, in her own logbook.
    const thread = screen.getByText('Hoạt động này hơi dài.').closest('section')!;
    await list.user.click(within(thread as HTMLElement).getByRole('button', { name: 'Trả lời' }));
    await list.user.type(screen.getByLabelText(`Trả lời ghi chú của ${MENTOR.fullName}`), 'Em sẽ rút ngắn phần này.');
    await list.user.click(screen.getByRole('button', { name: 'Gửi' }));
    await waitFor(() => expect(screen.getByText('Em sẽ rút ngắn phần này.')).toBeInTheDocument());
    const reply = (await db.annotations.toArray()).find((a) => a.authorUserId === TEACHER.id)!;
    expect(reply).toMatchObject({ threadId: 'a-2', anchor: { kind: 'timelineRow', rowId: 'row-2' }, targetId: observation.id, authorName: TEACHER.fullName });
    // She may edit her own reply, never the mentor's note.
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Sửa' })).toHaveLength(1));
    list.unmount();

    renderApp('/', db);
    const after = await screen.findByRole('link', { name: /Dự giờ học kỳ này/ });
    await waitFor(() => expect(after).toHaveTextContent('1/4 tiết'));
    expect(after).not.toHaveTextContent('ghi chú mới');
  });

  it('lists a colleague’s observation of her lesson, read-only, under “Tiết tôi dạy được dự”', async () => {
    const db = freshDb();
    await connectAs(db, TEACHER);
    const source = observationInput({ teacherUserId: TEACHER.id, teacherName: TEACHER.fullName, observers: MENTOR.fullName });
    const now = new Date().toISOString();
    await db.observedLessons.put({
      ...source,
      id: 'obs-by-nam',
      schoolYearId: 'nam-hoc-2024',
      teacherUserId: TEACHER.id,
      rating: null,
      observerUserId: MENTOR.id,
      observerName: MENTOR.fullName,
      sourceScopeId: MENTOR.scopeId,
      createdAt: now,
      updatedAt: now,
    });
    const { user } = renderApp('/du-gio?nam=2024', db);
    await user.click(await screen.findByRole('tab', { name: /Tiết tôi dạy được dự/ }));
    await user.click(await screen.findByRole('link', { name: /Người dự: Trần Văn Nam/ }));
    expect(await screen.findByText(/Trần Văn Nam ghi về tiết dạy của bạn; bạn chỉ xem được/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sửa phiếu' })).not.toBeInTheDocument();
  });
});

describe('mentor screen', () => {
  async function mentorDevice() {
    const db = freshDb();
    await connectAs(db, MENTOR);
    await db.meta.put({
      key: 'sync.scopes',
      value: [
        { scopeId: MENTOR.scopeId, ownerId: MENTOR.id, ownerName: MENTOR.fullName, access: 'owner', ownerLastSyncAt: null, lastSyncedAt: null },
        { scopeId: TEACHER.scopeId, ownerId: TEACHER.id, ownerName: TEACHER.fullName, access: 'mentor', ownerLastSyncAt: '2024-10-08T03:04:00.000Z', lastSyncedAt: null },
      ],
    });
    await db.meta.put({ key: 'school.context', value: { settings: DEFAULT_SCHOOL_SETTINGS, directory: [], mentorships: { mentees: [{ userId: TEACHER.id, fullName: TEACHER.fullName, department: 'Toán' }], mentors: [] } } });
    const now = new Date().toISOString();
    const record = { ...observationInput({ date: now.slice(0, 10) }), id: 'obs-hoa', schoolYearId: 'nam-hoc-2024', createdAt: now, updatedAt: now };
    await db.foreign.bulkPut([
      { scopeId: TEACHER.scopeId, table: 'observations', id: record.id, data: record },
      // Her reply to a note of the mentor, waiting for his answer; and his note on an observation she deleted.
      { scopeId: TEACHER.scopeId, table: 'annotations', id: 'n-1', data: annotation({ id: 'n-1', targetId: 'obs-hoa' }) },
      { scopeId: TEACHER.scopeId, table: 'annotations', id: 'n-2', data: annotation({ id: 'n-2', targetId: 'obs-hoa', threadId: 'n-1', authorUserId: TEACHER.id, authorName: TEACHER.fullName, text: 'Dạ, em cảm ơn thầy.', createdAt: '2024-10-08T03:00:00.000Z' }) },
      { scopeId: TEACHER.scopeId, table: 'annotations', id: 'n-3', data: annotation({ id: 'n-3', targetId: 'obs-deleted', text: 'Ghi chú trên phiếu đã xoá' }) },
    ]);
    return db;
  }

  it('lists each mentee with this semester’s observations, threads waiting and last sync', async () => {
    const db = await mentorDevice();
    renderApp('/kem-cap', db);
    const mentee = await screen.findByRole('link', { name: `Xem phiếu dự giờ của ${TEACHER.fullName}` });
    expect(mentee).toHaveTextContent('Tiết dự học kỳ này: 1');
    expect(mentee).toHaveTextContent('Chờ bạn trả lời: 1');
    expect(mentee).toHaveTextContent('Chờ người được kèm trả lời: 1');
    expect(mentee).toHaveTextContent(/Đồng bộ lần cuối: 08\/10\/2024 \d{2}:04/);
  });

  it('links the observation lists to the mentor screen when the user has mentees', async () => {
    const db = await mentorDevice();
    const { user, router } = renderApp('/du-gio', db);
    await user.click(await screen.findByRole('link', { name: 'Người được kèm cặp' }));
    await waitFor(() => expect(router.pathname()).toBe('/kem-cap'));
  });

  it('opens a mentee’s observation read-only and annotates a criterion into her logbook; a note on a deleted observation stays visible', async () => {
    const db = await mentorDevice();
    const { user } = renderApp(`/kem-cap/${TEACHER.scopeId}`, db);
    expect(await screen.findByRole('heading', { name: 'Ghi chú trên bản dự giờ đã xoá' })).toBeInTheDocument();
    expect(screen.getByText('Ghi chú trên phiếu đã xoá')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Hai đường thẳng song song/ }));
    expect(await screen.findByText('Dạ, em cảm ơn thầy.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sửa phiếu' })).not.toBeInTheDocument();

    const criterion = screen.getByText(/Mức độ phù hợp của chuỗi hoạt động học/).closest('.rubric__criterion') as HTMLElement;
    await user.click(within(criterion).getByRole('button', { name: 'Thêm ghi chú cho phần này' }));
    await user.type(within(criterion).getByLabelText('Ghi chú mới'), 'Nên nêu rõ sản phẩm cần đạt.');
    await user.click(within(criterion).getByRole('button', { name: 'Gửi' }));
    // The write re-renders the screen (live queries): look again until the note shows.
    await waitFor(() => expect(screen.getByText('Nên nêu rõ sản phẩm cần đạt.')).toBeVisible());

    const written = (await db.foreign.where('[scopeId+table]').equals([TEACHER.scopeId, 'annotations']).toArray()).map((r) => r.data).find((d) => d.text === 'Nên nêu rõ sản phẩm cần đạt.');
    expect(written).toMatchObject({ authorUserId: MENTOR.id, targetTable: 'observations', targetId: 'obs-hoa', anchor: { kind: 'criterion', code: '1.1' }, threadId: null });
    const queued = (await db.outbox.toArray()).filter((row) => row.table === 'annotations');
    expect(queued).toEqual([expect.objectContaining({ table: 'annotations', op: 'put', scopeId: TEACHER.scopeId, recordId: (written as { id: string }).id })]);
    expect(await db.annotations.count()).toBe(0);
  });
});

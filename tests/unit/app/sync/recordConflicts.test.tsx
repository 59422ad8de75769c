// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getEntry, saveEntry } from '../../../../src/app/db/entries.ts';
import { getReflection, saveReflection } from '../../../../src/app/db/reflections.ts';
import { ensureSchoolYearNow } from '../../../../src/app/db/schoolYears.ts';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import { harnessFor } from '../../../server/harness.ts';
import { input } from '../db/helpers.ts';
import { renderApp } from '../renderApp.tsx';
import { device, injectFetch, login, serverRecords } from './helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());
// Lazy screens and the in-process server share two cores with other suites.
configure({ asyncUtilTimeout: 5000 });

const MINE = 'Sinh hoạt tổ: đổi mới phương pháp';
const OTHER = 'Sinh hoạt tổ: dạy học STEM';

/** A real conflict copy: one entry's content edited offline on a phone and a PC, synced through the server. */
async function conflictOnPhone() {
  const h = await setup();
  const first = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
  const phone = await device(h.app, first);
  const pc = await device(h.app, await login(h.app, 'lan'));
  const saved = await saveEntry(phone.db, input({ date: '2024-10-02', content: 'Sinh hoạt tổ chuyên môn' }));
  if (!saved.ok) throw new Error('save failed');
  const id = saved.entry.id;
  await phone.sync();
  await pc.sync();
  await saveEntry(phone.db, input({ date: '2024-10-02', content: MINE }), id);
  await saveEntry(pc.db, input({ date: '2024-10-02', content: OTHER }), id);
  await phone.sync(); // first to arrive: the phone's text stays in the record
  await pc.sync();
  await phone.sync(); // the phone receives the PC's text as a conflict copy
  const [conflict] = await phone.db.conflicts.toArray();
  expect(conflict).toMatchObject({ recordId: id, fields: { content: OTHER } });
  // The app's own sync runs through the same in-process server.
  getSyncController(phone.db, { fetch: injectFetch(h.app).fetch });
  const app = renderApp(`/ghi/${id}`, phone.db);
  const notice = await screen.findByRole('region', { name: 'Mục này có bản sửa từ thiết bị khác' });
  /** Pushes the phone's outbox, then what the server holds for the entry and the copy. */
  async function onServer() {
    await getSyncController(phone.db).syncNow();
    expect(await phone.db.outbox.count()).toBe(0);
    const records = await serverRecords(h.app, first.user.scopeId!);
    return { entry: records.find((r) => r.id === id)?.data, copy: records.find((r) => r.table === 'conflicts' && r.id === conflict!.id) };
  }
  return { ...app, id, notice, onServer };
}

const contentField = () => screen.getByLabelText('Nội dung') as HTMLTextAreaElement;

describe('a record with a conflict copy (entry form)', () => {
  it('shows both versions side by side; "Giữ bản của tôi" keeps the record and drops the copy', async () => {
    const { notice, user, db, id, onServer } = await conflictOnPhone();
    expect(notice.querySelector('[data-version="mine"]')).toHaveTextContent(MINE);
    expect(notice.querySelector('[data-version="other"]')).toHaveTextContent(OTHER);
    expect(contentField().value).toBe(MINE);

    await user.click(within(notice).getByRole('button', { name: 'Giữ bản của tôi' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Mục này có bản sửa từ thiết bị khác' })).toBeNull());
    expect(await db.conflicts.count()).toBe(0);
    expect((await getEntry(db, id))?.content).toBe(MINE);
    expect(contentField().value).toBe(MINE);
    const server = await onServer();
    expect(server.entry?.content).toBe(MINE);
    expect(server.copy?.deleted).toBe(true);
  });

  it('"Dùng bản kia" puts the other text into the entry and the open form', async () => {
    const { notice, user, db, id, onServer } = await conflictOnPhone();
    await user.click(await within(notice).findByRole('button', { name: 'Dùng bản kia' }));
    await waitFor(() => expect(contentField().value).toBe(OTHER));
    expect((await getEntry(db, id))?.content).toBe(OTHER);
    expect(await db.conflicts.count()).toBe(0);
    expect(screen.queryByRole('region', { name: 'Mục này có bản sửa từ thiết bị khác' })).toBeNull();
    const server = await onServer();
    expect(server.entry?.content).toBe(OTHER);
    expect(server.copy?.deleted).toBe(true);
  });

  it('"Tự gộp" opens both texts for editing and saves the merged text into the entry', async () => {
    const { notice, user, db, id, onServer } = await conflictOnPhone();
    await user.click(await within(notice).findByRole('button', { name: 'Tự gộp' }));
    const merge = within(notice).getByLabelText('Nội dung — bản gộp') as HTMLTextAreaElement;
    expect(merge).toHaveFocus();
    expect(merge.value).toBe(`${MINE}\n\n${OTHER}`);
    await user.clear(merge);
    await user.type(merge, 'Sinh hoạt tổ: đổi mới phương pháp, dạy học STEM');
    await user.click(within(notice).getByRole('button', { name: 'Lưu bản gộp' }));
    await waitFor(() => expect(contentField().value).toBe('Sinh hoạt tổ: đổi mới phương pháp, dạy học STEM'));
    expect((await getEntry(db, id))?.content).toBe('Sinh hoạt tổ: đổi mới phương pháp, dạy học STEM');
    expect(await db.conflicts.count()).toBe(0);
    const server = await onServer();
    expect(server.entry?.content).toBe('Sinh hoạt tổ: đổi mới phương pháp, dạy học STEM');
    expect(server.copy?.deleted).toBe(true);
  });
});

describe('a record with a conflict copy (month reflection)', () => {
  it('the month screen shows the notice; "Dùng bản kia" puts the other text into the reflection editor', async () => {
    const h = await setup();
    const first = await h.user('lan', [{ role: 'teacher' }]);
    const phone = await device(h.app, first);
    const pc = await device(h.app, await login(h.app, 'lan'));
    const { year } = await ensureSchoolYearNow(phone.db, 2024);
    await saveReflection(phone.db, year.id, 'month', '2024-10', 'Tháng 10: bắt đầu');
    await phone.sync();
    await pc.sync();
    await saveReflection(phone.db, year.id, 'month', '2024-10', 'Tháng 10: đã dự giờ 3 tiết');
    await saveReflection(pc.db, year.id, 'month', '2024-10', 'Tháng 10: hoàn thành mô đun 4');
    await phone.sync();
    await pc.sync();
    await phone.sync();
    expect(await phone.db.conflicts.count()).toBe(1);
    getSyncController(phone.db, { fetch: injectFetch(h.app).fetch });
    const { user } = renderApp('/thang/2024-10', phone.db);
    const notice = await screen.findByRole('region', { name: 'Mục này có bản sửa từ thiết bị khác' });
    expect(notice.querySelector('[data-version="mine"]')).toHaveTextContent('Tháng 10: đã dự giờ 3 tiết');
    expect(notice.querySelector('[data-version="other"]')).toHaveTextContent('Tháng 10: hoàn thành mô đun 4');
    expect(await screen.findByLabelText('Tự nhận xét tháng')).toHaveValue('Tháng 10: đã dự giờ 3 tiết');

    await user.click(await within(notice).findByRole('button', { name: 'Dùng bản kia' }));
    await waitFor(() => expect(screen.getByLabelText('Tự nhận xét tháng')).toHaveValue('Tháng 10: hoàn thành mô đun 4'));
    expect((await getReflection(phone.db, year.id, 'month', '2024-10'))?.text).toBe('Tháng 10: hoàn thành mô đun 4');
    expect(await phone.db.conflicts.count()).toBe(0);
  });
});

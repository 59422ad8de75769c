// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryDraftKey, getDraft } from '../../../src/app/db/drafts.ts';
import { flushBeforeUpdate } from '../../../src/app/features/pwa/beforeUpdate.ts';
import type { EntryFormValues } from '../../../src/app/features/entries/entryFormValues.ts';
import { freshDb, renderApp, todayIso } from './renderApp.tsx';
import { seedEntry } from './seed.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const draftOf = (db: ReturnType<typeof freshDb>, id?: string) => getDraft<EntryFormValues>(db, entryDraftKey(id));

function setVisibility(state: DocumentVisibilityState) {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('entry form draft', () => {
  it('keeps typed text about a second after typing, and restores it when the form is opened again', async () => {
    const db = freshDb();
    const first = renderApp('/ghi', db);
    await first.user.type(await screen.findByLabelText('Nội dung'), 'Đang ghi dở');
    await first.user.type(screen.getByLabelText('Nguồn / tài liệu'), 'Tài liệu mô đun 2');
    // Written by the debounce alone (a killed tab gets no other chance).
    await waitFor(async () => expect((await draftOf(db))?.values).toMatchObject({ content: 'Đang ghi dở', source: 'Tài liệu mô đun 2' }), { timeout: 1500 });
    first.unmount();

    renderApp('/ghi', db);
    expect(await screen.findByLabelText('Nội dung')).toHaveValue('Đang ghi dở');
    expect(screen.getByLabelText('Nguồn / tài liệu')).toHaveValue('Tài liệu mô đun 2');
    expect(screen.getByLabelText('Ngày')).toHaveValue(todayIso());
    expect(screen.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bỏ bản nháp' })).toBeInTheDocument();
  });

  it('"Bỏ bản nháp" empties the form again and removes the draft', async () => {
    const db = freshDb();
    const first = renderApp('/ghi', db);
    await first.user.type(await screen.findByLabelText('Nội dung'), 'Không cần nữa');
    first.unmount();
    await waitFor(async () => expect(await draftOf(db)).toBeDefined());

    const { user } = renderApp('/ghi', db);
    await user.click(await screen.findByRole('button', { name: 'Bỏ bản nháp' }));
    expect(screen.getByLabelText('Nội dung')).toHaveValue('');
    expect(screen.getByLabelText('Nội dung')).toHaveFocus();
    expect(screen.queryByText('Đã khôi phục bản nháp chưa lưu.')).not.toBeInTheDocument();
    await waitFor(async () => expect(await draftOf(db)).toBeUndefined());
  });

  it('saves the draft at once when the page is hidden, without waiting for the pause in typing', async () => {
    const db = freshDb();
    const { user } = renderApp('/ghi', db);
    await user.type(await screen.findByLabelText('Nội dung'), 'Chuyển sang ứng dụng khác');
    act(() => setVisibility('hidden'));
    await waitFor(async () => expect((await draftOf(db))?.values.content).toBe('Chuyển sang ứng dụng khác'), { timeout: 300 });
  });

  it('saves the draft before an update reloads the app (sbd:before-update)', async () => {
    const db = freshDb();
    const { user } = renderApp('/ghi', db);
    await user.type(await screen.findByLabelText('Nội dung'), 'Cập nhật giữa chừng');
    await act(() => flushBeforeUpdate(window, 2000));
    expect((await draftOf(db))?.values.content).toBe('Cập nhật giữa chừng');
  });

  it('removes the draft once the entry is saved', async () => {
    const db = freshDb();
    const { user } = renderApp('/ghi', db);
    await user.type(await screen.findByLabelText('Nội dung'), 'Lưu xong');
    await user.clear(screen.getByLabelText('Số tiết'));
    await user.type(screen.getByLabelText('Số tiết'), '2');
    act(() => setVisibility('hidden'));
    await waitFor(async () => expect(await draftOf(db)).toBeDefined());
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu.');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await draftOf(db)).toBeUndefined();
    expect(await db.entries.count()).toBe(1);
  });

  it('keeps a draft per edited entry and removes it when the entry is deleted', async () => {
    const db = freshDb();
    const entry = await seedEntry(db, { date: '2024-10-02', content: 'Sinh hoạt chuyên môn' });
    const first = renderApp(`/ghi/${entry.id}`, db);
    await first.user.type(await screen.findByLabelText('Ghi chú'), 'Thêm ý');
    first.unmount();
    await waitFor(async () => expect((await draftOf(db, entry.id))?.values.note).toBe('Thêm ý'));
    expect(await draftOf(db)).toBeUndefined();

    const { user } = renderApp(`/ghi/${entry.id}`, db);
    expect(await screen.findByLabelText('Ghi chú')).toHaveValue('Thêm ý');
    expect(screen.getByLabelText('Nội dung')).toHaveValue('Sinh hoạt chuyên môn');
    await user.click(screen.getByRole('button', { name: 'Xoá' }));
    await screen.findByText(/Đã xoá/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await draftOf(db, entry.id)).toBeUndefined();
  });

  it('opens without a notice when nothing unsaved was left', async () => {
    const db = freshDb();
    const first = renderApp('/ghi', db);
    const content = await screen.findByLabelText('Nội dung');
    await first.user.type(content, 'x');
    await first.user.clear(content);
    first.unmount();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await draftOf(db)).toBeUndefined();
    renderApp('/ghi', db);
    await screen.findByLabelText('Nội dung');
    expect(screen.queryByText('Đã khôi phục bản nháp chưa lưu.')).not.toBeInTheDocument();
  });
});

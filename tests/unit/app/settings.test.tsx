// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '../../../src/app/db/backup.ts';
import { getMeta } from '../../../src/app/db/meta.ts';
import { ensureSchoolYearNow } from '../../../src/app/db/schoolYears.ts';
import { initI18n } from '../../../src/app/i18n/i18n.ts';
import { freshDb, renderApp } from './renderApp.tsx';
import { seedEntry } from './seed.ts';

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
  await initI18n('vi').changeLanguage('vi');
});

function jsonFile(name: string, content: string): File {
  return new File([content], name, { type: 'application/json' });
}

describe('settings', () => {
  it('saves the teacher profile', async () => {
    const { user, db } = renderApp('/cai-dat');
    await user.type(await screen.findByLabelText('Họ và tên'), 'Nguyễn Thị Lan');
    await user.type(screen.getByLabelText('Trường'), 'THCS Kim Đồng');
    await user.type(screen.getByLabelText('Tỉnh'), 'Hà Giang');
    await user.click(screen.getByRole('button', { name: 'Lưu hồ sơ' }));
    expect(await screen.findByText('Đã lưu hồ sơ.')).toBeInTheDocument();
    expect(await db.profile.get('profile')).toMatchObject({ fullName: 'Nguyễn Thị Lan', school: 'THCS Kim Đồng', province: 'Hà Giang' });
  });

  it('shows semester date errors next to the field and saves valid dates', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2024);
    const { user } = renderApp('/cai-dat', db);
    const group = await screen.findByRole('group', { name: 'Năm học 2024–2025' });
    const hk2Start = within(group).getByLabelText('Bắt đầu Học kỳ II');
    await user.clear(hk2Start);
    await user.type(hk2Start, '2025-01-10');
    await user.click(within(group).getByRole('button', { name: 'Lưu ngày học kỳ' }));
    expect(hk2Start).toHaveAttribute('aria-invalid', 'true');
    expect(hk2Start).toHaveAccessibleDescription('Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc.');
    expect(hk2Start).toHaveFocus();
    expect((await db.schoolYears.get(year.id))?.hk2Start).toBe('2025-01-15');

    await user.clear(hk2Start);
    await user.type(hk2Start, '2025-01-20');
    await user.click(within(group).getByRole('button', { name: 'Lưu ngày học kỳ' }));
    expect(await screen.findByText('Đã lưu ngày học kỳ năm học 2024–2025.')).toBeInTheDocument();
    expect((await db.schoolYears.get(year.id))?.hk2Start).toBe('2025-01-20');
  });

  it('adds a school year', async () => {
    const db = freshDb();
    await ensureSchoolYearNow(db, 2024);
    const { user } = renderApp('/cai-dat', db);
    const input = await screen.findByLabelText('Năm bắt đầu của năm học mới');
    await user.clear(input);
    await user.type(input, '2030');
    await user.click(screen.getByRole('button', { name: 'Thêm năm học' }));
    expect(await screen.findByRole('group', { name: 'Năm học 2030–2031' })).toBeInTheDocument();
  });

  it('downloads a backup named so-boi-duong-YYYY-MM-DD.json and records the time', async () => {
    const db = freshDb();
    await seedEntry(db, { date: '2024-10-01', content: 'Sao lưu tôi' });
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:backup');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const { user } = renderApp('/cai-dat', db);
    await user.click(await screen.findByRole('button', { name: 'Tải bản sao lưu' }));
    expect(await screen.findByText('Đã tải bản sao lưu.')).toBeInTheDocument();
    expect(clicks[0]?.download).toMatch(/^so-boi-duong-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await (createObjectURL.mock.calls[0]?.[0] as Blob).text();
    expect(JSON.parse(text).data.entries[0].content).toBe('Sao lưu tôi');
    expect(await getMeta(db, 'lastBackupAt')).toBeTruthy();
  });

  it('refuses a foreign file with a Vietnamese message and changes nothing', async () => {
    const db = freshDb();
    await seedEntry(db, { date: '2024-10-01', content: 'Giữ nguyên' });
    const { user } = renderApp('/cai-dat', db);
    await user.upload(await screen.findByLabelText('Khôi phục từ tệp'), jsonFile('la.json', '{"hello":"world"}'));
    const dialog = await screen.findByRole('dialog', { name: 'Khôi phục từ bản sao lưu?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tệp này không phải bản sao lưu của Sổ Bồi Dưỡng. Dữ liệu hiện có không thay đổi.');
    expect((await db.entries.toArray()).map((e) => e.content)).toEqual(['Giữ nguyên']);
  });

  it('restores a backup after confirmation, and cancelling changes nothing', async () => {
    const source = freshDb();
    await seedEntry(source, { date: '2024-10-01', content: 'Từ máy cũ' });
    const backup = JSON.stringify(await exportBackup(source));
    const db = freshDb();
    await seedEntry(db, { date: '2024-11-01', content: 'Sẽ bị thay thế' });
    const { user } = renderApp('/cai-dat', db);
    const input = await screen.findByLabelText('Khôi phục từ tệp');

    await user.upload(input, jsonFile('so-boi-duong-2024-10-02.json', backup));
    let dialog = await screen.findByRole('dialog', { name: 'Khôi phục từ bản sao lưu?' });
    expect(dialog).toHaveTextContent('so-boi-duong-2024-10-02.json');
    await user.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await db.entries.toArray()).map((e) => e.content)).toEqual(['Sẽ bị thay thế']);

    await user.upload(input, jsonFile('so-boi-duong-2024-10-02.json', backup));
    dialog = await screen.findByRole('dialog', { name: 'Khôi phục từ bản sao lưu?' });
    await user.click(within(dialog).getByRole('button', { name: 'Khôi phục' }));
    expect(await screen.findByText('Đã khôi phục 1 mục ghi, 1 năm học, 0 bản tự nhận xét.')).toBeInTheDocument();
    expect((await db.entries.toArray()).map((e) => e.content)).toEqual(['Từ máy cũ']);
  });

  it('switches the language to English and remembers it', async () => {
    const { user, db } = renderApp('/cai-dat');
    await user.selectOptions(await screen.findByLabelText('Ngôn ngữ hiển thị'), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New entry' })).toBeInTheDocument();
    expect(localStorage.getItem('lang')).toBe('en');
    await waitFor(async () => expect(await getMeta(db, 'language')).toBe('en'));
  });
});

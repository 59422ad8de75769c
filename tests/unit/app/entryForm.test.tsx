// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveEntry } from '../../../src/app/db/entries.ts';
import { setMeta } from '../../../src/app/db/meta.ts';
import { freshDb, renderApp, todayIso } from './renderApp.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const baseInput = { form: 'tu-hoc' as const, bdtxProgram: null, module: null, periods: 2, source: '', result: '', evidence: '', note: '' };

describe('entry form', () => {
  it('defaults the date to today and saves in one tap; the entry then shows on home', async () => {
    const { user, db, router } = renderApp('/ghi');
    const date = await screen.findByLabelText('Ngày');
    expect(date).toHaveValue(todayIso());
    await user.type(screen.getByLabelText('Nội dung'), 'Bồi dưỡng chuyên đề STEM');
    await user.type(screen.getByLabelText('Số tiết'), '3');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Đã lưu.')).toBeInTheDocument();
    await waitFor(() => expect(router.pathname()).toBe('/'));
    expect(await screen.findByRole('link', { name: 'Bồi dưỡng chuyên đề STEM' })).toBeInTheDocument();
    const stored = await db.entries.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ content: 'Bồi dưỡng chuyên đề STEM', periods: 3, date: todayIso() });
  });

  it('shows Vietnamese field errors next to the fields, and focuses the first invalid one', async () => {
    const { user, db } = renderApp('/ghi');
    const periods = await screen.findByLabelText('Số tiết');
    await user.clear(periods);
    await user.type(periods, '13');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const content = screen.getByLabelText('Nội dung');
    await waitFor(() => expect(content).toHaveAttribute('aria-invalid', 'true'));
    expect(content).toHaveAccessibleDescription('Hãy nhập nội dung bồi dưỡng.');
    expect(content).toHaveFocus();
    expect(periods).toHaveAccessibleDescription(expect.stringContaining('Một lần ghi tối đa 12 tiết.'));
    expect(await db.entries.count()).toBe(0);
  });

  it('requires a module for program 03 and shows the module select only then', async () => {
    const { user } = renderApp('/ghi');
    const program = await screen.findByLabelText('Chương trình BDTX');
    expect(screen.queryByLabelText('Mô đun')).not.toBeInTheDocument();
    await user.selectOptions(program, '03');
    const module = screen.getByLabelText('Mô đun');
    await user.type(screen.getByLabelText('Nội dung'), 'Mô đun 3');
    await user.type(screen.getByLabelText('Số tiết'), '2');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(module).toHaveAccessibleDescription('Chương trình 03 cần chọn mô đun GVPT.'));
    await user.selectOptions(program, '01');
    expect(screen.queryByLabelText('Mô đun')).not.toBeInTheDocument();
  });

  it('accepts a decimal comma in Số tiết and stores decomposed Vietnamese as NFC', async () => {
    const { user, db } = renderApp('/ghi');
    const decomposed = 'Tie\u0302\u0301ng Vie\u0323\u0302t';
    await user.type(await screen.findByLabelText('Nội dung'), decomposed);
    await user.type(screen.getByLabelText('Số tiết'), '1,5');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu.');
    const [entry] = await db.entries.toArray();
    expect(entry?.periods).toBe(1.5);
    expect(entry?.content).toBe('Tiếng Việt'.normalize('NFC'));
    expect(entry?.content).not.toBe(decomposed);
  });

  it('displays HTML typed in a field as text', async () => {
    const { user, container } = renderApp('/ghi');
    const html = '<img src=x onerror="alert(1)"><b>đậm</b>';
    const content = await screen.findByLabelText('Nội dung');
    await user.click(content);
    await user.paste(html);
    await user.type(screen.getByLabelText('Số tiết'), '1');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByRole('link', { name: html })).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('saves and shows back 100 KB of text in one field', async () => {
    const db = freshDb();
    const long = 'Nội dung rất dài. '.repeat(5700);
    expect(long.length).toBeGreaterThan(100_000);
    const saved = await saveEntry(db, { ...baseInput, date: todayIso(), content: 'Dài', note: long });
    if (!saved.ok) throw new Error('seed failed');
    renderApp(`/ghi/${saved.entry.id}`, db);
    expect(await screen.findByLabelText('Ghi chú')).toHaveValue(long);
  });

  it('takes hình thức, chương trình, mô đun and số tiết from the last form used', async () => {
    const db = freshDb();
    await setMeta(db, 'lastEntryForm', { form: 'du-gio', bdtxProgram: '03', module: 'GVPT 05', periods: 1.5 });
    renderApp('/ghi', db);
    expect(await screen.findByLabelText('Hình thức')).toHaveValue('du-gio');
    expect(screen.getByLabelText('Chương trình BDTX')).toHaveValue('03');
    expect(screen.getByLabelText('Mô đun')).toHaveValue('GVPT 05');
    expect(screen.getByLabelText('Số tiết')).toHaveValue('1,5');
  });

  it('says which school year a date outside every semester went to', async () => {
    const { user, db } = renderApp('/ghi');
    const date = await screen.findByLabelText('Ngày');
    await user.clear(date);
    await user.type(date, '2024-07-10');
    await user.type(screen.getByLabelText('Nội dung'), 'Bồi dưỡng hè');
    await user.type(screen.getByLabelText('Số tiết'), '4');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(/Đã lưu vào năm học 2024–2025/)).toBeInTheDocument();
    const years = await db.schoolYears.toArray();
    expect(years.map((y) => y.startYear)).toContain(2024);
  });

  it('deletes with an undo that restores the entry', async () => {
    const db = freshDb();
    const saved = await saveEntry(db, { ...baseInput, date: todayIso(), content: 'Sinh hoạt tổ chuyên môn' });
    if (!saved.ok) throw new Error('seed failed');
    const { user } = renderApp(`/ghi/${saved.entry.id}`, db);
    await user.click(await screen.findByRole('button', { name: 'Xoá' }));
    const notice = await screen.findByText(/Đã xoá “Sinh hoạt tổ chuyên môn”/);
    expect(await db.entries.count()).toBe(0);
    await user.click(within(notice.closest('.notice') as HTMLElement).getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect(await db.entries.get(saved.entry.id)).toMatchObject({ content: 'Sinh hoạt tổ chuyên môn' }));
    expect(await screen.findByRole('link', { name: 'Sinh hoạt tổ chuyên môn' })).toBeInTheDocument();
  });

  it('keeps the typed text and explains a storage failure', async () => {
    const { user, db } = renderApp('/ghi');
    const content = await screen.findByLabelText('Nội dung');
    await user.type(content, 'Không được mất');
    await user.type(screen.getByLabelText('Số tiết'), '2');
    vi.spyOn(db.entries, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Bộ nhớ của trình duyệt đã đầy');
    expect(screen.getByLabelText('Nội dung')).toHaveValue('Không được mất');
  });
});

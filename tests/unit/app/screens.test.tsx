// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../../src/app/db/meta.ts';
import { getReflection } from '../../../src/app/db/reflections.ts';
import { ensureSchoolYearNow } from '../../../src/app/db/schoolYears.ts';
import { freshDb, renderApp, todayIso } from './renderApp.tsx';
import { seedEntry } from './seed.ts';

afterEach(cleanup);

describe('search', () => {
  it('finds "Bồi dưỡng" when typing "boi duong", and says when nothing matches', async () => {
    const db = freshDb();
    await seedEntry(db, { date: '2024-10-02', content: 'Bồi dưỡng thường xuyên mô đun 2' });
    await seedEntry(db, { date: '2024-10-03', content: 'Dự giờ tiết Toán lớp 7' });
    const { user } = renderApp('/tim-kiem', db);
    const input = await screen.findByLabelText('Tìm kiếm');
    expect(input).toHaveAttribute('type', 'search');
    expect(screen.getByText('Nhập từ khoá để tìm trong toàn bộ sổ.')).toBeInTheDocument();

    await user.type(input, 'boi duong');
    const results = await screen.findByRole('list', { name: 'Kết quả tìm kiếm' });
    expect(within(results).getByRole('link', { name: 'Bồi dưỡng thường xuyên mô đun 2' })).toBeInTheDocument();
    expect(within(results).queryByText('Dự giờ tiết Toán lớp 7')).not.toBeInTheDocument();
    expect(screen.getByText('Tìm thấy 1 mục ghi.')).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, 'hoá học');
    expect(await screen.findByText('Không tìm thấy mục ghi nào khớp với “hoá học”.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Kết quả tìm kiếm' })).not.toBeInTheDocument();
  });
});

describe('home', () => {
  it('welcomes a new user with links to the profile and the first entry', async () => {
    renderApp('/');
    expect(await screen.findByText('Chào mừng thầy/cô đến với Sổ Bồi Dưỡng')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ghi mục đầu tiên' })).toHaveAttribute('href', '/ghi');
    expect(screen.getByRole('link', { name: 'Điền hồ sơ giáo viên' })).toHaveAttribute('href', '/cai-dat');
    expect(screen.queryByText(/chưa sao lưu/)).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Trang chủ · Sổ Bồi Dưỡng'));
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Bỏ qua, tới nội dung chính' })).toHaveAttribute('href', '#main');
  });

  it("shows this month's entries, totals, BDTX progress by program and a backup reminder", async () => {
    const db = freshDb();
    const today = todayIso();
    await seedEntry(db, { date: today, content: 'Học mô đun GVPT 03', bdtxProgram: '03', module: 'GVPT 03', periods: 4 });
    await seedEntry(db, { date: today, content: 'Chương trình 01 năm học', bdtxProgram: '01', periods: 1.5 });
    renderApp('/', db);

    const list = await screen.findByRole('list', { name: 'Mục ghi tháng này' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(await screen.findByRole('img', { name: 'Đã bồi dưỡng 5,5 trên 120 tiết BDTX (5%).' })).toBeInTheDocument();
    const legend = screen.getByText('CT 03:', { exact: false }).closest('li') as HTMLElement;
    expect(legend).toHaveTextContent('4 tiết');
    expect(screen.getByText('Bạn chưa sao lưu sổ lần nào.', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sao lưu ngay' })).toHaveAttribute('href', '/cai-dat#sao-luu');
  });

  it("lists this month's 20 newest entries and counts the rest once the totals are read", async () => {
    const db = freshDb();
    const today = todayIso();
    const month = today.slice(0, 7);
    for (let i = 0; i < 23; i++) await seedEntry(db, { date: i < 3 ? `${month}-01` : today, content: `Mục ${i}`, periods: 1 });
    renderApp('/', db);
    const list = await screen.findByRole('list', { name: 'Mục ghi tháng này' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    // Newest first: today's entries, the last one written on top.
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Mục 22');
    expect(await screen.findByRole('link', { name: 'Xem cả 23 mục của tháng' })).toHaveAttribute('href', `/thang/${month}`);
    expect(screen.getByText('Tháng này').closest('a')).toHaveTextContent('23 tiết');
  });

  it('hides the backup reminder after a recent backup and shows it again after 14 days', async () => {
    const db = freshDb();
    await seedEntry(db, { date: todayIso(), content: 'Tự học' });
    await setMeta(db, 'lastBackupAt', new Date(Date.now() - 2 * 86_400_000).toISOString());
    renderApp('/', db);
    await screen.findByRole('list', { name: 'Mục ghi tháng này' });
    expect(screen.queryByRole('link', { name: 'Sao lưu ngay' })).not.toBeInTheDocument();
    await setMeta(db, 'lastBackupAt', new Date(Date.now() - 20 * 86_400_000).toISOString());
    expect(await screen.findByText('Lần sao lưu gần nhất cách đây 20 ngày. Hãy sao lưu lại.')).toBeInTheDocument();
  });
});

describe('month view', () => {
  it('lists the month newest first with a subtotal and navigates between months', async () => {
    const db = freshDb();
    await seedEntry(db, { date: '2024-10-02', content: 'Đầu tháng', periods: 2 });
    await seedEntry(db, { date: '2024-10-20', content: 'Cuối tháng', periods: 3, bdtxProgram: '02' });
    await seedEntry(db, { date: '2024-11-05', content: 'Sang tháng 11' });
    const { user } = renderApp('/thang/2024-10', db);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tháng 10/2024' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Các mục ghi trong tháng' });
    const links = within(list).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual(['Cuối tháng', 'Đầu tháng']);
    expect(screen.getByText('Cộng tháng: 5 tiết (2 mục), trong đó BDTX 3 tiết')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Tháng sau/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Tháng 11/2024' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Sang tháng 11' })).toBeInTheDocument();
  });

  it('autosaves the monthly reflection on blur and keeps it when coming back', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2024);
    const { user, unmount } = renderApp('/thang/2024-10', db);
    const box = await screen.findByLabelText('Tự nhận xét tháng');
    await user.type(box, 'Tháng này em đã học được nhiều. <script>x</script>');
    await user.tab();
    await waitFor(async () => expect((await getReflection(db, year.id, 'month', '2024-10'))?.text).toBe('Tháng này em đã học được nhiều. <script>x</script>'));
    unmount();
    renderApp('/thang/2024-10', db);
    expect(await screen.findByLabelText('Tự nhận xét tháng')).toHaveValue('Tháng này em đã học được nhiều. <script>x</script>');
  });

  it('saves typed reflection text when the teacher leaves the screen before the debounce', async () => {
    const db = freshDb();
    const { user, router } = renderApp('/thang/2024-10', db);
    const box = await screen.findByLabelText('Tự nhận xét tháng');
    await user.type(box, 'Chưa kịp dừng');
    await router.navigate('/tim-kiem');
    await waitFor(async () => {
      const rows = await db.reflections.toArray();
      expect(rows.map((r) => r.text)).toEqual(['Chưa kịp dừng']);
    });
  });
});

describe('semester summary', () => {
  it('shows tiết per program against the plan, per module and per month, and the entry count', async () => {
    const db = freshDb();
    await ensureSchoolYearNow(db, 2024);
    await seedEntry(db, { date: '2024-09-10', content: 'A', bdtxProgram: '01', periods: 3 });
    await seedEntry(db, { date: '2024-10-10', content: 'B', bdtxProgram: '03', module: 'GVPT 05', periods: 2.5 });
    await seedEntry(db, { date: '2025-03-10', content: 'C (HK2)', bdtxProgram: '01', periods: 4 });
    renderApp('/hoc-ky/HK1?nam=2024', db);
    expect(await screen.findByRole('heading', { level: 1, name: /Học kỳ I — Năm học 2024–2025/ })).toBeInTheDocument();
    expect(screen.getByText('Số mục ghi trong học kỳ: 2')).toBeInTheDocument();
    const program01 = screen.getByRole('rowheader', { name: /Chương trình 01/ }).closest('tr') as HTMLElement;
    expect(within(program01).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '7', '40']);
    const module05 = screen.getByRole('rowheader', { name: /GVPT 05/ }).closest('tr') as HTMLElement;
    expect(module05).toHaveTextContent('2,5 / 20');
    const october = screen.getByRole('rowheader', { name: 'Tháng 10/2024' }).closest('tr') as HTMLElement;
    expect(within(october).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '2,5']);
    expect(await screen.findByLabelText('Tự nhận xét học kỳ')).toBeInTheDocument();
  });
});

describe('whole logbook list', () => {
  it('renders only a window of a long list', async () => {
    const db = freshDb();
    const { year } = await ensureSchoolYearNow(db, 2024);
    const now = new Date().toISOString();
    await db.entries.bulkPut(
      Array.from({ length: 2000 }, (_, i) => ({
        id: `e${String(i).padStart(5, '0')}`,
        schoolYearId: year.id,
        date: `2024-10-${String((i % 28) + 1).padStart(2, '0')}`,
        content: `Mục số ${i}`,
        form: 'tu-hoc' as const,
        bdtxProgram: null,
        module: null,
        periods: 1,
        source: '',
        result: '',
        evidence: '',
        note: '',
        createdAt: now,
        updatedAt: now,
        searchWords: [],
        searchKeys: [],
      })),
    );
    renderApp('/so?nam=2024', db);
    await screen.findByText(/mục ghi, .* tiết\./);
    const list = await screen.findByRole('list', { name: 'Các mục ghi, mới nhất trước' });
    const rendered = within(list).getAllByRole('listitem');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(200);
    expect(rendered[0]).toHaveAttribute('aria-setsize', '2000');
  });
});

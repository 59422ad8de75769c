// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App.tsx';
import { ensureSchoolYearNow } from '../../../src/app/db/schoolYears.ts';
import { initI18n } from '../../../src/app/i18n/i18n.ts';
import { freshDb, renderApp } from './renderApp.tsx';
import { seedEntry } from './seed.ts';

// The real browser location (history.pushState / back), as in the app; jsdom has no layout, so the
// page's scroll offset is simulated.
let scrollY = 0;
const scrollCalls: number[] = [];

beforeEach(() => {
  scrollY = 0;
  scrollCalls.length = 0;
  sessionStorage.clear();
  Object.defineProperty(window, 'scrollY', { configurable: true, get: () => scrollY });
  window.scrollTo = ((x: number | ScrollToOptions, y?: number) => {
    const top = typeof x === 'object' ? (x.top ?? scrollY) : (y ?? 0);
    scrollCalls.push(top);
    scrollY = top;
  }) as typeof window.scrollTo;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderInBrowser(path: string) {
  const db = freshDb();
  const { year } = await ensureSchoolYearNow(db, 2024);
  for (let i = 1; i <= 30; i++) await seedEntry(db, { date: `2024-10-${String(i).padStart(2, '0')}`, content: `Mục ${i}` });
  initI18n('vi');
  history.replaceState({ key: crypto.randomUUID(), idx: 0 }, '', path);
  const user = userEvent.setup();
  render(<App db={db} />);
  return { db, year, user };
}

const back = () => act(async () => {
  const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
  history.back();
  await popped;
});

describe('navigation in the browser', () => {
  it('returns to the same scroll position on back to /so, and starts a new screen at the top', async () => {
    const { user } = await renderInBrowser('/so?nam=2024');
    const list = await screen.findByRole('list', { name: 'Các mục ghi, mới nhất trước' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '30'));

    scrollY = 2400;
    window.dispatchEvent(new Event('scroll'));
    await user.click(within(list).getAllByRole('link')[0]!);
    expect(await screen.findByLabelText('Nội dung')).toBeInTheDocument();
    expect(location.pathname).toMatch(/^\/ghi\//);
    // Scroll reset and focus happen in effects after the form renders; under load they may trail it.
    await waitFor(() => expect(scrollCalls.at(-1)).toBe(0));
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());

    scrollCalls.length = 0;
    await back();
    expect(location.pathname + location.search).toBe('/so?nam=2024');
    await screen.findByRole('list', { name: 'Các mục ghi, mới nhất trước' });
    await waitFor(() => expect(scrollCalls).toContain(2400));
    await waitFor(() => expect(scrollY).toBe(2400));

    // Kept for a reload of the tab (the browser keeps history.state, the app keeps the positions).
    window.dispatchEvent(new Event('pagehide'));
    expect(Object.values(JSON.parse(sessionStorage.getItem('sbd:scroll') ?? '{}'))).toContain(2400);
  });

  it('goes back to where the entry was opened from after saving, and home after a direct visit', async () => {
    const { user } = await renderInBrowser('/so?nam=2024');
    const list = await screen.findByRole('list', { name: 'Các mục ghi, mới nhất trước' });
    await user.click(within(list).getByRole('link', { name: 'Mục 30' }));
    const content = await screen.findByLabelText('Nội dung');
    await user.type(content, ' (sửa)');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(location.pathname + location.search).toBe('/so?nam=2024'));
    expect(await screen.findByRole('link', { name: 'Mục 30 (sửa)' })).toBeInTheDocument();
    cleanup();

    // Opened directly on /ghi: nowhere in the app to go back to, so home (replacing /ghi).
    const direct = await renderInBrowser('/ghi');
    await direct.user.type(await screen.findByLabelText('Nội dung'), 'Mục mới');
    await direct.user.clear(screen.getByLabelText('Số tiết'));
    await direct.user.type(screen.getByLabelText('Số tiết'), '2');
    await direct.user.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu.');
    await waitFor(() => expect(location.pathname).toBe('/'));
    expect(history.state).toMatchObject({ idx: 0 });
  });
});

describe('addresses', () => {
  it('opens the current semester for /hoc-ky, keeping ?nam=', async () => {
    const { router } = renderApp('/hoc-ky?nam=2024');
    await waitFor(() => expect(router.current()).toMatch(/^\/hoc-ky\/HK[12]\?nam=2024$/));
    expect(await screen.findByRole('heading', { level: 1, name: /Năm học 2024–2025/ })).toBeInTheDocument();
  });

  it('shows the search of ?q= and keeps the typed query in the address', async () => {
    const db = freshDb();
    await seedEntry(db, { date: '2024-10-02', content: 'Bồi dưỡng thường xuyên' });
    const { user, router } = renderApp('/tim-kiem?q=boi', db);
    expect(await screen.findByRole('searchbox', { name: 'Tìm kiếm' })).toHaveValue('boi');
    expect(await screen.findByText('Tìm thấy 1 mục ghi.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Tìm kiếm' }), ' duong');
    await waitFor(() => expect(router.current()).toBe('/tim-kiem?q=boi+duong'));
  });

  it('shows "not found" for an unknown address, inside the layout', async () => {
    renderApp('/khong-co');
    expect(await screen.findByRole('heading', { level: 1, name: 'Không tìm thấy trang này.' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Điều hướng chính' })).toBeInTheDocument();
  });
});

// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDb, renderApp } from './renderApp.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('layout', () => {
  it('has a bottom navigation with the five screens and a prominent "Ghi mới"', async () => {
    renderApp('/tim-kiem');
    const nav = await screen.findByRole('navigation', { name: 'Điều hướng chính' });
    const names = Array.from(nav.querySelectorAll('a')).map((a) => a.textContent);
    expect(names).toEqual(['Trang chủ', 'Tháng', 'Học kỳ', 'Tìm kiếm', 'Cài đặt']);
    expect(screen.getByRole('link', { name: 'Tìm kiếm' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Ghi mới' })).toHaveAttribute('href', '/ghi');
  });

  it('moves focus to the new screen after navigating', async () => {
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('link', { name: 'Cài đặt' }));
    await screen.findByRole('heading', { level: 1, name: 'Cài đặt' });
    // Focus and title are set in effects after the screen renders; under load they may trail the heading.
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
    await waitFor(() => expect(document.title).toBe('Cài đặt · Sổ Bồi Dưỡng'));
  });

  it('shows a Vietnamese error message when a screen fails, and keeps the navigation', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const db = freshDb();
    vi.spyOn(db.entries, 'count').mockRejectedValue(new Error('IndexedDB broke'));
    renderApp('/', db);
    expect(await screen.findByRole('heading', { name: 'Đã có lỗi xảy ra' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Điều hướng chính' })).toBeInTheDocument());
  });
});

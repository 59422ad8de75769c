// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createSkkn } from '../../../src/app/db/skkn.ts';
import { freshDb, renderApp } from './renderApp.tsx';

// jsdom has no layout: ProseMirror scrolls the selection into view through these.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= noRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
(Text.prototype as unknown as { getClientRects: () => DOMRectList }).getClientRects ??= noRects;

describe('SKKN outline', () => {
  it('keeps the outline a list of sections until "Sắp xếp dàn ý"; then moves, renames and removes with undo', async () => {
    const db = freshDb();
    const skkn = await createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Phiếu học tập', authorName: 'Cô Hoa' });
    const { user } = renderApp(`/skkn/${skkn.id}`, db);
    const outline = await screen.findByRole('navigation', { name: 'Dàn ý' }, { timeout: 5000 });
    const titles = () => within(outline).getAllByRole('button', { name: /^Mở mục / }).map((b) => b.textContent);
    expect(titles()[1]).toMatch(/^1\.1\. Lý do chọn đề tài/);
    // A phone shows each section on one line: no tools under it.
    expect(within(outline).queryByRole('button', { name: /^Đưa mục .* lên$/ })).toBeNull();
    expect(within(outline).queryByRole('button', { name: /^Xoá mục/ })).toBeNull();

    const arrange = within(outline).getByRole('button', { name: 'Sắp xếp dàn ý' });
    await user.click(arrange);
    expect(arrange).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(outline).getByRole('button', { name: 'Đưa mục Mục đích nghiên cứu lên' }));
    await waitFor(() => expect(titles()[1]).toMatch(/^1\.1\. Mục đích nghiên cứu/));
    expect((await db.skkn.get(skkn.id))!.sections[1]!.title).toBe('Mục đích nghiên cứu');

    await user.click(within(outline).getByRole('button', { name: 'Đổi tên Mục đích nghiên cứu' }));
    const name = within(outline).getByLabelText('Tên mục');
    await user.clear(name);
    await user.type(name, 'Mục tiêu của đề tài');
    await user.click(within(outline).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(titles()[1]).toMatch(/^1\.1\. Mục tiêu của đề tài/));

    const before = (await db.skkn.get(skkn.id))!.sections.length;
    await user.click(within(outline).getByRole('button', { name: 'Xoá mục Mục tiêu của đề tài' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xoá mục “Mục tiêu của đề tài”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Xoá mục' }));
    await waitFor(async () => expect((await db.skkn.get(skkn.id))!.sections.length).toBe(before - 1));
    const notice = (await screen.findByText('Đã xoá mục “Mục tiêu của đề tài”.')).closest('.notice') as HTMLElement;
    await user.click(within(notice).getByRole('button', { name: 'Hoàn tác' }));
    await waitFor(async () => expect((await db.skkn.get(skkn.id))!.sections.map((s) => s.title)).toContain('Mục tiêu của đề tài'));

    // Done arranging: the tools go away again.
    await user.click(arrange);
    expect(arrange).toHaveAttribute('aria-pressed', 'false');
    expect(within(outline).queryByRole('button', { name: /^Đổi tên/ })).toBeNull();
  });

  it('on a phone, opening a section from the outline brings its editor into view', async () => {
    const db = freshDb();
    const skkn = await createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Phiếu học tập', authorName: 'Cô Hoa' });
    const scrolled: Element[] = [];
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }));
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      const { user } = renderApp(`/skkn/${skkn.id}`, db);
      const outline = await screen.findByRole('navigation', { name: 'Dàn ý' }, { timeout: 5000 });
      await user.click(within(outline).getByRole('button', { name: /^Mở mục 1\.2\. Mục đích nghiên cứu/ }));
      await screen.findByRole('heading', { level: 2, name: '1.2. Mục đích nghiên cứu' });
      await waitFor(() => expect(scrolled.some((el) => el.contains(screen.getByRole('heading', { level: 2, name: '1.2. Mục đích nghiên cứu' })))).toBe(true));
    } finally {
      vi.unstubAllGlobals();
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });
});

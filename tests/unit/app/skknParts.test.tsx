// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSkkn, saveSectionContent, sectionsOf } from '../../../src/app/db/skkn.ts';
import { PART_WORDS, SPLIT_ABOVE_WORDS, splitSectionHtml } from '../../../src/app/features/skkn/sectionParts.ts';
import { freshDb, renderApp } from './renderApp.tsx';

// jsdom has no layout: ProseMirror scrolls the selection into view through these.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= noRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
(Text.prototype as unknown as { getClientRects: () => DOMRectList }).getClientRects ??= noRects;

/** Paragraph i: 25 words. */
const paragraph = (i: number) => `<p>Đoạn ${i}: giáo viên tổ chức cho học sinh thảo luận nhóm, so sánh kết quả và rút ra quy tắc cộng hai phân số.</p>`;
const longHtml = (paragraphs: number) => Array.from({ length: paragraphs }, (_, i) => paragraph(i + 1)).join('');
const words = (html: string) =>
  [...new DOMParser().parseFromString(html, 'text/html').body.children].reduce((sum, block) => sum + block.textContent!.trim().split(/\s+/).length, 0);

function editorOf(element: Element): Editor {
  const editor = (element as Element & { editor?: Editor }).editor;
  if (!editor) throw new Error('no Tiptap editor on the element');
  return editor;
}

function press(editor: Editor, key: string): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  return editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event)) ?? false;
}

describe('long SKKN sections in parts', () => {
  it('splits only long sections, at block boundaries, into parts that join back to the same HTML', () => {
    const short = longHtml(Math.floor(SPLIT_ABOVE_WORDS / 25));
    expect(splitSectionHtml(short)).toEqual([short]);
    const table = '<table><tbody><tr><th><p>Lớp</p></th><th><p>Điểm</p></th></tr><tr><td><p>6A</p></td><td><p>7,5</p></td></tr></tbody></table>';
    const long = longHtml(100) + table + '<ul><li><p>Một</p></li><li><p>Hai</p></li></ul>' + longHtml(200);
    const parts = splitSectionHtml(long);
    expect(parts.length).toBeGreaterThan(4);
    expect(parts.join('')).toBe(long);
    for (const part of parts.slice(0, -1)) expect(words(part)).toBeGreaterThanOrEqual(PART_WORDS);
    for (const part of parts) expect(words(part)).toBeLessThan(PART_WORDS * 1.5);
    // No part starts or ends inside a block.
    for (const part of parts) expect(part).toMatch(/^<(p|table|ul)>[\s\S]*<\/(p|table|ul)>$/);
    // Text outside any block is not the editor's HTML: kept whole.
    expect(splitSectionHtml(`loose text ${long}`)).toEqual([`loose text ${long}`]);
  });

  it('opens a long section as parts, saves the whole section from all of them, and Backspace / Delete / arrows cross from part to part', async () => {
    const db = freshDb();
    const skkn = await createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Phân số', authorName: 'Cô Hoa' });
    const first = skkn.sections[0]!.id;
    const html = longHtml(200);
    await saveSectionContent(db, first, html);
    renderApp(`/skkn/${skkn.id}`, db);
    const boxes = await screen.findAllByRole('textbox', { name: /^Nội dung mục 1\. Mở đầu, phần \d+\/\d+$/ }, { timeout: 5000 });
    const count = splitSectionHtml(html).length;
    expect(boxes).toHaveLength(count);
    expect(screen.getByText(`Mục dài được soạn theo ${count} phần để gõ không bị chậm; mỗi lần chọn văn bản chỉ trong một phần. Các phím mũi tên, Backspace và Delete đi qua ranh giới giữa các phần.`)).toBeInTheDocument();
    const [one, two] = [editorOf(boxes[0]!), editorOf(boxes[1]!)];
    const lastOfOne = one.state.doc.lastChild!.textContent;
    const firstOfTwo = two.state.doc.firstChild!.textContent;

    // Backspace at the start of part 2: its first paragraph joins the last one of part 1.
    act(() => {
      two.commands.focus('start');
    });
    expect(press(two, 'Backspace')).toBe(true);
    expect(one.state.doc.lastChild!.textContent).toBe(lastOfOne + firstOfTwo);
    expect(two.state.doc.firstChild!.textContent).not.toBe(firstOfTwo);
    expect(one.state.selection.head).toBe(one.state.doc.content.size - 1 - firstOfTwo.length);
    // Enter there splits it again (the editor's own command), then typing goes on.
    act(() => {
      one.commands.splitBlock();
      one.commands.insertContent('Thêm: ');
    });
    expect(one.state.doc.lastChild!.textContent).toBe(`Thêm: ${firstOfTwo}`);
    // Delete at the end of part 1 pulls part 2's first paragraph up.
    const nextOfTwo = two.state.doc.firstChild!.textContent;
    act(() => {
      one.commands.focus('end');
    });
    expect(press(one, 'Delete')).toBe(true);
    expect(one.state.doc.lastChild!.textContent).toBe(`Thêm: ${firstOfTwo}${nextOfTwo}`);
    // ArrowRight at the very end moves into part 2; ArrowLeft at its start comes back.
    act(() => {
      one.commands.focus('end');
    });
    expect(press(one, 'ArrowRight')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(two.view.dom));
    expect(two.state.selection.head).toBe(1);
    expect(press(two, 'ArrowLeft')).toBe(true);
    expect(press(one, 'ArrowLeft')).toBe(false);

    // The saved section is the parts joined: every paragraph is there once, with the typed words.
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Đã lưu trên máy'), { timeout: 5000 });
    await waitFor(async () => expect((await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content).toContain('Thêm: '), { timeout: 5000 });
    const saved = (await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content;
    for (let i = 1; i <= 200; i++) expect(saved.split(`Đoạn ${i}:`).length - 1).toBe(1);
    expect(saved).toBe(boxes.map((box) => editorOf(box).getHTML()).join('').normalize('NFC'));

    // A text from another device (sync) takes the place of the parts: new parts, split anew.
    const elsewhere = `${longHtml(120)}<p>Viết trên máy tính ở trường.</p>`;
    await act(() => saveSectionContent(db, first, elsewhere));
    await screen.findByText('Mục này vừa được cập nhật từ thiết bị khác.', undefined, { timeout: 5000 });
    const after = await screen.findAllByRole('textbox', { name: /^Nội dung mục 1\. Mở đầu, phần \d+\/\d+$/ });
    expect(after).toHaveLength(splitSectionHtml(elsewhere).length);
    expect(after.map((box) => editorOf(box).getHTML()).join('')).toBe(elsewhere);
  });
});

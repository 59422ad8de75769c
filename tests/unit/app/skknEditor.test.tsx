// @vitest-environment jsdom
import type { Editor } from '@tiptap/core';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSkkn, sectionWords, sectionsOf } from '../../../src/app/db/skkn.ts';
import { freshDb, renderApp } from './renderApp.tsx';

/** A Word clipboard: conditional comments, a style sheet, Office tags, fake list bullets, spans and an image. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->
<h1 style="mso-style:x">Thực trạng</h1>
<p class="MsoNormal"><span style="font-family:'Times New Roman';font-size:14pt">Năm học trước, <b>40%</b> học sinh <i>chưa</i> thuộc bảng cửu chương.<o:p></o:p></span></p>
<p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span style="font:7.0pt">&nbsp;&nbsp;</span></span>Khảo sát đầu năm</p>
<img src="file:///C:/image001.png" width="200">
<table class="MsoTableGrid"><tr><td><p>Lớp</p></td><td><p>Điểm</p></td></tr><tr><td><p>3A</p></td><td><p>7,5</p></td></tr></table>
</body></html>`;

// jsdom has no ClipboardEvent; ProseMirror's pasteHTML builds one to run the paste handlers.
globalThis.ClipboardEvent ??= class ClipboardEvent extends Event {
  readonly clipboardData: DataTransfer | null = null;
} as unknown as typeof globalThis.ClipboardEvent;

// jsdom has no layout: ProseMirror scrolls the selection into view through these.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= noRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();
(Text.prototype as unknown as { getClientRects: () => DOMRectList }).getClientRects ??= noRects;

function editorOf(element: Element): Editor {
  const editor = (element as Element & { editor?: Editor }).editor;
  if (!editor) throw new Error('no Tiptap editor on the element');
  return editor;
}

describe('SKKN section editor', () => {
  it('pasting from Word keeps every word and the structure, drops styles and images, and autosaves the section', async () => {
    const db = freshDb();
    const skkn = await createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Bảng cửu chương', authorName: 'Cô Hoa' });
    renderApp(`/skkn/${skkn.id}`, db);
    await screen.findByRole('heading', { level: 1, name: 'Bảng cửu chương' }, { timeout: 5000 });
    const box = await screen.findByRole('textbox', { name: '1. Mở đầu' }, { timeout: 5000 });
    const editor = editorOf(box);
    act(() => {
      editor.commands.focus();
      editor.view.pasteHTML(WORD_HTML);
    });
    const first = skkn.sections[0]!.id;
    await waitFor(async () => expect((await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content).toContain('bảng cửu chương'), { timeout: 5000 });
    const saved = (await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content;
    for (const words of ['Thực trạng', '<strong>40%</strong>', '<em>chưa</em>', 'Khảo sát đầu năm', '<table>', '3A', '7,5']) expect(saved).toContain(words);
    for (const dropped of ['style=', 'mso', '<img', 'o:p', 'MsoNormal', '·']) expect(saved).not.toContain(dropped);
    expect(await screen.findByTestId('save-status')).toHaveTextContent('Đã lưu trên máy');
    // The autosave builds the HTML per paragraph (cached); it must be exactly what the editor holds.
    expect(saved).toBe(editor.getHTML().normalize('NFC'));
    act(() => {
      editor.commands.setTextSelection(2);
      editor.commands.insertContent('Tóm tắt: ');
    });
    await waitFor(async () => expect((await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content).toBe(editor.getHTML().normalize('NFC')), { timeout: 5000 });
    // The counts reuse what the autosave counted per paragraph: the same as counting the stored text.
    const stored = (await sectionsOf(db, skkn.id)).find((s) => s.id === first)!.content;
    const words = sectionWords(stored);
    expect(words).toBeGreaterThan(15);
    await waitFor(() => expect(screen.getByText(`${words} từ trong mục`)).toBeInTheDocument());
    expect(screen.getByText(new RegExp(`^Tổng: ${words} từ`))).toBeInTheDocument();
  });

  it('shows the save state while typing goes on and after the save, and counts the words typed', async () => {
    const db = freshDb();
    const skkn = await createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Phiếu học tập', authorName: 'Cô Hoa' });
    renderApp(`/skkn/${skkn.id}`, db);
    const editor = editorOf(await screen.findByRole('textbox', { name: '1. Mở đầu' }, { timeout: 5000 }));
    act(() => {
      editor.commands.focus();
      editor.commands.insertContent('Học sinh làm phiếu theo nhóm bốn em.');
    });
    expect(screen.getByTestId('save-status')).toHaveTextContent('Chưa lưu');
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Đã lưu trên máy'), { timeout: 5000 });
    await waitFor(() => expect(screen.getByText('8 từ trong mục')).toBeInTheDocument());
    act(() => {
      editor.commands.insertContent(' Mỗi nhóm trình bày.');
    });
    expect(screen.getByTestId('save-status')).toHaveTextContent('Chưa lưu');
    await waitFor(() => expect(screen.getByText('12 từ trong mục')).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByTestId('save-status')).toHaveTextContent('Đã lưu trên máy');
  });
});

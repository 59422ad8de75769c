// Part "skkn": a 30,000-word SKKN (BENCH_SKKN_WORDS). 1. .docx export time in Node (the same pure
// exporter the app loads). 2. In Chromium with the real app build: the draft is written into
// IndexedDB, its whole text in ONE section (the worst case: the editor holds all 30,000 words), the
// section is opened and 200 characters are typed; keystroke latency = keydown → the frame after it
// (rAF, then a task; characters typed without a keydown, e.g. "ê", are not counted). 3. Autosave cost
// per save during that typing, from the app's own performance.measure entries: the section's HTML on
// the main thread, then the IndexedDB write of the section with its outbox row.
import { findChrome } from '../e2e/browser.ts';
import { ensureE2eBuild } from '../e2e/build.ts';
import { firstPage, launchProfile, startServer, waitForServiceWorker } from '../e2e/harness.ts';
import { headingNumbers, findOutline } from '../../src/domain/catalogs/skknOutlines.ts';
import type { Page } from 'playwright-core';
import type { Skkn } from '../../src/domain/skkn.ts';
import { exportSkknDocx } from '../../src/pdf/skknDocx.ts';
import { envNumber, ms, PartSkipped, percentile, type PartOutcome, type Row } from './common.ts';
import { measureBareTextarea, measureTyping, TYPING_BROWSER_ARGS, typingRows } from './typing.ts';

const WORDS = envNumber('BENCH_SKKN_WORDS', 30_000);
const KEYS = 200;

const SENTENCES = [
  'Học sinh lớp 6 còn lúng túng khi quy đồng mẫu số các phân số có mẫu lớn.',
  'Giáo viên tổ chức trò chơi ghép thẻ để các em tự phát hiện quy tắc.',
  'Kết quả khảo sát cho thấy tỉ lệ học sinh làm đúng tăng từ 45% lên 82%.',
  'Phiếu học tập được thiết kế theo ba mức độ: nhận biết, thông hiểu và vận dụng.',
];

/** About `words` words of paragraphs (with a table every 40 paragraphs), as the editor writes HTML. */
function benchHtml(words: number, seed: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let p = 0; count < words; p++) {
    const sentence = SENTENCES[(p + seed) % SENTENCES.length]!;
    const text = `${sentence} ${sentence} (${p + 1})`;
    count += text.split(/\s+/).length;
    parts.push(p % 40 === 39 ? `<table><tbody><tr><th><p>Lớp</p></th><th><p>Trước</p></th><th><p>Sau</p></th></tr><tr><td><p>6A</p></td><td><p>45%</p></td><td><p>82%</p></td></tr></tbody></table>` : `<p>${text}</p>`);
  }
  return parts.join('');
}

function benchSkkn(): { skkn: Skkn; contents: Map<string, string> } {
  const outline = findOutline('chung-2024')!;
  const sections = outline.sections.map((s, i) => ({ id: `bench-section-${i}`, title: s.title, level: s.level, numbered: s.numbered }));
  const numbered = headingNumbers(sections).filter(Boolean).length;
  const contents = new Map(sections.map((s, i) => [s.id, benchHtml(WORDS / numbered, i)]));
  const now = new Date().toISOString();
  const skkn: Skkn = {
    id: 'bench-skkn',
    schoolYearId: 'nam-hoc-2026',
    outlineId: outline.id,
    title: 'Một số biện pháp giúp học sinh lớp 6 học tốt phân số',
    authors: [{ name: 'Nguyễn Thị Lan', contributionPercent: 100 }],
    position: 'Giáo viên',
    department: 'Toán - Tin',
    unit: 'Trường THCS Lê Lợi',
    field: 'Toán học',
    firstAppliedOn: '2026-09-05',
    sections,
    references: Array.from({ length: 20 }, (_, i) => ({ id: `ref-${i}`, authors: `Tác giả ${i}`, year: '2020', title: `Tài liệu ${i}`, publisher: 'NXB Giáo dục Việt Nam', url: '' })),
    abstract: '',
    innovationTopicId: null,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  };
  return { skkn, contents };
}

/** The share of a draft's words in its largest section, "Các giải pháp", in the draft typed into. */
const LARGEST_SECTION_SHARE = 0.4;

/**
 * A 30,000-word draft as the outline holds it: "Các giải pháp" with 40 % of the words (12,000), the
 * other numbered sections sharing the rest. The editor opens one section at a time, so this is what a
 * keystroke in a long draft costs; the whole text in one section is measured too, as the worst case.
 */
function realisticDraft(skkn: Skkn): { record: Skkn; contents: { id: string; content: string }[]; largest: { id: string; title: string; words: number } } {
  const sections = skkn.sections.map((section) => ({ ...section, id: `draft-${section.id}` }));
  const largestIndex = sections.findIndex((section) => section.title === 'Các giải pháp');
  const others = sections.filter((section, i) => section.numbered && section.level > 1 && i !== largestIndex).length;
  const largestWords = Math.round(WORDS * LARGEST_SECTION_SHARE);
  const contents = sections.map((section, i) => ({
    id: section.id,
    content: i === largestIndex ? benchHtml(largestWords, i) : section.numbered && section.level > 1 ? benchHtml((WORDS - largestWords) / others, i) : '',
  }));
  const largest = sections[largestIndex]!;
  return { record: { ...skkn, id: 'bench-skkn-draft', sections }, contents, largest: { id: largest.id, title: largest.title, words: largestWords } };
}

/** Puts an SKKN and its sections straight into the app's database (schema version 5 is open by now). */
async function storeDraft(page: Page, record: Skkn, contents: { id: string; content: string }[]): Promise<void> {
  await page.evaluate(
    async ({ record, contents }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('so-boi-duong');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['skkn', 'skknSections'], 'readwrite');
        tx.objectStore('skkn').put(record);
        for (const { id, content } of contents) tx.objectStore('skknSections').put({ id, skknId: record.id, content, notes: '', updatedAt: record.updatedAt });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { record, contents },
  );
}

export async function runSkkn(): Promise<PartOutcome> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = { words: WORDS };

  // 1. Export in Node.
  const { skkn, contents } = benchSkkn();
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    size = (await exportSkknDocx({ skkn, contents, schoolYearLabel: '2026 - 2027', dateLine: 'tháng 11 năm 2026' })).byteLength;
    times.push(performance.now() - start);
  }
  results.docxMs = times;
  rows.push({ measure: `.docx export, ${WORDS.toLocaleString('en')} words in ${skkn.sections.length} sections (median of 3, Node)`, value: ms(percentile(times, 50)), target: '≤ 3,000 ms' });
  rows.push({ measure: '  .docx size', value: `${(size / 1024).toFixed(0)} KB`, target: '' });
  const { buildSkknDocument } = await import('../../src/pdf/skknDocument.ts');
  const { renderPdfNode } = await import('../../src/server/pdf/renderNode.ts');
  const pdfTimes: number[] = [];
  let pdfSize = 0;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    pdfSize = (await renderPdfNode(buildSkknDocument({ skkn, contents, schoolYearLabel: '2026 - 2027', dateLine: 'tháng 11 năm 2026' }))).byteLength;
    pdfTimes.push(performance.now() - start);
  }
  results.pdfMs = pdfTimes;
  rows.push({ measure: `PDF export, same draft (best of 2, Node; the app runs it in a worker)`, value: ms(Math.min(...pdfTimes)), target: '≤ 3,000 ms' });
  rows.push({ measure: '  PDF size', value: `${(pdfSize / 1024).toFixed(0)} KB`, target: '' });

  // 2–3. Typing and autosave in the app.
  if (!findChrome()) throw new PartSkipped('no Chromium for the typing part: apt-get install -y chromium, or set CHROME_PATH');
  // BENCH_DIST=<folder>: another build of the app (e.g. of an earlier commit), to compare under the same load.
  const server = await startServer(process.env.BENCH_DIST || ensureE2eBuild());
  const profile = await launchProfile({ args: TYPING_BROWSER_ARGS });
  try {
    const { context } = profile;
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await firstPage(context);
    await page.goto(`${server.url}/skkn`);
    await page.locator('main h1').first().waitFor();
    // A phone types into an app installed long before: the service worker's first precache is not part of it.
    await waitForServiceWorker(page);
    const oneSection = benchHtml(WORDS, 0);
    const record = { ...skkn, sections: [{ id: 'bench-big', title: 'Các giải pháp', level: 1, numbered: true }] };
    await storeDraft(page, record, [{ id: 'bench-big', content: oneSection }]);
    const openStart = Date.now();
    await page.goto(`${server.url}/skkn/${record.id}`);
    const editor = page.locator('.skkn-editor__content');
    await editor.locator('p').nth(5).waitFor();
    results.openMs = Date.now() - openStart;
    rows.push({ measure: `open the draft, one section of ${WORDS.toLocaleString('en')} words in the editor (navigation → text shown)`, value: ms(results.openMs as number), target: '' });

    // Typing in the middle of the text, where ProseMirror has the most document around the cursor.
    await editor.locator('p').nth(Math.floor((await editor.locator('p').count()) / 2)).click();
    await page.keyboard.press('End');
    const text = ' Thêm một câu để đo độ trễ khi gõ trong bản thảo dài. '.repeat(4).slice(0, KEYS);
    const typed = await measureTyping(context, page, text, { name: 'skkn-typing' });
    await page.getByTestId('save-status').filter({ hasText: 'Đã lưu trên máy' }).waitFor();
    // Measured once the draft is saved, so that no autosave of the draft runs meanwhile.
    const bare = await measureBareTextarea(context, text);
    results.keystrokeMs = { ...typed, latencies: undefined, n: typed.latencies.length, bareTextarea: { ...bare, latencies: undefined } };
    rows.push(...typingRows(typed, `in the middle of ONE section of ${WORDS.toLocaleString('en')} words (the worst case; edited in parts)`, bare));

    // The app's own autosave timings (performance.measure in useSectionAutosave.ts).
    const save = await page.evaluate(() => ({
      serialise: performance.getEntriesByName('sbd:skkn-serialize').map((e) => e.duration),
      write: performance.getEntriesByName('sbd:skkn-save').map((e) => e.duration),
      bytes: [...document.querySelectorAll('.skkn-editor__content')].reduce((sum, part) => sum + part.innerHTML.length, 0),
    }));
    results.autosave = save;
    // The first save serialises every paragraph; later ones only the paragraphs that changed.
    rows.push({ measure: `autosave: HTML of the section on the main thread (~${(save.bytes / 1024).toFixed(0)} KB), first save / p50 of ${save.serialise.length}`, value: `${ms(save.serialise[0] ?? NaN)} / ${ms(percentile(save.serialise, 50))}`, target: 'runs ≤ once per 0.9 s of typing' });
    rows.push({ measure: '  autosave: IndexedDB write (section + outbox row, one transaction), p50 / p95', value: `${ms(percentile(save.write, 50))} / ${ms(percentile(save.write, 95))}`, target: '' });

    // The same typing in a 30,000-word draft as the outline holds it, in its largest section.
    const draft = realisticDraft(skkn);
    await storeDraft(page, draft.record, draft.contents);
    await page.goto(`${server.url}/skkn/${draft.record.id}`);
    await page.getByRole('button', { name: new RegExp(`^Mở mục [0-9. ]*${draft.largest.title}$`) }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(draft.largest.title) }).waitFor();
    await editor.locator('p').nth(5).waitFor();
    await editor.locator('p').nth(Math.floor((await editor.locator('p').count()) / 2)).click();
    await page.keyboard.press('End');
    const inDraft = await measureTyping(context, page, text, { name: 'skkn-draft-typing' });
    await page.getByTestId('save-status').filter({ hasText: 'Đã lưu trên máy' }).waitFor();
    results.draftKeystrokeMs = { ...inDraft, latencies: undefined, n: inDraft.latencies.length, largestSectionWords: draft.largest.words };
    rows.push(
      ...typingRows(inDraft, `in a ${WORDS.toLocaleString('en')}-word draft, in its largest section (${draft.largest.title}, ${draft.largest.words.toLocaleString('en')} words)`),
    );
  } finally {
    await profile.close();
    await server.close();
  }
  return { rows, results };
}

// Part "observations" of `npm run bench`: capture latency on the observation form (issue #4). The
// new-observation form is opened with 50 timeline rows (restored from a draft written straight into
// the app's database), and a note is typed into a row in the middle; keystroke latency = keydown →
// the frame after it (target p95 ≤ 16 ms). Also: how long the form takes to open with those rows, and
// a mentor with 10 mentees × 40 observations (as sync stores them in db.foreign) opening "/kem-cap".
import { findChrome } from '../e2e/browser.ts';
import { ensureE2eBuild } from '../e2e/build.ts';
import { firstPage, launchProfile, startServer, waitForServiceWorker } from '../e2e/harness.ts';
import { ms, PartSkipped, percentile, type PartOutcome, type Row } from './common.ts';
import { measureBareTextarea, measureTyping, TYPING_BROWSER_ARGS, typingRows } from './typing.ts';

const ROWS = 50;
const KEYS = 200;
const MENTEES = 10;
const MENTEE_OBSERVATIONS = 40;

export async function runObservations(): Promise<PartOutcome> {
  if (!findChrome()) throw new PartSkipped('no Chromium: apt-get install -y chromium, or set CHROME_PATH');
  const rows: Row[] = [];
  const results: Record<string, unknown> = { rows: ROWS };
  // BENCH_DIST=<folder>: another build of the app (e.g. of an earlier commit), to compare under the same load.
  const server = await startServer(process.env.BENCH_DIST || ensureE2eBuild());
  const profile = await launchProfile({ args: TYPING_BROWSER_ARGS });
  try {
    const { context } = profile;
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const page = await firstPage(context);
    await page.goto(`${server.url}/du-gio`);
    await page.locator('main h1').first().waitFor();
    // A phone types into an app installed long before: the service worker's first precache is not part of it.
    await waitForServiceWorker(page);
    const today = new Date().toISOString().slice(0, 10);
    const timeline = Array.from({ length: ROWS }, (_, i) => ({
      id: `bench-row-${i}`,
      time: `${7 + Math.floor(i / 12)}:${String((i * 5) % 60).padStart(2, '0')}`,
      activity: `Hoạt động ${i + 1}: học sinh thảo luận nhóm, giáo viên quan sát và hỗ trợ`,
      note: i % 3 === 0 ? 'Nhóm 2 chưa bắt đầu ngay; giáo viên nhắc lại nhiệm vụ.' : '',
    }));
    const values = {
      date: today,
      lessonPeriod: '3',
      className: '7A',
      subject: 'Toán',
      lessonTitle: 'Hai đường thẳng song song',
      teacherUserId: '',
      teacherName: 'Lê Thị Mai',
      observers: 'Nguyễn Thị Hoa',
      purpose: 'kemCap',
      timeline,
      rubricId: 'khung-3x4',
      rubricVersion: 1,
      criterionComments: {},
      criterionScores: {},
      strengths: '',
      weaknesses: '',
      lessonsLearned: '',
      rating: '',
    };
    // A draft as the form itself writes it (src/app/db/drafts.ts): the form opens with these rows.
    await page.evaluate(async (draft) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('so-boi-duong');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ key: 'draft:observation:new', value: { values: draft, savedAt: new Date().toISOString() } });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, values);

    const openStart = Date.now();
    await page.goto(`${server.url}/du-gio/moi`);
    const note = page.locator('#obs-row-bench-row-25-note');
    await note.waitFor();
    results.openMs = Date.now() - openStart;
    rows.push({ measure: `open the capture form with ${ROWS} timeline rows (navigation → rows shown)`, value: ms(results.openMs as number), target: '' });

    await note.click();
    await page.keyboard.press('End');
    const text = ' Học sinh trình bày sản phẩm, giáo viên chốt kiến thức và nhận xét từng nhóm. '.repeat(4).slice(0, KEYS);
    const typed = await measureTyping(context, page, text, { name: 'observations-typing' });
    const bare = await measureBareTextarea(context, text);
    results.keystrokeMs = { ...typed, latencies: undefined, n: typed.latencies.length, bareTextarea: { ...bare, latencies: undefined } };
    rows.push(...typingRows(typed, `in a timeline note, ${ROWS} rows`, bare));

    // A mentor's device: her mentees' logbooks as the sync engine stores them, then "/kem-cap".
    const now = new Date().toISOString();
    const scopes = Array.from({ length: MENTEES }, (_, m) => ({
      scopeId: `bench-scope-${m}`,
      ownerId: `bench-user-${m}`,
      ownerName: `Giáo viên ${m + 1}`,
      access: 'mentor',
      ownerLastSyncAt: now,
      lastSyncedAt: now,
    }));
    const foreign = scopes.flatMap((scope) =>
      Array.from({ length: MENTEE_OBSERVATIONS }, (_, i) => {
        const id = `${scope.scopeId}-obs-${i}`;
        const data = { ...values, timeline, teacherUserId: null, rating: null, id, schoolYearId: 'bench-year', date: today, createdAt: now, updatedAt: now };
        return { scopeId: scope.scopeId, table: 'observations', id, data };
      }),
    );
    await page.evaluate(
      async ({ scopes, foreign }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('so-boi-duong');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['meta', 'foreign'], 'readwrite');
          tx.objectStore('meta').put({ key: 'sync.scopes', value: scopes });
          for (const row of foreign) tx.objectStore('foreign').put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { scopes, foreign },
    );
    const mentorTimes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = Date.now();
      await page.goto(`${server.url}/kem-cap`);
      await page.getByRole('link', { name: `Xem phiếu dự giờ của Giáo viên ${MENTEES}` }).waitFor();
      mentorTimes.push(Date.now() - start);
    }
    results.mentorScreenMs = mentorTimes;
    rows.push({ measure: `open "Người được kèm cặp", ${MENTEES} mentees × ${MENTEE_OBSERVATIONS} observations (navigation → list), median of 3`, value: ms(percentile(mentorTimes, 50)), target: '' });
  } finally {
    await profile.close();
    await server.close();
  }
  return { rows, results };
}

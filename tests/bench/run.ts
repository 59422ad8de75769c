// `npm run bench`: figures for the performance targets, printed as a table (and written to
// .bench/results.json). Nothing here is asserted: timings vary by machine; only bytes are asserted,
// in tests/unit/build/bundle-budget.test.ts.
//
// 1. First screen: JS + CSS gzip from the build graph (scripts/bundle-size.ts), and what Chromium
//    actually fetched when opening "/".
// 2. With 10,000 entries stored through the app's own database code (a bench-only page built from
//    tests/bench/page into /__bench/ beside a copy of the app, same origin): save latency, search latency.
// 3. The app itself: JS heap with the whole logbook listed, scrolling the virtualised /so list,
//    and repeat visits offline (service worker, new tab) until the first entry is visible.
// Those three are the part "app". The sync parts: "sync" (initial sync of 5,000 records into
// Chromium, tests/bench/initialSync.ts), "incremental" (one edit against 1,000,000 server records,
// SQLite and PostgreSQL, tests/bench/incremental.ts), "throughput" (autocannon against the server
// process, tests/bench/throughput.ts), "memory" (RSS and heap over 10 minutes of steady load,
// tests/bench/memory.ts; `npm run bench -- memory --memory-minutes=2` for a shorter run).
// `npm run bench` runs every part; `npm run bench -- sync throughput` only those. A part that
// cannot run here says so in the table.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { firstScreenBytes, kb } from '../../scripts/bundle-size.ts';
import { findChrome } from '../e2e/browser.ts';
import { ensureE2eBuild, ROOT } from '../e2e/build.ts';
import { firstPage, launchProfile, startServer, waitForServiceWorker } from '../e2e/harness.ts';
import { PartSkipped, type PartOutcome } from './common.ts';
import { runIncremental } from './incremental.ts';
import { runLeaders } from './leaders.ts';
import { runInitialSync } from './initialSync.ts';
import { runMemory } from './memory.ts';
import { runMentorSync } from './mentorSync.ts';
import { runObservations } from './observations.ts';
import { runSkkn } from './skkn.ts';
import { runPdf } from './pdf.ts';
import { runThroughput } from './throughput.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const SAVES = 300;
const SEARCH_QUERIES = ['boi duong', 'ke hoach day hoc', 'danh gia hoc sinh', 'gvpt', 'so do tu duy', 'CEFR', 'khan trai ban', 'thao luan nhom', 'cong nghe thong tin', 'khong co tu nay'];
const OFFLINE_VISITS = 7;

interface Row {
  measure: string;
  value: string;
  target: string;
}
let rows: Row[] = [];
const results: Record<string, unknown> = { entries: ENTRIES, at: new Date().toISOString() };
const ms = (n: number) => `${n.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function printTable() {
  const w = [Math.max(...rows.map((r) => r.measure.length), 7), Math.max(...rows.map((r) => r.value.length), 5), Math.max(...rows.map((r) => r.target.length), 6)];
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w[0] ?? 0)} | ${b.padStart(w[1] ?? 0)} | ${c.padEnd(w[2] ?? 0)} |`;
  console.log(`\nSổ Bồi Dưỡng — benchmarks (${new Date().toISOString().slice(0, 16)})`);
  console.log(line('measure', 'value', 'target'));
  console.log(line('-'.repeat(w[0] ?? 0), '-'.repeat(w[1] ?? 0), '-'.repeat(w[2] ?? 0)));
  for (const r of rows) console.log(line(r.measure, r.value, r.target));
}

async function buildSite(): Promise<string> {
  const appDist = ensureE2eBuild();
  const site = path.join(ROOT, 'node_modules', '.cache', 'sbd-bench', 'site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(appDist, site, { recursive: true });
  await build({
    configFile: false,
    root: path.join(ROOT, 'tests', 'bench', 'page'),
    base: '/__bench/',
    logLevel: 'warn',
    build: { outDir: path.join(site, '__bench'), emptyOutDir: true, target: 'es2022' },
  });
  return site;
}

async function heapUsedMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Scrolls the window by `step` px every frame for `durationMs`; frames, long tasks and rows in the DOM. */
function scrollProbe(page: Page, durationMs: number, step: number) {
  return page.evaluate(
    ({ durationMs, step }) =>
      new Promise<{ frames: number; p95Frame: number; maxFrame: number; slowFrames: number; longTasks: number; longTaskMs: number; maxRows: number; scrolledPx: number }>((resolve) => {
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
        try {
          observer.observe({ type: 'longtask', buffered: false });
        } catch {
          // No Long Tasks API: reported as 0.
        }
        const frames: number[] = [];
        let maxRows = 0;
        const start = performance.now();
        const startY = window.scrollY;
        let last = start;
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, document.querySelectorAll('.entry-list--virtual > li').length);
          if (now - start < durationMs) {
            window.scrollBy(0, step);
            requestAnimationFrame(tick);
          } else {
            observer.disconnect();
            const sorted = frames.slice(1).sort((a, b) => a - b);
            resolve({
              frames: frames.length,
              p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
              maxFrame: sorted[sorted.length - 1] ?? NaN,
              slowFrames: sorted.filter((f) => f > 34).length,
              longTasks: longTasks.length,
              longTaskMs: longTasks.reduce((a, b) => a + b, 0),
              maxRows,
              scrolledPx: window.scrollY - startY,
            });
          }
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(tick);
        });
      }),
    { durationMs, step },
  );
}

async function appPart(): Promise<PartOutcome> {
  rows = [];
  if (!findChrome()) throw new PartSkipped('no Chromium: apt-get install -y chromium, or set CHROME_PATH');
  const site = await buildSite();

  // 1. Bytes from the build graph.
  const bytes = firstScreenBytes(site);
  results.firstScreen = bytes;
  rows.push({ measure: 'first screen JS+CSS, gzip (build graph)', value: kb(bytes.totalGzip), target: '≤ 150 KB (asserted)' });
  rows.push({ measure: '  of which index.html alone (shell paint)', value: kb(bytes.files.filter((f) => bytes.htmlFiles.includes(f.file)).reduce((s, f) => s + f.gzip, 0)), target: '' });

  const server = await startServer(site);
  const profile = await launchProfile();
  try {
    const { context } = profile;
    // tsx keeps function names with an __name() helper that also ends up in page.evaluate callbacks.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    let page = await firstPage(context);

    // 2. Database timings through the app's code.
    await page.goto(`${server.url}/__bench/index.html`);
    await page.locator('#status[data-ready="1"]').waitFor();
    const seeded = await page.evaluate((n) => window.bench.seed(n), ENTRIES);
    results.seed = seeded;
    rows.push({ measure: `seed ${ENTRIES.toLocaleString('en')} entries (bulkPut, batches of 1000)`, value: ms(seeded.ms), target: '' });
    const saves = await page.evaluate((n) => window.bench.saves(n), SAVES);
    results.saves = saves;
    rows.push({ measure: `save entry p50 (saveEntry ×${SAVES})`, value: ms(saves.p50), target: '' });
    rows.push({ measure: 'save entry p95', value: ms(saves.p95), target: '≤ 15 ms' });
    const searches = await page.evaluate(({ q, r }) => window.bench.searches(q, r), { q: SEARCH_QUERIES, r: 5 });
    results.searches = searches;
    rows.push({ measure: `search p50 (searchEntries, ${SEARCH_QUERIES.length} queries ×5)`, value: ms(searches.p50), target: '' });
    rows.push({ measure: 'search p95', value: ms(searches.p95), target: '≤ 50 ms' });
    await page.close();

    // 3a. First visit of the app, online: what Chromium fetched for "/" until the first entry showed.
    page = await context.newPage();
    const fetched = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (/\.(js|css)$/.test(url.pathname)) fetched.add(url.pathname.slice(1));
    });
    const t0 = Date.now();
    await page.goto(`${server.url}/`);
    await page.locator('.entry-card').first().waitFor({ timeout: 60_000 });
    const firstVisitMs = Date.now() - t0;
    const fetchedGzip = [...fetched].reduce((sum, file) => sum + gzipSync(readFileSync(path.join(site, file)), { level: 9 }).length, 0);
    results.firstVisit = { ms: firstVisitMs, files: [...fetched].sort(), gzip: fetchedGzip };
    rows.push({ measure: `first visit "/": JS+CSS Chromium fetched (${fetched.size} files), gzip`, value: kb(fetchedGzip), target: '' });
    rows.push({ measure: 'first visit online: until first entry visible', value: ms(firstVisitMs), target: '' });
    await waitForServiceWorker(page);

    // 3b. The whole logbook, virtualised: heap and scrolling.
    await page.goto(`${server.url}/so`);
    await page.getByText(/\d[\d.,]* mục ghi, /).waitFor({ timeout: 60_000 });
    const heap = await heapUsedMb(context, page);
    results.heapMb = heap;
    rows.push({ measure: `JS heap used on /so (${(ENTRIES + SAVES).toLocaleString('en')} entries loaded)`, value: `${heap.toFixed(1)} MB`, target: '' });
    const scroll = await scrollProbe(page, 4000, 120);
    results.scroll = scroll;
    rows.push({ measure: `scroll /so 4 s (120 px/frame): frames`, value: String(scroll.frames), target: '~240 at 60 Hz' });
    rows.push({ measure: '  frame time p95 / max', value: `${ms(scroll.p95Frame)} / ${ms(scroll.maxFrame)}`, target: '' });
    rows.push({ measure: '  frames > 34 ms / long tasks (total)', value: `${scroll.slowFrames} / ${scroll.longTasks} (${ms(scroll.longTaskMs)})`, target: '' });
    rows.push({ measure: '  rows in the DOM at most / px scrolled', value: `${scroll.maxRows} / ${scroll.scrolledPx}`, target: 'virtualised' });
    const heapAfter = await heapUsedMb(context, page);
    rows.push({ measure: 'JS heap used on /so after scrolling', value: `${heapAfter.toFixed(1)} MB`, target: '' });

    // 3c. Repeat visits offline: every tab closed, a new tab, the network off.
    await context.setOffline(true);
    for (const open of context.pages()) await open.close();
    await context.addInitScript(() => {
      const w = window as unknown as { __firstEntryAt?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector('.entry-card')) {
          w.__firstEntryAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const visits: { firstEntry: number; fcp: number; domContentLoaded: number }[] = [];
    for (let i = 0; i < OFFLINE_VISITS; i++) {
      const tab = await context.newPage();
      await tab.goto(`${server.url}/`);
      await tab.locator('.entry-card').first().waitFor({ timeout: 60_000 });
      // performance.now() counts from the navigation's start in this tab.
      visits.push(
        await tab.evaluate(() => {
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return {
            firstEntry: (window as unknown as { __firstEntryAt: number }).__firstEntryAt,
            fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
            domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
          };
        }),
      );
      await tab.close();
    }
    results.offlineVisits = visits;
    const firstEntries = visits.map((v) => v.firstEntry);
    rows.push({ measure: `repeat visit offline, new tab: to first entry (median of ${OFFLINE_VISITS})`, value: ms(median(firstEntries)), target: '≤ 500 ms' });
    rows.push({ measure: '  slowest', value: ms(Math.max(...firstEntries)), target: '' });
    rows.push({ measure: '  DOMContentLoaded / first paint (shell), median', value: `${ms(median(visits.map((v) => v.domContentLoaded)))} / ${ms(median(visits.map((v) => v.fcp)))}`, target: '' });
  } finally {
    await profile.close();
    await server.close();
  }

  return { rows, results: { ...results } };
}

const PARTS: Record<string, { title: string; run: () => Promise<PartOutcome> }> = {
  app: { title: `app in Chromium (${ENTRIES.toLocaleString('en')} entries)`, run: appPart },
  sync: { title: 'initial sync into Chromium', run: runInitialSync },
  incremental: { title: 'incremental sync, server time', run: runIncremental },
  throughput: { title: 'throughput (autocannon against the server process)', run: runThroughput },
  pdf: { title: 'semester logbook PDF: Node and the Chromium worker (300 entries, 20 observations)', run: runPdf },
  observations: { title: 'observation capture: keystroke latency with 50 timeline rows', run: runObservations },
  mentor: { title: 'mentor: initial sync of 10 mentees × 40 observations into Chromium', run: runMentorSync },
  skkn: { title: 'SKKN: 30,000-word draft — .docx and PDF export, keystroke latency, autosave cost', run: runSkkn },
  memory: { title: 'server memory under a steady sync load (--memory-minutes=N, default 10)', run: runMemory },
  leaders: { title: 'leaders: inspection overview (40 teachers × 500 records; 50 schools) and bulk PDF export', run: runLeaders },
};

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(a in PARTS));
  if (unknown.length) {
    console.error(`Unknown part(s): ${unknown.join(', ')}. Parts: ${Object.keys(PARTS).join(', ')}.`);
    process.exit(2);
  }
  const names = asked.length ? asked : Object.keys(PARTS);
  const table: Row[] = [];
  const all: Record<string, unknown> = { at: new Date().toISOString(), parts: names };
  for (const name of names) {
    const part = PARTS[name]!;
    console.log(`\n── ${name}: ${part.title}`);
    table.push({ measure: `[${name}] ${part.title}`, value: '', target: '' });
    const loadBefore = loadavg()[0] ?? NaN;
    try {
      const outcome = await part.run();
      table.push(...outcome.rows);
      table.push({ measure: `  (machine load average, 1 min: ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? NaN).toFixed(1)} on ${availableParallelism()} cores)`, value: '', target: '' });
      all[name] = outcome.results;
    } catch (error) {
      const skipped = error instanceof PartSkipped;
      const reason = error instanceof Error ? error.message : String(error);
      console.error(skipped ? `  not run: ${reason}` : error);
      table.push({ measure: '  COULD NOT RUN', value: skipped ? 'skipped' : 'error', target: reason.slice(0, 100) });
      all[name] = { notRun: reason };
    }
  }
  rows = table;
  printTable();
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'results.json'), JSON.stringify(all, null, 2));
  console.log('\nRaw figures: .bench/results.json');
}

await main();

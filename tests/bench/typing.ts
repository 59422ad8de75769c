// Keystroke latency as the "observations" and "skkn" parts of `npm run bench` measure it, three ways:
// 1. keydown's event.timeStamp → the frame after it: a requestAnimationFrame callback registered in
//    the keydown (capture, before the app's own handlers), then a task queued from it, which runs once
//    that frame's rendering is done. Every listener, React render, ProseMirror update, style and layout
//    caused by the key lands before it.
// 2. Chromium's Event Timing API for the same keys: its duration (event timestamp → next paint, in
//    8 ms steps) is what INP uses; reported as how many keys it saw take longer than 16 ms.
// 3. The renderer's main-thread CPU time per key (CDP Performance metrics in thread ticks: ThreadTime,
//    with the script / style / layout split). On a machine shared with other work the wall-clock
//    figures above include waiting for a core; these do not, and show what one keystroke costs the
//    page. What is neither script, style nor layout is mostly Chromium's own: input routing, editing,
//    paint, autofill, the IME's view of the text.
// Frames: a headless Chromium, like a phone, starts a frame only at the display's next 60 Hz refresh, so
// keydown → next frame also holds the wait for that refresh — anywhere from 0 to 16.7 ms, whatever the
// page does. Measured so, a bare <textarea> in an empty page has p95 ≈ 19 ms on this machine: no page
// could meet a 16 ms target. The typing parts therefore launch Chromium with frames unthrottled
// (TYPING_BROWSER_ARGS): a frame starts as soon as the key's work asks for one, and the figure is the time
// the page and the browser take to put the key on screen. Each part also types the same text into a bare
// <textarea> in the same browser (measureBareTextarea): the floor no page goes below. BENCH_VSYNC=1 keeps
// the 60 Hz frames, to see the figure with the refresh wait in it.
// BENCH_PROFILE=1 also records a CPU profile of the typing into .bench/<name>.cpuprofile (open it in
// DevTools → Performance) and prints the functions with the most self time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROME_ARGS } from '../e2e/browser.ts';
import { ROOT } from '../e2e/build.ts';
import { ms, percentile, type Row } from './common.ts';

export interface TypingResult {
  /** keydown → next frame, per key that had a keydown. */
  latencies: number[];
  p50: number;
  p95: number;
  max: number;
  /** Keys whose Event Timing duration was over 16 ms, of those typed with a keydown. */
  eventTimingSlow: number;
  eventTimingP95: number;
  /** Main-thread CPU per key with a keydown, ms: all, and of it script / style / layout. */
  cpuPerKey: number;
  scriptPerKey: number;
  stylePerKey: number;
  layoutPerKey: number;
  /** Main-thread tasks over 50 ms while typing (wall time: on a busy machine, waiting for a core counts). */
  longTasks: number;
  longestTask: number;
}

type Metrics = Record<string, number>;

/** Chromium's flags for a typing part: see "Frames" above. */
export const TYPING_BROWSER_ARGS = process.env.BENCH_VSYNC === '1' ? CHROME_ARGS : [...CHROME_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'];

/** What the frame timing in the figures is, for the table. */
export const FRAME_TIMING = process.env.BENCH_VSYNC === '1' ? '60 Hz frames (refresh wait included)' : 'frames unthrottled';

/** The same typing into a bare <textarea> in a blank page of the same browser: the floor for any page. */
export async function measureBareTextarea(context: BrowserContext, text: string): Promise<TypingResult> {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><meta charset="utf-8"><textarea aria-label="x" rows="6" cols="60"></textarea>');
    await page.locator('textarea').focus();
    return await measureTyping(context, page, text, { name: 'bare-textarea' });
  } finally {
    await page.close();
  }
}

async function metrics(cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Types `text` where the focus is, `delay` ms between keys, measuring as described above. */
export async function measureTyping(context: BrowserContext, page: Page, text: string, options: { delay?: number; name: string }): Promise<TypingResult> {
  await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[]; __eventTiming: { name: string; duration: number; interactionId: number }[] };
    w.__latencies = [];
    w.__eventTiming = [];
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__latencies.push(performance.now() - start), 0));
      },
      { capture: true },
    );
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { __longTasks: number[] }).__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        if (entry.name === 'keydown') w.__eventTiming.push({ name: entry.name, duration: entry.duration, interactionId: entry.interactionId });
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const profiling = process.env.BENCH_PROFILE === '1';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const tracing = process.env.BENCH_TRACE === '1';
  const traceEvents: TraceEvent[] = [];
  if (tracing) {
    cdp.on('Tracing.dataCollected', (data) => traceEvents.push(...(data.value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,viz,benchmark', transferMode: 'ReportEvents' });
  }
  const before = await metrics(cdp);
  await page.keyboard.type(text, { delay: options.delay ?? 35 });
  // The last key's frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const after = await metrics(cdp);
  if (profiling) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    const file = path.join(ROOT, '.bench', `${options.name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  CPU profile of the typing: ${path.relative(ROOT, file)}; most self time:`);
    for (const [fn, t] of topSelfTime(profile, 25)) console.log(`    ${t.toFixed(1).padStart(8)} ms  ${fn}`);
  }
  if (tracing) {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
    writeFileSync(path.join(ROOT, '.bench', `${options.name}.trace.json`), JSON.stringify({ traceEvents }));
    console.log(`  trace of the typing (${options.name}, .bench/${options.name}.trace.json), complete events by total time, per key:`);
    for (const [name, t] of topTraceEvents(traceEvents, 30)) console.log(`    ${(t / Math.max(1, text.length)).toFixed(2).padStart(8)} ms  ${name}`);
  }
  await cdp.detach();
  const { latencies, slow, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[]; __eventTiming: { duration: number }[]; __longTasks: number[] };
    return { latencies: w.__latencies, slow: w.__eventTiming.map((e) => e.duration), longTasks: w.__longTasks };
  });
  if (process.env.BENCH_TYPING_DUMP === '1') console.log(`  ${options.name} latencies: ${latencies.map((l) => l.toFixed(0)).join(' ')}`);
  const keys = Math.max(1, latencies.length);
  const delta = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / keys;
  // Event Timing only reports keys over 16 ms; the rest count as ≤ 16 for the percentile.
  const eventDurations = [...slow, ...Array.from({ length: Math.max(0, latencies.length - slow.length) }, () => 0)];
  return {
    latencies,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    eventTimingSlow: slow.filter((d) => d > 16).length,
    eventTimingP95: percentile(eventDurations, 95),
    cpuPerKey: delta('ThreadTime'),
    scriptPerKey: delta('ScriptDuration'),
    stylePerKey: delta('RecalcStyleDuration'),
    layoutPerKey: delta('LayoutDuration'),
    longTasks: longTasks.length,
    longestTask: Math.max(0, ...longTasks),
  };
}

/** The table rows for a typing measure (the first carries the target). */
export function typingRows(typed: TypingResult, what: string, bare?: TypingResult): Row[] {
  const n = typed.latencies.length;
  return [
    { measure: `keystroke latency p95 ${what} (keydown → next frame, ${FRAME_TIMING}), ${n} keys`, value: ms(typed.p95), target: '≤ 16 ms' },
    { measure: '  p50 / max', value: `${ms(typed.p50)} / ${ms(typed.max)}`, target: '' },
    {
      measure: '  Event Timing (keydown → next paint, 8 ms steps): keys over 16 ms / p95',
      value: `${typed.eventTimingSlow} of ${n} / ${typed.eventTimingP95 > 0 ? ms(typed.eventTimingP95) : '≤ 16 ms'}`,
      target: '',
    },
    {
      measure: '  main-thread CPU per key (script / style / layout)',
      value: `${ms(typed.cpuPerKey)} (${typed.scriptPerKey.toFixed(1)} / ${typed.stylePerKey.toFixed(1)} / ${typed.layoutPerKey.toFixed(1)})`,
      target: 'independent of load',
    },
    { measure: '  tasks over 50 ms while typing / longest', value: `${typed.longTasks} / ${ms(typed.longestTask)}`, target: '' },
    ...(bare
      ? [
          {
            measure: '  the same keys in a bare <textarea>, same browser: p50 / p95 / CPU per key',
            value: `${ms(bare.p50)} / ${ms(bare.p95)} / ${ms(bare.cpuPerKey)}`,
            target: 'floor',
          },
        ]
      : []),
  ];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Complete events' thread time summed by thread and name (nested events count in their parents too). */
function topTraceEvents(events: TraceEvent[], count: number): [string, number][] {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = `${threadNames.get(`${e.pid}:${e.tid}`) ?? e.tid} ${e.name}`;
    totals.set(key, (totals.get(key) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function topSelfTime(profile: CpuProfile, count: number): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, count);
}

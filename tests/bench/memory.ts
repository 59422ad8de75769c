// Part "memory": does the server's memory stay flat under a steady sync load? The server runs as
// in "throughput" (tests/bench/loadServer.ts) for `--memory-minutes=N` (or BENCH_MEMORY_MINUTES;
// default 10, the figure) at a fixed BENCH_MEMORY_RATE (300) sync requests/s — a busy
// school, not the saturation point, so the run measures growth rather than queueing. Every
// BENCH_MEMORY_EVERY_S (30) seconds the server itself records RSS and V8 heap after a full GC
// (memoryProbe.mjs);
// each sample is printed as it comes, and the slopes (least squares, after the first sample) are
// reported in MB per minute.
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { envNumber, type PartOutcome } from './common.ts';
import { startLoadServer } from './loadServer.ts';

interface Sample {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

function minutesFromArgs(): number {
  const flag = process.argv.find((a) => a.startsWith('--memory-minutes='));
  const value = flag ? Number(flag.split('=')[1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : envNumber('BENCH_MEMORY_MINUTES', 10);
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

export async function runMemory(): Promise<PartOutcome> {
  const minutes = minutesFromArgs();
  const rate = envNumber('BENCH_MEMORY_RATE', 300);
  const everyS = envNumber('BENCH_MEMORY_EVERY_S', 30);
  const work = mkdtempSync(path.join(tmpdir(), 'sbd-bench-mem-'));
  const file = path.join(work, 'samples.jsonl');
  const server = await startLoadServer({
    clients: envNumber('BENCH_CLIENTS', 200),
    push: true,
    nodeArgs: ['--expose-gc', '--import', path.join(import.meta.dirname, 'memoryProbe.mjs')],
    // One worker: the probe samples the process it is loaded into, and each worker's memory is what may grow.
    env: { BENCH_MEMORY_FILE: file, BENCH_MEMORY_EVERY_MS: String(everyS * 1000), WORKERS: '1' },
  });
  const read = (): Sample[] => {
    try {
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Sample);
    } catch {
      return [];
    }
  };
  let printed = 0;
  const started = Date.now();
  const printer = setInterval(() => {
    for (const s of read().slice(printed)) {
      printed += 1;
      console.log(`  ${((s.at - started) / 60_000).toFixed(1).padStart(5)} min  RSS ${mb(s.rss).toFixed(1)} MB  heap used ${mb(s.heapUsed).toFixed(1)} / total ${mb(s.heapTotal).toFixed(1)} MB  external ${mb(s.external).toFixed(1)} MB`);
    }
  }, 1000);
  try {
    console.log(`  ${minutes} min at ${rate} sync requests/s (one edit each), a sample every ${everyS} s…`);
    const result = await autocannon({
      url: server.url,
      connections: 20,
      overallRate: rate,
      duration: Math.round(minutes * 60),
      timeout: 10,
      requests: [{ method: 'POST', path: '/api/sync', setupRequest: server.setupRequest }],
    });
    // One more sample interval so the last one lands.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    clearInterval(printer);
    const samples = read();
    if (samples.length < 3) throw new Error(`only ${samples.length} memory samples: run longer than ${everyS * 3} s`);
    const steady = samples.slice(1);
    const t0 = steady[0]!.at;
    const perMinute = (pick: (s: Sample) => number) => slope(steady.map((s) => [(s.at - t0) / 60_000, mb(pick(s))]));
    const rssSlope = perMinute((s) => s.rss);
    const heapSlope = perMinute((s) => s.heapUsed);
    const first = steady[0]!;
    const last = steady[steady.length - 1]!;
    const range = (pick: (s: Sample) => number) => `${Math.min(...steady.map((s) => mb(pick(s)))).toFixed(0)}–${Math.max(...steady.map((s) => mb(pick(s)))).toFixed(0)} MB`;
    return {
      rows: [
        { measure: `memory under ${rate} sync req/s for ${minutes} min (${result['2xx']} ok, ${result.non2xx + result.errors + result.timeouts} failed)`, value: `${samples.length} samples`, target: '' },
        { measure: '  RSS: first → last sample (after warm-up), range', value: `${mb(first.rss).toFixed(0)} → ${mb(last.rss).toFixed(0)} MB (${range((s) => s.rss)})`, target: '' },
        { measure: '  RSS slope', value: `${rssSlope.toFixed(2)} MB/min`, target: 'flat (≈ 0)' },
        { measure: '  V8 heap used after GC: first → last, range', value: `${mb(first.heapUsed).toFixed(0)} → ${mb(last.heapUsed).toFixed(0)} MB (${range((s) => s.heapUsed)})`, target: '' },
        { measure: '  V8 heap used after GC, slope', value: `${heapSlope.toFixed(2)} MB/min`, target: 'flat (≈ 0)' },
        { measure: '  latency p50 / p99 at that rate', value: `${result.latency.p50.toFixed(1)} / ${result.latency.p99.toFixed(1)} ms`, target: '' },
      ],
      results: { minutes, rate, everyS, samples, rssSlopeMbPerMin: rssSlope, heapSlopeMbPerMin: heapSlope, requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors },
    };
  } finally {
    clearInterval(printer);
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

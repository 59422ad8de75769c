// Part "throughput": the server as `npm start` runs it, in its own processes (tests/bench/loadServer.ts),
// loaded by autocannon from this process: BENCH_CONNECTIONS (50) connections in flight at once,
// spread round-robin over BENCH_CLIENTS (200) simulated devices, each a teacher with her own session
// token. Every request is a small sync: one edit pushed and pulled back (BENCH_PUSH=0: an empty poll
// instead). Runs BENCH_DURATION seconds (default 20), sampling the server's RSS every second; the
// 10-minute memory check is the "memory" part. BENCH_CPU_PROF=<dir>: the server writes a V8 CPU
// profile there when it stops (open it in Chrome DevTools).
import autocannon from 'autocannon';
import { workerCount } from '../../src/server/cluster.ts';
import path from 'node:path';
import { envNumber, ms, type PartOutcome } from './common.ts';
import { cpuSeconds, rssMb, startLoadServer } from './loadServer.ts';

const DURATION = envNumber('BENCH_DURATION', 20);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 50);
const CLIENTS = envNumber('BENCH_CLIENTS', 200);
const PUSH = process.env.BENCH_PUSH !== '0';
/** Server processes, as `npm start` on SQLite runs them (workerCount: one) unless BENCH_WORKERS says. */
const WORKERS = process.env.BENCH_WORKERS ?? String(workerCount({}));

export async function runThroughput(): Promise<PartOutcome> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const server = await startLoadServer({
    clients: CLIENTS,
    push: PUSH,
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
  try {
    const { pid, setupRequest } = server;
    const rssStart = rssMb(pid);
    const requests = [{ method: 'POST', path: '/api/sync', setupRequest }];

    // Warm up (JIT, SQLite page cache, session cache), then the measured run.
    await autocannon({ url: server.url, connections: CONNECTIONS, duration: 3, requests });
    const rssAfterWarmup = rssMb(pid);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(pid)), 1000);
    console.log(`  ${CLIENTS} clients, ${CONNECTIONS} connections, ${DURATION} s, ${WORKERS} server worker(s)${PUSH ? ', one edit per request' : ', empty polls'}…`);
    const serverCpu0 = cpuSeconds(pid);
    const ownCpu0 = process.cpuUsage();
    const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION, timeout: 10, requests });
    clearInterval(sampler);
    const serverCpu = (cpuSeconds(pid) - serverCpu0) / result.duration;
    const ownUsage = process.cpuUsage(ownCpu0);
    const loadCpu = (ownUsage.user + ownUsage.system) / 1e6 / result.duration;
    rss.push(rssMb(pid));
    const cpuPerRequestMs = (serverCpu * 1000) / Math.max(1, result.requests.average);

    const third = Math.max(1, Math.floor(rss.length / 3));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const rssFirst = avg(rss.slice(0, third));
    const rssLast = avg(rss.slice(-third));
    const kind = PUSH ? 'sync with one edit (push + pull)' : 'empty sync poll';
    return {
      rows: [
        { measure: `throughput, ${kind}: requests/s (${CONNECTIONS} conns, ${CLIENTS} clients, ${DURATION} s, WORKERS=${WORKERS})`, value: `${result.requests.average.toFixed(0)} req/s`, target: '≥ 1,000 req/s (2 cores)' },
        { measure: '  latency p50 / p99 / max', value: `${ms(result.latency.p50)} / ${ms(result.latency.p99)} / ${ms(result.latency.max)}`, target: 'p99 ≤ 100 ms' },
        { measure: '  requests: 2xx / non-2xx / errors / timeouts', value: `${result['2xx']} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`, target: '' },
        { measure: '  CPU: server process / autocannon (this process), cores busy', value: `${serverCpu.toFixed(2)} / ${loadCpu.toFixed(2)}`, target: '' },
        { measure: '  server CPU per request', value: ms(cpuPerRequestMs), target: '≤ ~1.5 ms for 1,000 req/s' },
        { measure: '  server RSS: start / after warm-up / max', value: `${rssStart.toFixed(0)} / ${rssAfterWarmup.toFixed(0)} / ${Math.max(...rss).toFixed(0)} MB`, target: '' },
        { measure: `  server RSS: first third vs last third of the run`, value: `${rssFirst.toFixed(0)} → ${rssLast.toFixed(0)} MB`, target: 'flat over 10 min: part "memory"' },
      ],
      results: {
        durationS: DURATION,
        workers: WORKERS,
        connections: CONNECTIONS,
        clients: CLIENTS,
        push: PUSH,
        requests: result.requests,
        latency: result.latency,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        cpu: { server: serverCpu, autocannon: loadCpu, serverMsPerRequest: cpuPerRequestMs },
        rssMb: { start: rssStart, afterWarmup: rssAfterWarmup, samples: rss },
      },
    };
  } finally {
    await server.stop();
  }
}

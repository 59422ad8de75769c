// Preloaded into the server process by the "memory" bench part (node --import): appends
// process.memoryUsage() as one JSON line to BENCH_MEMORY_FILE every BENCH_MEMORY_EVERY_MS, so the
// heap is read inside the server without an endpoint for it. With --expose-gc a full collection
// runs first, so "heap used" is what is still reachable — a leak shows as a rising floor.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
const every = Number(process.env.BENCH_MEMORY_EVERY_MS ?? 30_000);
if (file) {
  const sample = () => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external })}\n`);
  };
  setInterval(sample, every).unref();
}

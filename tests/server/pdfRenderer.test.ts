import { afterEach, describe, expect, it } from 'vitest';
import { idleMsFromEnv, RenderPool, poolSizeFromEnv } from '../../src/server/pdf/renderPool.ts';
import { prepareWorkerBundle, workerBundle } from '../../src/server/pdf/workerBundle.ts';
import type { LogbookInput, LogbookPdfOptions } from '../../src/pdf/types.ts';
import { emptyLogbook, largeLogbook, smallLogbook } from '../unit/pdf/sampleLogbook.ts';

/**
 * The server's PDF renderer: worker threads (renderPool.ts) whose fonts are parsed once per thread
 * and shared by the documents it renders (renderNode.ts). A PDF must not depend on what the thread
 * rendered before, nor on how many threads render at once.
 */

const HK1: LogbookPdfOptions = { period: 'HK1', signedOn: '2024-01-05' };
const YEAR_LIST: LogbookPdfOptions = { period: 'year', signedOn: '2024-01-05', observations: 'list' };

/** The PDF without what differs between any two renders: its creation time and the ID made from it. */
function comparable(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:…)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID […]');
}

const pools: RenderPool[] = [];
function pool(size: number, idleMs?: number): RenderPool {
  const created = new RenderPool(size, idleMs);
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Each document rendered first on a thread of its own: fonts opened for it alone, as pdfkit does. */
async function cold(docs: ReadonlyArray<readonly [LogbookInput, LogbookPdfOptions]>): Promise<string[]> {
  return Promise.all(docs.map(([input, options]) => pool(1).render(input, options).then(comparable)));
}

describe('the PDF renderer', () => {
  const docs = [
    [smallLogbook(), HK1],
    [largeLogbook(40, 4), YEAR_LIST],
    [emptyLogbook(), HK1],
  ] as const;

  it('renders the same bytes on a thread that already rendered other PDFs (font tables decoded once)', async () => {
    const expected = await cold(docs);
    const warm = pool(1);
    await warm.render(largeLogbook(30, 2), HK1);
    const again: string[] = [];
    for (const [input, options] of docs) again.push(comparable(await warm.render(input, options)));
    // Twice: the same words and glyphs again, in the order of the first time.
    for (const [input, options] of docs) again.push(comparable(await warm.render(input, options)));
    expect(again).toEqual([...expected, ...expected]);
    expect(expected[0]).toContain('%PDF-');
  }, 120_000);

  it('renders the same bytes when two threads render at once, and answers in the order asked', async () => {
    const expected = await cold(docs);
    const parallel = pool(2);
    const rendered = await Promise.all([...docs, ...docs].map(([input, options]) => parallel.render(input, options).then(comparable)));
    expect(rendered).toEqual([...expected, ...expected]);
    expect(parallel.threadCount).toBe(2);
  }, 120_000);

  it('fails one PDF whose data cannot be laid out, and goes on with the next', async () => {
    const one = pool(1);
    const broken = { ...smallLogbook(), schoolYear: null } as unknown as LogbookInput;
    await expect(one.render(broken, HK1)).rejects.toThrow(/TypeError/);
    expect(comparable(await one.render(emptyLogbook(), HK1))).toEqual((await cold([[emptyLogbook(), HK1]]))[0]);
  }, 60_000);

  it('fails the PDFs of a stopped thread and starts a new one for the next', async () => {
    const one = pool(1);
    const inFlight = expect(one.render(largeLogbook(60, 4), HK1)).rejects.toThrow(/stopped/);
    const queued = expect(one.render(smallLogbook(), HK1)).rejects.toThrow(/stopped/);
    await one.close();
    await inFlight;
    await queued;
    expect(one.threadCount).toBe(0);
    expect(Buffer.from(await one.render(emptyLogbook(), HK1)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(one.threadCount).toBe(1);
  }, 60_000);

  it('renders the same bytes on threads started from the bundled code as on threads compiling the sources through tsx', async () => {
    expect(workerBundle()).toBeNull();
    const fromSources = await cold(docs);
    const bundle = await prepareWorkerBundle();
    expect(bundle?.pathname).toMatch(/node_modules\/\.cache\/so-boi-duong\/renderWorker-[0-9a-f]{16}\.mjs$/);
    expect(workerBundle()).toEqual(bundle);
    expect(await cold(docs)).toEqual(fromSources);
  }, 120_000);

  it('warms its threads up once however often asked, renders the same bytes on them, and lets them go after the idle time', async () => {
    const expected = await cold([[smallLogbook(), HK1]]);
    const warm = pool(2, 1500);
    // A leader opening the overview again and again (or two leaders at once) starts two threads, not more.
    await Promise.all([warm.warm(), warm.warm(), warm.warm()]);
    expect(warm.threadCount).toBe(2);
    await warm.warm();
    expect(warm.threadCount).toBe(2);
    const rendered = await Promise.all([smallLogbook(), smallLogbook(), smallLogbook()].map((input) => warm.render(input, HK1).then(comparable)));
    expect(rendered).toEqual([expected[0], expected[0], expected[0]]);
    expect(warm.threadCount).toBe(2);
    // Warming up while PDFs render adds nothing either.
    const busy = warm.render(smallLogbook(), HK1);
    await warm.warm();
    await busy;
    expect(warm.threadCount).toBe(2);
    // Idle: gone after the idle time; a PDF asked for afterwards starts a thread again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(warm.threadCount).toBe(0);
    expect(comparable(await warm.render(smallLogbook(), HK1))).toEqual(expected[0]);
    expect(warm.threadCount).toBe(1);
  }, 120_000);

  it('starts nothing to warm up with PDF_WORKERS=0, and reads the idle time from PDF_IDLE_SECONDS', async () => {
    const inline = pool(0);
    await inline.warm();
    expect(inline.threadCount).toBe(0);
    expect(idleMsFromEnv({ PDF_IDLE_SECONDS: '60' })).toBe(60_000);
    expect(idleMsFromEnv({})).toBe(300_000);
    expect(idleMsFromEnv({ PDF_IDLE_SECONDS: 'mãi' })).toBe(300_000);
  });

  it('renders on the calling thread with PDF_WORKERS=0, and one thread per core by default', async () => {
    expect(poolSizeFromEnv({ PDF_WORKERS: '0' })).toBe(0);
    expect(poolSizeFromEnv({ PDF_WORKERS: '3' })).toBe(3);
    expect(poolSizeFromEnv({})).toBeGreaterThanOrEqual(1);
    expect(poolSizeFromEnv({ PDF_WORKERS: 'hai' })).toBe(poolSizeFromEnv({}));
    const inline = pool(0);
    expect(comparable(await inline.render(smallLogbook(), HK1))).toEqual((await cold([[smallLogbook(), HK1]]))[0]);
    expect(inline.threadCount).toBe(0);
  }, 60_000);
});

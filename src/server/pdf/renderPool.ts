import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LogbookInput, LogbookPdfOptions } from '../../pdf/types.ts';
import { renderLogbook, type RenderReply, type RenderRequest } from './renderWorker.ts';
import { prepareWorkerBundle, workerBundle } from './workerBundle.ts';

interface Job {
  readonly request: RenderRequest;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  job: Job | null;
  /** Warm-up PDFs still to render while nothing else waits (warm()). */
  warmUpSteps: number;
  /** Settles when the thread has no warm-up left (done, pre-empted by real PDFs, or stopped). */
  readonly warmedUp: Promise<void>;
  warmUpDone(): void;
}

const BOOT = new URL('./renderWorker.boot.mjs', import.meta.url);
/**
 * A warm-up is a few PDFs (renderWorker.ts): the first loads pdfmake and decodes the fonts, the next
 * ones make V8 optimise the layout code, which otherwise slows a thread's first real PDFs two- or
 * threefold. Each is rendered only while no real PDF waits.
 */
const WARM_UP_STEPS = 4;

/**
 * Logbook PDFs rendered on worker threads, one PDF at a time per thread, in the order asked. Rendering
 * is CPU-bound (pdfmake lays out and shapes every word): on the main thread it stopped the server
 * answering anything else for the length of each PDF, and used one core. Threads start on the first
 * PDF, or earlier when warm() says PDFs are likely soon (a leader opened the inspection overview), are
 * kept while PDFs keep coming (each parses its fonts once), stop after `idleMs` without work, and
 * never keep the process alive. With `size` 0 PDFs are rendered on the calling thread.
 */
export class RenderPool {
  private readonly threads = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly size: number,
    private readonly idleMs = 5 * 60_000,
  ) {}

  render(input: LogbookInput, options: LogbookPdfOptions): Promise<Uint8Array> {
    if (this.size <= 0) return renderLogbook(input, options);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, input, options }, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts the threads not running yet and warms them up (WARM_UP_STEPS), so that the first real PDFs
   * do not pay for loading pdfmake, decoding the fonts and optimising the code (seconds of CPU per
   * thread). Running threads are not doubled; idle ones start their idle time again. PDFs asked for
   * meanwhile go first: a thread stops warming up once it has real work. Resolves when every thread is
   * through its warm-up (a failed warm-up is not an error: that thread's next PDF says what is wrong).
   */
  warm(): Promise<void> {
    while (this.threads.size < this.size) this.spawn(WARM_UP_STEPS);
    this.dispatch();
    return Promise.all([...this.threads].map((thread) => thread.warmedUp)).then(() => undefined);
  }

  /** Threads running now (for tests and the benchmark). */
  get threadCount(): number {
    return this.threads.size;
  }

  /** Stops every thread; PDFs not yet rendered are refused. */
  async close(): Promise<void> {
    this.clearIdle();
    for (const job of this.queue.splice(0)) job.reject(new Error('PDF rendering stopped'));
    await this.stop();
  }

  /**
   * Ends the threads. They leave the pool at once, so a PDF asked for while they end starts a new
   * thread instead of being handed to one that is stopping.
   */
  private async stop(): Promise<void> {
    const threads = [...this.threads];
    this.threads.clear();
    for (const thread of threads) {
      const job = thread.job;
      thread.job = null;
      thread.warmUpDone();
      job?.reject(new Error('PDF rendering stopped'));
    }
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    this.clearIdle();
    for (const thread of this.threads) {
      if (thread.job) continue;
      const job = this.queue.shift();
      if (job) {
        thread.warmUpDone();
        this.assign(thread, job);
      } else if (thread.warmUpSteps > 0) {
        this.assign(thread, this.warmUpJob(thread));
      }
    }
    while (this.queue.length > 0 && this.threads.size < this.size) this.assign(this.spawn(0), this.queue.shift()!);
    if (this.queue.length === 0 && [...this.threads].every((thread) => !thread.job) && this.threads.size > 0) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        void this.stop();
      }, this.idleMs);
      this.idleTimer.unref();
    }
  }

  private warmUpJob(thread: Thread): Job {
    const step = WARM_UP_STEPS - thread.warmUpSteps;
    return {
      request: { id: this.nextId++, warmUp: step },
      resolve: () => {
        thread.warmUpSteps -= 1;
        if (thread.warmUpSteps <= 0) thread.warmUpDone();
      },
      reject: () => thread.warmUpDone(),
    };
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private assign(thread: Thread, job: Job): void {
    thread.job = job;
    // A busy thread keeps the process alive (the CLI awaits its PDF); an idle one does not.
    thread.worker.ref();
    try {
      thread.worker.postMessage(job.request);
    } catch (error) {
      // Not cloneable (a programming error): this PDF fails, the thread stays.
      thread.job = null;
      thread.worker.unref();
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(warmUpSteps: number): Thread {
    let warmUpDone!: () => void;
    const warmedUp = new Promise<void>((resolve) => (warmUpDone = resolve));
    const thread: Thread = {
      // The bundled code when it is ready (workerBundle.ts), else the sources through tsx.
      worker: new Worker(workerBundle() ?? BOOT),
      job: null,
      warmUpSteps,
      warmedUp,
      warmUpDone() {
        thread.warmUpSteps = 0;
        warmUpDone();
      },
    };
    if (warmUpSteps <= 0) thread.warmUpDone();
    thread.worker.on('message', (reply: RenderReply) => {
      const job = thread.job;
      if (!job || job.request.id !== reply.id) return;
      thread.job = null;
      thread.worker.unref();
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.bytes);
      this.dispatch();
    });
    thread.worker.on('error', (error) => this.lost(thread, error));
    thread.worker.on('exit', (code) => this.lost(thread, new Error(`PDF rendering thread stopped (exit code ${code})`)));
    this.threads.add(thread);
    return thread;
  }

  /** A thread that crashed or was stopped: its PDF fails, the queue goes on with a new thread. */
  private lost(thread: Thread, error: Error): void {
    if (!this.threads.delete(thread)) return;
    const job = thread.job;
    thread.job = null;
    thread.warmUpDone();
    job?.reject(error);
    if (this.queue.length > 0) this.dispatch();
  }
}

/**
 * When a leader opens the inspection overview, the threads start (unless PDF_WARMUP=0), after the
 * overview has been sent: by the time she asks for the export they are ready.
 */
export function warmForExport(env: NodeJS.ProcessEnv = process.env): void {
  if (env.PDF_WARMUP === '0') return;
  void pdfPool().warm();
}

/** At server start: the threads' bundled code is made in the background, ready before a leader's first PDF. */
export function preparePdfThreads(env: NodeJS.ProcessEnv = process.env): void {
  if (poolSizeFromEnv(env) > 0) void prepareWorkerBundle();
}

/** Threads stop after PDF_IDLE_SECONDS without a PDF (default 300). */
export function idleMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.PDF_IDLE_SECONDS === undefined || env.PDF_IDLE_SECONDS === '' ? NaN : Number(env.PDF_IDLE_SECONDS);
  return Number.isFinite(asked) && asked > 0 ? asked * 1000 : 5 * 60_000;
}

/** PDF_WORKERS threads (default: one per core; 0 renders on the main thread). */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.PDF_WORKERS === undefined || env.PDF_WORKERS === '' ? NaN : Number(env.PDF_WORKERS);
  return Number.isInteger(asked) && asked >= 0 ? asked : availableParallelism();
}

let shared: RenderPool | null = null;

/** The process's pool, used by every PDF the server makes (single logbook, bulk export, CLI). */
export function pdfPool(): RenderPool {
  shared ??= new RenderPool(poolSizeFromEnv(), idleMsFromEnv());
  return shared;
}

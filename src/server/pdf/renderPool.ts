import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LogbookInput, LogbookPdfOptions } from '../../pdf/types.ts';
import { renderLogbook, type RenderReply, type RenderRequest } from './renderWorker.ts';

interface Job {
  readonly id: number;
  readonly input: LogbookInput;
  readonly options: LogbookPdfOptions;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

interface Thread {
  readonly worker: Worker;
  job: Job | null;
}

const BOOT = new URL('./renderWorker.boot.mjs', import.meta.url);

/**
 * Logbook PDFs rendered on worker threads, one PDF at a time per thread, in the order asked. Rendering
 * is CPU-bound (pdfmake lays out and shapes every word): on the main thread it stopped the server
 * answering anything else for the length of each PDF, and used one core. Threads start on the first
 * PDF, are kept while PDFs keep coming (each parses its fonts once), stop after `idleMs` without work,
 * and never keep the process alive. With `size` 0 PDFs are rendered on the calling thread.
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
      this.queue.push({ id: this.nextId++, input, options, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads running now (for tests and the benchmark). */
  get threadCount(): number {
    return this.threads.size;
  }

  /** Stops every thread; PDFs not yet rendered are refused. */
  async close(): Promise<void> {
    this.clearIdle();
    for (const job of this.queue.splice(0)) job.reject(new Error('PDF rendering stopped'));
    await Promise.all([...this.threads].map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    this.clearIdle();
    for (const thread of this.threads) {
      if (this.queue.length === 0) break;
      if (!thread.job) this.assign(thread, this.queue.shift()!);
    }
    while (this.queue.length > 0 && this.threads.size < this.size) this.assign(this.spawn(), this.queue.shift()!);
    if (this.queue.length === 0 && [...this.threads].every((thread) => !thread.job) && this.threads.size > 0) {
      this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
      this.idleTimer.unref();
    }
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
      thread.worker.postMessage({ id: job.id, input: job.input, options: job.options } satisfies RenderRequest);
    } catch (error) {
      // Not cloneable (a programming error): this PDF fails, the thread stays.
      thread.job = null;
      thread.worker.unref();
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(): Thread {
    const thread: Thread = { worker: new Worker(BOOT), job: null };
    thread.worker.on('message', (reply: RenderReply) => {
      const job = thread.job;
      if (!job || job.id !== reply.id) return;
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
    job?.reject(error);
    if (this.queue.length > 0) this.dispatch();
  }
}

/** PDF_WORKERS threads (default: one per core; 0 renders on the main thread). */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.PDF_WORKERS === undefined || env.PDF_WORKERS === '' ? NaN : Number(env.PDF_WORKERS);
  return Number.isInteger(asked) && asked >= 0 ? asked : availableParallelism();
}

let shared: RenderPool | null = null;

/** The process's pool, used by every PDF the server makes (single logbook, bulk export, CLI). */
export function pdfPool(): RenderPool {
  shared ??= new RenderPool(poolSizeFromEnv());
  return shared;
}

import type { PdfWorkerMessage, PdfWorkerPhase, PdfWorkerRequest } from './protocol.ts';

export class PdfExportError extends Error {
  constructor(
    message: string,
    /** The engine or the fonts could not be loaded (offline before the first caching). */
    readonly loading: boolean,
  ) {
    super(message);
  }
}

export interface PdfJob {
  readonly result: Promise<{ bytes: Uint8Array; ms: number; teacherName: string }>;
  /** Stops the worker at once; `result` rejects with an AbortError. */
  cancel(): void;
}

/**
 * Renders a logbook in a new Web Worker (one per export, ended afterwards: the engine's memory is
 * given back and cancelling is immediate).
 */
export function renderInWorker(request: PdfWorkerRequest, onProgress: (phase: PdfWorkerPhase, ratio: number) => void): PdfJob {
  let worker: Worker | null = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
  let reject: (error: unknown) => void = () => undefined;
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const result = new Promise<{ bytes: Uint8Array; ms: number; teacherName: string }>((resolve, fail) => {
    reject = fail;
    worker!.onmessage = (event: MessageEvent<PdfWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.phase, message.ratio);
      else {
        stop();
        if (message.type === 'done') resolve({ bytes: new Uint8Array(message.bytes), ms: message.ms, teacherName: message.teacherName });
        else fail(new PdfExportError(message.message, message.loading));
      }
    };
    worker!.onerror = (event) => {
      stop();
      // A worker script that cannot be fetched (offline, never cached) fails here.
      fail(new PdfExportError(event.message || 'worker', true));
    };
    worker!.postMessage(request);
  });
  return {
    result,
    cancel() {
      if (!worker) return;
      stop();
      reject(new DOMException('cancelled', 'AbortError'));
    },
  };
}

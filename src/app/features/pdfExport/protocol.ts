import type { SchoolYear } from '../../../domain/records.ts';
import type { LogbookPdfOptions } from '../../../pdf/types.ts';

/**
 * Messages between the export dialog and pdf.worker.ts. The worker reads the logbook from IndexedDB
 * itself (database `dbName`), so the main thread neither reads nor copies the records.
 */
export interface PdfWorkerRequest {
  readonly dbName: string;
  readonly year: SchoolYear;
  readonly options: LogbookPdfOptions;
}

export type PdfWorkerPhase = 'reading' | 'loading' | 'layout' | 'rendering';

export type PdfWorkerMessage =
  | { readonly type: 'progress'; readonly phase: PdfWorkerPhase; readonly ratio: number }
  | { readonly type: 'done'; readonly bytes: ArrayBuffer; readonly ms: number; readonly teacherName: string }
  | { readonly type: 'error'; readonly message: string; readonly loading: boolean };

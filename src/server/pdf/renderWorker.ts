// A PDF rendering thread of renderPool.ts: builds the document definition from the logbook's data
// (definitions hold functions, so they cannot cross threads) and renders it with the same renderer
// as the main thread, its fonts parsed once per thread.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_SCHOOL_SETTINGS } from '../../domain/schoolSettings.ts';
import { buildLogbookDocument } from '../../pdf/buildLogbookDocument.ts';
import type { LogbookInput, LogbookPdfOptions } from '../../pdf/types.ts';
import { renderPdfNode } from './renderNode.ts';

/** A logbook PDF to render, or step `warmUp` of a new thread's warm-up (renderPool.ts warm()), thrown away. */
export type RenderRequest =
  | { readonly id: number; readonly input: LogbookInput; readonly options: LogbookPdfOptions }
  | { readonly id: number; readonly warmUp: number };

export type RenderReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

export async function renderLogbook(input: LogbookInput, options: LogbookPdfOptions): Promise<Uint8Array> {
  return renderPdfNode(buildLogbookDocument(input, options));
}

const WARM_UP_TIME = '2024-09-10T08:00:00.000Z';
/**
 * Warm-up step 0, a one-page logbook: rendering it loads pdfmake and the document builder and decodes
 * the fonts' tables (renderNode.ts keeps them for the thread's later PDFs). The next steps render a
 * few pages of entries, so that V8 has optimised the layout code before the first real PDF.
 */
const WARM_UP_INPUT: LogbookInput = {
  settings: DEFAULT_SCHOOL_SETTINGS,
  profile: { id: 'profile', fullName: 'Nguyễn Thị Hoà', school: 'Trường THCS', department: 'Tổ Toán', subject: 'Toán', position: 'Giáo viên', homeroomClass: '', district: '', province: '', updatedAt: WARM_UP_TIME },
  schoolYear: { id: 'warm-up', startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-15', hk2Start: '2025-01-16', hk2End: '2025-05-31', updatedAt: WARM_UP_TIME },
  entries: [
    {
      id: 'warm-up-entry',
      schoolYearId: 'warm-up',
      date: '2024-09-10',
      content: 'Bồi dưỡng thường xuyên: đổi mới phương pháp dạy học, kiểm tra đánh giá học sinh',
      form: 'tu-hoc',
      bdtxProgram: '01',
      module: null,
      periods: 2,
      source: 'Tài liệu của Bộ GD&ĐT',
      result: 'Vận dụng vào tiết dạy; học sinh hứng thú hơn.',
      evidence: '',
      note: '',
      createdAt: WARM_UP_TIME,
      updatedAt: WARM_UP_TIME,
    },
  ],
  // Nothing else: a logbook of one entry.
  reflections: [], observations: [], observedLessons: [], annotations: [], innovationTopic: null, skkn: [], confirmations: [],
};

const WARM_UP_PAGES: LogbookInput = {
  ...WARM_UP_INPUT,
  entries: Array.from({ length: 60 }, (_, i) => ({
    ...WARM_UP_INPUT.entries[0]!,
    id: `warm-up-${i}`,
    date: `2024-${String(9 + (i % 4)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    content: `${WARM_UP_INPUT.entries[0]!.content} (${i + 1}): sinh hoạt tổ chuyên môn theo nghiên cứu bài học`,
    bdtxProgram: (['01', '02', '03', null] as const)[i % 4]!,
    periods: 1 + (i % 4),
  })),
};

function handle(request: RenderRequest): Promise<Uint8Array> {
  if ('warmUp' in request) return renderLogbook(request.warmUp === 0 ? WARM_UP_INPUT : WARM_UP_PAGES, { period: 'HK1', signedOn: '2024-09-10' }).then(() => new Uint8Array(0));
  return renderLogbook(request.input, request.options);
}

const port = parentPort;
if (port) {
  port.on('message', (request: RenderRequest) => {
    handle(request).then(
      (bytes) => {
        // The PDF's own buffer moves to the main thread instead of being copied.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
        port.postMessage({ id: request.id, bytes } satisfies RenderReply, own ? [bytes.buffer as ArrayBuffer] : []);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply),
    );
  });
}

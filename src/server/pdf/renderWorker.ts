// A PDF rendering thread of renderPool.ts: builds the document definition from the logbook's data
// (definitions hold functions, so they cannot cross threads) and renders it with the same renderer
// as the main thread, its fonts parsed once per thread.
import { parentPort } from 'node:worker_threads';
import { buildLogbookDocument } from '../../pdf/buildLogbookDocument.ts';
import type { LogbookInput, LogbookPdfOptions } from '../../pdf/types.ts';
import { renderPdfNode } from './renderNode.ts';

export interface RenderRequest {
  readonly id: number;
  readonly input: LogbookInput;
  readonly options: LogbookPdfOptions;
}

export type RenderReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

export async function renderLogbook(input: LogbookInput, options: LogbookPdfOptions): Promise<Uint8Array> {
  return renderPdfNode(buildLogbookDocument(input, options));
}

const port = parentPort;
if (port) {
  port.on('message', (request: RenderRequest) => {
    renderLogbook(request.input, request.options).then(
      (bytes) => {
        // The PDF's own buffer moves to the main thread instead of being copied.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
        port.postMessage({ id: request.id, bytes } satisfies RenderReply, own ? [bytes.buffer as ArrayBuffer] : []);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RenderReply),
    );
  });
}

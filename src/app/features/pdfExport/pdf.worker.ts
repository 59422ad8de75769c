/// <reference lib="webworker" />
import pdfMake from 'pdfmake/build/pdfmake.js';
import regularUrl from '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf?url';
import italicUrl from '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf?url';
import boldItalicUrl from '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf?url';
import { buildLogbookDocument } from '../../../pdf/buildLogbookDocument.ts';
import { LogbookDatabase } from '../../db/database.ts';
import { collectLogbook } from './collectLogbook.ts';
import type { FontData } from '../../../pdf/fonts.ts';
import { renderPdf, type PdfEngine } from '../../../pdf/render.ts';
import type { PdfWorkerMessage, PdfWorkerRequest } from './protocol.ts';

/**
 * The PDF export off the main thread, from reading IndexedDB to the bytes: the same builder and renderer as the server
 * (src/pdf, src/server/pdf/renderNode.ts). The fonts are build assets precached by the service
 * worker, so a phone that never exported before can export offline.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: PdfWorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let fonts: Promise<FontData> | null = null;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function loadFonts(): Promise<FontData> {
  fonts ??= Promise.all([regularUrl, boldUrl, italicUrl, boldItalicUrl].map(fetchFont))
    .then(([normal, bold, italics, bolditalics]) => ({ normal: normal!, bold: bold!, italics: italics!, bolditalics: bolditalics! }))
    .catch((error: unknown) => {
      fonts = null;
      throw error;
    });
  return fonts;
}

scope.onmessage = async (event: MessageEvent<PdfWorkerRequest>) => {
  const started = performance.now();
  let loading = false;
  const db = new LogbookDatabase(event.data.dbName);
  try {
    post({ type: 'progress', phase: 'reading', ratio: 0 });
    const input = await collectLogbook(db, event.data.year);
    db.close();
    loading = true;
    post({ type: 'progress', phase: 'loading', ratio: 0 });
    const fontData = await loadFonts();
    loading = false;
    post({ type: 'progress', phase: 'layout', ratio: 0 });
    const doc = buildLogbookDocument(input, event.data.options);
    // A few progress messages, not one per drawn item: each one re-renders the dialog on the main thread.
    let lastAt = 0;
    const bytes = await renderPdf(pdfMake as PdfEngine, doc, fontData, (ratio) => {
      const now = performance.now();
      if (now - lastAt >= 150) {
        lastAt = now;
        post({ type: 'progress', phase: 'rendering', ratio });
      }
    });
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    post({ type: 'done', bytes: buffer as ArrayBuffer, ms: performance.now() - started, teacherName: input.profile?.fullName ?? '' }, [buffer as ArrayBuffer]);
  } catch (error) {
    db.close();
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), loading });
  }
};

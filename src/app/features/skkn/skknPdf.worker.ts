/// <reference lib="webworker" />
import pdfMake from 'pdfmake/build/pdfmake.js';
import regularUrl from '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf?url';
import italicUrl from '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf?url';
import boldItalicUrl from '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf?url';
import type { FontData } from '../../../pdf/fonts.ts';
import { renderPdf, type PdfEngine } from '../../../pdf/render.ts';
import { buildSkknDocument } from '../../../pdf/skknDocument.ts';
import type { SkknExportInput } from '../../../pdf/skknDocx.ts';

/**
 * The SKKN PDF off the main thread, with the logbook PDF's renderer and embedded fonts (the same
 * font assets, precached by the service worker): a 30,000-word draft never freezes the screen.
 * One worker per export, ended afterwards.
 */
export type SkknPdfMessage = { type: 'done'; bytes: ArrayBuffer } | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

scope.onmessage = async (event: MessageEvent<SkknExportInput>) => {
  try {
    const [normal, bold, italics, bolditalics] = await Promise.all([regularUrl, boldUrl, italicUrl, boldItalicUrl].map(fetchFont));
    const fonts: FontData = { normal: normal!, bold: bold!, italics: italics!, bolditalics: bolditalics! };
    const bytes = await renderPdf(pdfMake as PdfEngine, buildSkknDocument(event.data), fonts);
    const buffer = bytes.slice().buffer;
    scope.postMessage({ type: 'done', bytes: buffer } satisfies SkknPdfMessage, [buffer]);
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies SkknPdfMessage);
  }
};

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { DocDefinition } from '../../pdf/docTypes.ts';
import { FONT_PACKAGE_PATHS, type FontData, type FontStyle } from '../../pdf/fonts.ts';
import { renderPdf, type PdfEngine } from '../../pdf/render.ts';

const require = createRequire(import.meta.url);
let fonts: FontData | null = null;

function loadFonts(): FontData {
  fonts ??= Object.fromEntries(
    (Object.keys(FONT_PACKAGE_PATHS) as FontStyle[]).map((style) => [style, new Uint8Array(readFileSync(require.resolve(FONT_PACKAGE_PATHS[style])))]),
  ) as FontData;
  return fonts;
}

const engine = pdfmake as PdfEngine & { setLocalAccessPolicy(callback: (path: string) => boolean): void };
// Fonts come from the virtual file system; nothing else on disk or on the network is ever read.
engine.setLocalAccessPolicy(() => false);

/** Node side of src/pdf/render.ts: the same renderer, fonts read once from the npm package. */
export function renderPdfNode(doc: DocDefinition, onProgress?: (progress: number) => void): Promise<Uint8Array> {
  return renderPdf(engine, doc, loadFonts(), onProgress);
}

import type { DocDefinition } from './docTypes.ts';
import { FONT_DESCRIPTORS, FONT_FILES, type FontData, type FontStyle } from './fonts.ts';

/**
 * What renderPdf needs of pdfmake: its Node build (`pdfmake`) and its browser build
 * (`pdfmake/build/pdfmake`) both have this shape, so one function renders on both sides.
 */
export interface PdfEngine {
  readonly virtualfs: { writeFileSync(name: string, data: Uint8Array): void; existsSync(name: string): boolean };
  setFonts(fonts: unknown): void;
  setProgressCallback(callback: ((progress: number) => void) | undefined): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Uint8Array> };
}

/**
 * Renders a document definition to PDF bytes with the embedded Noto Serif (subset by pdfkit).
 * Nothing is fetched: fonts come from `fonts`, and every URL is refused.
 */
export async function renderPdf(engine: PdfEngine, doc: DocDefinition, fonts: FontData, onProgress?: (progress: number) => void): Promise<Uint8Array> {
  for (const style of Object.keys(FONT_FILES) as FontStyle[]) {
    if (!engine.virtualfs.existsSync(FONT_FILES[style])) engine.virtualfs.writeFileSync(FONT_FILES[style], fonts[style]);
  }
  engine.setFonts(FONT_DESCRIPTORS);
  engine.setUrlAccessPolicy(() => false);
  engine.setProgressCallback(onProgress);
  try {
    const bytes = await engine.createPdf(doc).getBuffer();
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    engine.setProgressCallback(undefined);
  }
}

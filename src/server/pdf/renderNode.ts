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

// ─── Font tables decoded once per process ────────────────────────────────────────────────────────
// pdfkit opens every font anew for each document (fontkit.create on the TTF bytes), so the GSUB/GPOS
// lookups, metrics and outlines were decoded again for every PDF: about half of a logbook's rendering
// time. Each document still gets its own fontkit font (its own glyph objects, shaping engine and
// subset, exactly as pdfkit makes them), but reads the decoded tables of the first one, the way
// fontkit's own getVariation() shares them between instances of one font. Decoded tables are plain
// data read from the same bytes, so the PDF is byte for byte the one a fresh font gives
// (tests/server/pdfRenderer.test.ts compares them). Glyph objects are deliberately not shared: a glyph
// remembers the characters it was first met with, which becomes the PDF's text layer (ToUnicode).

/** What is used of fontkit 2's TTFFont (fontkit/dist/main.cjs). */
interface FontkitFont {
  _tables: Record<string, unknown>;
}

/** What is used of pdfmake 0.3's PDFDocument (pdfmake/js/PDFDocument.js) and pdfkit's EmbeddedFont. */
interface PdfmakeDocument {
  /** Font file per family and style, as given to setFonts. */
  fonts: Record<string, Partial<Record<string, unknown>> | undefined>;
  fontCache: Record<string, Partial<Record<string, { font: FontkitFont }>> | undefined>;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(familyName: string, bold: boolean, italics: boolean): { font: FontkitFont };
}

/** Decoded tables per font file, from the first document that used it. */
const decodedTables = new Map<string, FontkitFont['_tables']>();

const documentClass = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfmakeDocument } }).default;
const provideFont = documentClass.prototype.provideFont;
documentClass.prototype.provideFont = function (this: PdfmakeDocument, familyName: string, bold: boolean, italics: boolean) {
  const type = this.getFontType(bold, italics);
  const opened = this.fontCache[familyName]?.[type] !== undefined;
  const embedded = provideFont.call(this, familyName, bold, italics);
  if (opened) return embedded;
  const file = this.fonts[familyName]?.[type];
  if (typeof file !== 'string') return embedded;
  const tables = decodedTables.get(file);
  if (tables) embedded.font._tables = tables;
  else decodedTables.set(file, embedded.font._tables);
  return embedded;
};

/** Node side of src/pdf/render.ts: the same renderer; fonts read once from the npm package, their tables decoded once. */
export function renderPdfNode(doc: DocDefinition, onProgress?: (progress: number) => void): Promise<Uint8Array> {
  return renderPdf(engine, doc, loadFonts(), onProgress);
}

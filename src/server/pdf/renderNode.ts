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

// ─── One parsed font per process ─────────────────────────────────────────────────────────────────
// pdfkit opens every font anew for each document (fontkit.create on the TTF bytes): the GSUB/GPOS
// lookups, glyph metrics and the word-shaping cache are decoded and computed again per PDF, which was
// about half of a logbook's rendering time. Here each document's font keeps its own subset (the
// glyphs that document embeds) but shapes with a fontkit font parsed once per process, and shares the
// per-word layout cache pdfkit keeps per document. Shaping is a pure function of (font, word), so
// the PDF bytes are the same as with a fresh font (tests/server/pdfRenderer.test.ts compares them).

/** What is used of pdfkit 0.17's EmbeddedFont (pdfkit/js/pdfkit.js). */
interface EmbeddedFont {
  font: { createSubset(): unknown };
  subset: unknown;
  /** Absent when the document was created with fontLayoutCache: false. */
  layoutCache?: Record<string, unknown>;
}

/** What is used of pdfmake 0.3's PDFDocument (pdfmake/js/PDFDocument.js). */
interface PdfmakeDocument {
  fontCache: Record<string, Partial<Record<string, EmbeddedFont>> | undefined>;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(familyName: string, bold: boolean, italics: boolean): EmbeddedFont;
}

interface SharedFont {
  font: EmbeddedFont['font'];
  layoutCache: Record<string, unknown>;
}

/** Words shaped and kept per font style; past this the cache starts over (memory stays bounded). */
const LAYOUT_CACHE_WORDS = 20_000;
const shared = new Map<string, SharedFont>();

const documentClass = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfmakeDocument } }).default;
const provideFont = documentClass.prototype.provideFont;
documentClass.prototype.provideFont = function (this: PdfmakeDocument, familyName: string, bold: boolean, italics: boolean): EmbeddedFont {
  const key = `${familyName}\u0000${this.getFontType(bold, italics)}`;
  const opened = this.fontCache[familyName]?.[this.getFontType(bold, italics)] !== undefined;
  const embedded = provideFont.call(this, familyName, bold, italics);
  if (opened) return embedded;
  const first = shared.get(key);
  if (!first) {
    shared.set(key, { font: embedded.font, layoutCache: embedded.layoutCache ?? Object.create(null) });
  } else {
    embedded.font = first.font;
    embedded.subset = first.font.createSubset();
    if (embedded.layoutCache) embedded.layoutCache = first.layoutCache;
  }
  return embedded;
};

/** Called between documents: a cache that grew past its bound is dropped (the parsed fonts stay). */
function trimLayoutCaches(): void {
  for (const font of shared.values()) {
    let words = 0;
    for (const _word in font.layoutCache) if (++words > LAYOUT_CACHE_WORDS) break;
    if (words > LAYOUT_CACHE_WORDS) font.layoutCache = Object.create(null);
  }
}

/** Node side of src/pdf/render.ts: the same renderer; fonts read once from the npm package and parsed once. */
export async function renderPdfNode(doc: DocDefinition, onProgress?: (progress: number) => void): Promise<Uint8Array> {
  try {
    return await renderPdf(engine, doc, loadFonts(), onProgress);
  } finally {
    trimLayoutCaches();
  }
}

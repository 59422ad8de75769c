/** Page geometry and type of the official layout (Nghị định 30/2020, Phụ lục I). Units: points. */
export const MM = 72 / 25.4;
export const PAGE_WIDTH = 210 * MM;
export const PAGE_HEIGHT = 297 * MM;
export const MARGIN_LEFT = 30 * MM;
export const MARGIN_RIGHT = 15 * MM;
export const MARGIN_TOP = 20 * MM;
export const MARGIN_BOTTOM = 20 * MM;
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

export const FONT_FAMILY = 'NotoSerif';
export const BODY_SIZE = 13;
export const TABLE_SIZE = 11;

/** Text longer than this in one row keeps the table from holding rows together across pages. */
export const UNBREAKABLE_ROW_CHARS = 1200;
/**
 * Rows held together, and the header kept with the first row, only when every row is short: pdfmake
 * drops a row taller than a page when either is set, and a 5,000-word cell must break, not vanish.
 */
export function rowBreaking(short: boolean): { dontBreakRows: boolean; keepWithHeaderRows?: number } {
  return short ? { dontBreakRows: true, keepWithHeaderRows: 1 } : { dontBreakRows: false };
}

/** Words longer than this (URLs, pasted codes) may break anywhere so they never run off the page. */
export const LONG_WORD_CHARS = 24;

export const STYLES = {
  sectionTitle: { fontSize: BODY_SIZE, bold: true, margin: [0, 14, 0, 6] },
  subTitle: { fontSize: BODY_SIZE, bold: true, margin: [0, 10, 0, 4] },
  monthTitle: { fontSize: BODY_SIZE, bold: true, italics: true, margin: [0, 10, 0, 4] },
  table: { fontSize: TABLE_SIZE, margin: [0, 2, 0, 6] },
  tableHeader: { bold: true, alignment: 'center' },
  label: { bold: true },
  note: { italics: true },
  sheetTitle: { fontSize: BODY_SIZE, bold: true, alignment: 'center', margin: [0, 16, 0, 6] },
} as const;

/**
 * The subset of pdfmake's document definition the logbook uses. pdfmake 0.3 ships no types; these
 * are loose on purpose (pdfmake validates at render time) but keep our builders from typos at the top.
 */
export type Content = string | ContentNode | Content[];
export interface ContentNode {
  readonly [key: string]: unknown;
}

export interface TableCell extends ContentNode {
  readonly text?: unknown;
}

export interface DocDefinition {
  readonly pageSize: 'A4';
  readonly pageOrientation: 'portrait';
  /** [left, top, right, bottom] in points. */
  readonly pageMargins: readonly [number, number, number, number];
  readonly header: (currentPage: number, pageCount: number) => Content | null;
  readonly content: Content[];
  readonly defaultStyle: ContentNode;
  readonly styles: Readonly<Record<string, ContentNode>>;
  readonly info: Readonly<Record<string, string>>;
  readonly language: string;
}

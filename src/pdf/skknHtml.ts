import { decodeEntities } from '../domain/richTextBlocks.ts';

/**
 * A section's rich text (the editor's HTML) as a small document tree the exporters (docx, PDF) walk.
 * Pure string parsing so it runs in the browser, in Node tests and in the bench alike. Anything the
 * editor cannot write is read as its text (unknown tags are unwrapped, never dropped with their words).
 */

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  /** A footnote-style reference marker: the id of a "Tài liệu tham khảo" entry. */
  refId?: string;
  /** A line break inside a paragraph. */
  break?: boolean;
}

export type Block =
  | { type: 'heading'; level: number; inlines: Inline[] }
  | { type: 'paragraph'; inlines: Inline[] }
  | { type: 'list'; ordered: boolean; items: Block[][] }
  | { type: 'table'; rows: Array<{ cells: Array<{ header: boolean; blocks: Block[] }> }> }
  | { type: 'quote'; blocks: Block[] };

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'col', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'area', 'base', 'source', 'track', 'embed']);
/** Elements whose content is never text of the document. */
const SKIPPED = new Set(['style', 'script', 'head', 'title', 'colgroup']);
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>|([^<]+)|</g;
const ATTR = /([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g;

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m; m = ATTR.exec(raw)) attrs[m[1]!.toLowerCase()] = decodeEntities(m[3] ?? m[4] ?? m[5] ?? '');
  return attrs;
}

export function parseTree(html: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const [whole, closing, rawName, rawAttrs, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) top.children.push(decodeEntities(text));
    else if (whole === '<') top.children.push('<');
    else if (rawName === undefined) continue; // a comment
    else {
      const name = rawName.toLowerCase();
      if (closing) {
        const at = stack.map((e) => e.name).lastIndexOf(name);
        if (at > 0) stack.length = at;
      } else {
        const element: Element = { name, attrs: parseAttrs(rawAttrs ?? ''), children: [] };
        top.children.push(element);
        if (!VOID.has(name) && !selfClosing) stack.push(element);
      }
    }
  }
  return root;
}

type Marks = Omit<Inline, 'text' | 'break'>;

function inlinesOf(nodes: readonly Node[], marks: Marks, out: Inline[]): Inline[] {
  for (const node of nodes) {
    if (typeof node === 'string') {
      const text = node.replace(/[\r\n\t]+/g, ' ');
      if (text) out.push({ ...marks, text });
      continue;
    }
    if (SKIPPED.has(node.name)) continue;
    if (node.name === 'br') {
      out.push({ text: '', break: true });
      continue;
    }
    const next: Marks = { ...marks };
    if (node.name === 'strong' || node.name === 'b') next.bold = true;
    if (node.name === 'em' || node.name === 'i') next.italic = true;
    if (node.name === 'u') next.underline = true;
    if (node.name === 's' || node.name === 'strike' || node.name === 'del') next.strike = true;
    if (node.name === 'code') next.code = true;
    if (node.attrs['data-ref']) next.refId = node.attrs['data-ref'];
    inlinesOf(node.children, next, out);
  }
  return out;
}

/** Merges neighbouring runs with the same marks and trims the paragraph's ends. */
function tidy(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    const same = last && !last.break && !inline.break && !last.refId && !inline.refId && ['bold', 'italic', 'underline', 'strike', 'code'].every((k) => last[k as keyof Marks] === inline[k as keyof Marks]);
    if (same) last.text = (last.text + inline.text).replace(/ {2,}/g, ' ');
    else out.push({ ...inline, text: inline.text.replace(/ {2,}/g, ' ') });
  }
  if (out[0]) out[0].text = out[0].text.trimStart();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out.filter((inline) => inline.break || inline.refId || inline.text !== '');
}

const BLOCK_NAMES = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'div', 'li', 'pre', 'section', 'article', 'tbody', 'thead', 'tr']);

function hasBlockChild(element: Element): boolean {
  return element.children.some((child) => typeof child !== 'string' && (BLOCK_NAMES.has(child.name) || hasBlockChild(child)));
}

function blocksOf(nodes: readonly Node[]): Block[] {
  const blocks: Block[] = [];
  let loose: Node[] = [];
  const flushLoose = () => {
    const inlines = tidy(inlinesOf(loose, {}, []));
    if (inlines.some((i) => i.text.trim() !== '' || i.refId)) blocks.push({ type: 'paragraph', inlines });
    loose = [];
  };
  for (const node of nodes) {
    if (typeof node === 'string' || (!BLOCK_NAMES.has(node.name) && !hasBlockChild(node))) {
      if (typeof node !== 'string' && SKIPPED.has(node.name)) continue;
      loose.push(node);
      continue;
    }
    flushLoose();
    const heading = /^h([1-6])$/.exec(node.name);
    if (heading) blocks.push({ type: 'heading', level: Number(heading[1]), inlines: tidy(inlinesOf(node.children, {}, [])) });
    else if (node.name === 'p' || node.name === 'pre') {
      if (hasBlockChild(node)) blocks.push(...blocksOf(node.children));
      else blocks.push({ type: 'paragraph', inlines: tidy(inlinesOf(node.children, {}, [])) });
    } else if (node.name === 'ul' || node.name === 'ol') {
      const items = node.children.filter((c): c is Element => typeof c !== 'string' && c.name === 'li').map((li) => blocksOf(li.children));
      blocks.push({ type: 'list', ordered: node.name === 'ol', items });
    } else if (node.name === 'table') blocks.push(tableOf(node));
    else if (node.name === 'blockquote') blocks.push({ type: 'quote', blocks: blocksOf(node.children) });
    else blocks.push(...blocksOf(node.children)); // div, li outside a list, section…: their content
  }
  flushLoose();
  return blocks;
}

function rowsOf(element: Element): Element[] {
  return element.children.flatMap((child) => (typeof child === 'string' ? [] : child.name === 'tr' ? [child] : ['tbody', 'thead', 'tfoot'].includes(child.name) ? rowsOf(child) : []));
}

function tableOf(table: Element): Block {
  const rows = rowsOf(table).map((tr) => ({
    cells: tr.children
      .filter((c): c is Element => typeof c !== 'string' && (c.name === 'td' || c.name === 'th'))
      .map((cell) => ({ header: cell.name === 'th', blocks: blocksOf(cell.children) })),
  }));
  return { type: 'table', rows: rows.filter((row) => row.cells.length > 0) };
}

export function parseRichText(html: string): Block[] {
  return blocksOf(parseTree(html).children);
}

/** The plain text of inlines, reference markers shown as "[n]" by `number`. */
export function inlineText(inlines: readonly Inline[], number: (refId: string) => number = () => 0): string {
  return inlines.map((i) => (i.break ? '\n' : i.refId ? `[${number(i.refId) || '?'}]` : i.text)).join('');
}

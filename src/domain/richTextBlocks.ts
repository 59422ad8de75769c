/**
 * Pure helpers over a section's rich text, the HTML the editor produces: a sequence of top-level
 * blocks (<p>, <h2>, <ul>, <ol>, <table>, <blockquote>…). Used by the paragraph-level merge of sync
 * (src/sync/merge.ts), the word count and the revision diff; no DOM, so the server runs them too.
 */

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/**
 * Splits HTML into its top-level blocks, each a complete element (or a run of loose text). Joining the
 * blocks gives the input back exactly, whatever it is (unbalanced tags close at the end).
 */
export function splitBlocks(html: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const [whole, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    const end = match.index + whole.length;
    if (depth === 0 && match.index > start && html.slice(start, match.index).trim() !== '') {
      // Loose text between blocks is a block of its own.
      blocks.push(html.slice(start, match.index));
      start = match.index;
    }
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        blocks.push(html.slice(start, end));
        start = end;
      }
    } else if (VOID_ELEMENTS.has(name) || selfClosing) {
      if (depth === 0) {
        blocks.push(html.slice(start, end));
        start = end;
      }
    } else {
      depth += 1;
    }
  }
  if (start < html.length) blocks.push(html.slice(start));
  return blocks;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities the editor writes (named basics and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const value = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(value) && value <= 0x10ffff ? String.fromCodePoint(value) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const BLOCK_BREAK = /<\/(p|h[1-6]|li|tr|td|th|blockquote|div|pre)>|<br\s*\/?>/gi;

/** The plain text of an HTML fragment: one line per paragraph, heading, list item or table cell. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(BLOCK_BREAK, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Words as a reader counts them: runs of letters or digits (Vietnamese syllables count one each). */
export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu);
  return matches ? matches.length : 0;
}

export function countHtmlWords(html: string): number {
  return countWords(htmlToText(html));
}

/** Blocks as readable lines, for the revision diff: one line per block's text. */
export function blockLines(html: string): string[] {
  return splitBlocks(html).map((block) => htmlToText(block).replace(/\n/g, ' · '));
}

export interface BlockMergeResult {
  /** The merged blocks joined: ours where both sides changed the same blocks. */
  merged: string;
  /** Whether some block range was changed differently on both sides (theirs was not taken there). */
  conflict: boolean;
}

/** Index pairs of a longest common subsequence of two block lists (common ends trimmed first). */
function matchPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    pairs.push([head, head]);
    head += 1;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  if (aMid.length > 0 && bMid.length > 0) {
    const n = aMid.length;
    const m = bMid.length;
    // lengths[i][j] = LCS of aMid[i..] and bMid[j..], in one flat array.
    const lengths = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * (m + 1) + j] =
          aMid[i] === bMid[j] ? lengths[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (aMid[i] === bMid[j]) {
        pairs.push([head + i, head + j]);
        i += 1;
        j += 1;
      } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) i += 1;
      else j += 1;
    }
  }
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

/** A change of one side against the base: base blocks [start, end) replaced by `blocks`. */
interface Hunk {
  start: number;
  end: number;
  blocks: string[];
  side: 'ours' | 'theirs';
}

function hunksOf(base: readonly string[], side: readonly string[], name: Hunk['side']): Hunk[] {
  const hunks: Hunk[] = [];
  let b = 0;
  let x = 0;
  for (const [bi, xi] of [...matchPairs(base, side), [base.length, side.length] as [number, number]]) {
    if (bi - b > 1 && bi - b === xi - x) {
      // Neighbouring paragraphs each rewritten: one hunk per paragraph, so that the other side's edit to
      // one of them conflicts only there.
      for (let k = 0; k < bi - b; k++) hunks.push({ start: b + k, end: b + k + 1, blocks: [side[x + k]!], side: name });
    } else if (bi > b || xi > x) hunks.push({ start: b, end: bi, blocks: side.slice(x, xi), side: name });
    b = bi + 1;
    x = xi + 1;
  }
  return hunks;
}

const sameHunks = (a: readonly Hunk[], b: readonly Hunk[]) =>
  a.length === b.length && a.every((h, k) => h.start === b[k]!.start && h.end === b[k]!.end && h.blocks.join('') === b[k]!.blocks.join(''));

/**
 * Three-way merge of block lists: each side's changes against the base are found as hunks (ranges of
 * base blocks replaced); hunks of the two sides that touch different blocks all apply, even in
 * neighbouring paragraphs. Where they overlap (or both insert at the same place) and differ, ours is
 * kept there and `conflict` is set; theirs is then only complete in the caller's conflict copy.
 */
export function mergeBlocks(base: string, ours: string, theirs: string): BlockMergeResult {
  const b = splitBlocks(base);
  const all = [...hunksOf(b, splitBlocks(ours), 'ours'), ...hunksOf(b, splitBlocks(theirs), 'theirs')].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  let conflict = false;
  let pos = 0;
  let i = 0;
  while (i < all.length) {
    const group = [all[i]!];
    const groupStart = all[i]!.start;
    let groupEnd = all[i]!.end;
    let j = i + 1;
    for (; j < all.length; j++) {
      const h = all[j]!;
      const overlaps = groupEnd > groupStart ? h.start < groupEnd && h.end > groupStart : h.start === groupStart && h.end === groupStart;
      if (!overlaps) break;
      group.push(h);
      groupEnd = Math.max(groupEnd, h.end);
    }
    const oursInGroup = group.filter((h) => h.side === 'ours');
    const theirsInGroup = group.filter((h) => h.side === 'theirs');
    let chosen = oursInGroup;
    if (oursInGroup.length === 0) chosen = theirsInGroup;
    else if (theirsInGroup.length > 0 && !sameHunks(oursInGroup, theirsInGroup)) conflict = true;
    out.push(...b.slice(pos, groupStart));
    let p = groupStart;
    for (const h of chosen) {
      out.push(...b.slice(p, h.start), ...h.blocks);
      p = h.end;
    }
    out.push(...b.slice(p, groupEnd));
    pos = groupEnd;
    i = j;
  }
  out.push(...b.slice(pos));
  return { merged: out.join(''), conflict };
}

/**
 * Both versions in one text, for merging by hand: blocks common to both once, blocks only in ours or
 * only in theirs in their places (ours first where both have something).
 */
export function combineBlocks(ours: string, theirs: string): string {
  const o = splitBlocks(ours);
  const t = splitBlocks(theirs);
  const out: string[] = [];
  let oi = 0;
  let ti = 0;
  for (const [a, b] of [...matchPairs(o, t), [o.length, t.length] as [number, number]]) {
    out.push(...o.slice(oi, a), ...t.slice(ti, b));
    if (a < o.length) out.push(o[a]!);
    oi = a + 1;
    ti = b + 1;
  }
  return out.join('');
}

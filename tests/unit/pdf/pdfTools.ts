import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * poppler-utils (pdftotext, pdffonts, pdftoppm, pdfinfo) and qpdf, which check the PDFs as a reader
 * would. Without them the checks are skipped with a loud banner; with REQUIRE_BROWSER=1 (CI) a
 * missing tool fails the run, as for Chromium in the e2e tests.
 */
const TOOLS = ['pdftotext', 'pdffonts', 'pdftoppm', 'pdfinfo', 'qpdf'] as const;

export const missingTools = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);

export function checkTools(): boolean {
  if (missingTools.length === 0) return true;
  const message = `PDF checks need ${missingTools.join(', ')}: sudo apt-get install -y poppler-utils qpdf`;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(message);
  console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n!! The PDF file checks in tests/unit/pdf did NOT run.\n${'!'.repeat(78)}\n`);
  return false;
}

const dir = mkdtempSync(path.join(tmpdir(), 'sbd-pdf-'));
let counter = 0;

export function writeTemp(bytes: Uint8Array): string {
  const file = path.join(dir, `f${++counter}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** Text of pages `first`..`last` (all by default) in reading order, as NFC. */
export function pdfText(file: string, first?: number, last?: number): string {
  const args = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), '-enc', 'UTF-8', file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).normalize('NFC');
}

/** pdftotext's pages (split on form feed). */
export function pdfPages(file: string): string[] {
  return pdfText(file).split('\f').slice(0, -1);
}

export interface FontRow {
  name: string;
  embedded: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni objectId gen: emb is the 5th column from the end.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** One page as a PNG (grey, `dpi`), read back as bytes. */
export function renderPage(file: string, page: number, dpi = 40): Buffer {
  const prefix = path.join(dir, `p${++counter}`);
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', '-png', file, prefix]);
  const name = readdirSync(dir).find((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.png'));
  if (!name) throw new Error('pdftoppm wrote no image');
  return readFileSync(path.join(dir, name));
}

/**
 * Whitespace-separated tokens of `expected` appear in `text` in order. Table cells come out of
 * pdftotext line by line interleaved with their neighbours, and repeated headers sit between pages.
 */
export function containsInOrder(text: string, expected: string): boolean {
  const tokens = text.split(/\s+/);
  let i = 0;
  for (const want of expected.split(/\s+/).filter(Boolean)) {
    while (i < tokens.length && tokens[i] !== want) i += 1;
    if (i === tokens.length) return false;
    i += 1;
  }
  return true;
}

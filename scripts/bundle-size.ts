// Bytes the first screen (home, "/") downloads before it can show the logbook: JS + CSS, gzip level 9.
//
// Followed from the build output, not guessed: dist/index.html's <script type=module>,
// <link rel=modulepreload> and <link rel=stylesheet>, then dist/.vite/manifest.json from the entry
// (src/app/main.tsx): its static imports, and its own dynamic imports too — main.tsx starts
// import('./Root.tsx') before React renders, and Root holds the router, the database and the home
// screen, so they belong to the first screen. Dynamic imports further down (the other routes,
// workbox-window) load later and are not counted.
//
//   npx tsx scripts/bundle-size.ts [distDir] [--json]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIRST_SCREEN_BUDGET_BYTES = 150 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface FirstScreen {
  /** Loaded by index.html alone (the shell that paints first). */
  htmlFiles: string[];
  files: FileSize[];
  totalBytes: number;
  totalGzip: number;
}

/** Files index.html loads by itself: module scripts, modulepreloads and stylesheets. */
export function filesInHtml(html: string): string[] {
  const files: string[] = [];
  for (const match of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const tag = match[0];
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || /^[a-z]+:/i.test(src)) continue;
    const isModuleScript = match[1] === 'script' && /type="module"/.test(tag);
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (isModuleScript || rel === 'modulepreload' || rel === 'stylesheet') files.push(src.replace(/^\//, ''));
  }
  return files;
}

export function firstScreenBytes(distDir = 'dist'): FirstScreen {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const manifestPath = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build with build.manifest = true (vite.config.ts)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;

  const htmlFiles = filesInHtml(html);
  const files = new Set(htmlFiles);
  const seen = new Set<string>();
  const visit = (key: string, followDynamic: boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep, false);
    if (followDynamic) for (const dep of chunk.dynamicImports ?? []) visit(dep, false);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length === 0) throw new Error('No entry chunk in the Vite manifest');
  for (const key of entries) visit(key, true);

  const list = [...files]
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .sort()
    .map((file) => {
      const bytes = readFileSync(path.join(distDir, file));
      return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  return {
    htmlFiles,
    files: list,
    totalBytes: list.reduce((sum, f) => sum + f.bytes, 0),
    totalGzip: list.reduce((sum, f) => sum + f.gzip, 0),
  };
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const result = firstScreenBytes(dist);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...result, budgetGzip: FIRST_SCREEN_BUDGET_BYTES }, null, 2));
  } else {
    for (const f of result.files) {
      const mark = result.htmlFiles.includes(f.file) ? ' (index.html)' : '';
      console.log(`${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} gzip${mark}`);
    }
    console.log(`${'first screen (JS + CSS)'.padEnd(48)} ${kb(result.totalBytes).padStart(10)} ${kb(result.totalGzip).padStart(10)} gzip  (budget ${kb(FIRST_SCREEN_BUDGET_BYTES)})`);
  }
}

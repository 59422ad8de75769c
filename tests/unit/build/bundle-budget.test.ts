import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_BUDGET_BYTES, filesInHtml, firstScreenBytes, kb, type FirstScreen } from '../../../scripts/bundle-size.ts';
import { ensureE2eBuild } from '../../e2e/build.ts';

// Bytes are deterministic for a given source, so they are asserted; timings never are (see tests/bench).
// Where the bytes go (gzip): react + react-dom ~85 KB, dexie ~34 KB, i18next + react-i18next ~17 KB,
// wouter ~2 KB (react-router 7 took ~30 KB and pushed the first screen over budget), the app itself
// ~8 KB. `npm run size` prints the list.
let dist: string;
let firstScreen: FirstScreen;

beforeAll(() => {
  dist = ensureE2eBuild();
  firstScreen = firstScreenBytes(dist);
}, 240_000);

describe('first screen bundle', () => {
  it(`downloads at most ${kb(FIRST_SCREEN_BUDGET_BYTES)} of JS + CSS (gzip)`, () => {
    const table = firstScreen.files.map((f) => `  ${f.file}: ${kb(f.gzip)}`).join('\n');
    expect(firstScreen.totalGzip, `first screen is ${kb(firstScreen.totalGzip)} gzip:\n${table}`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
  });

  it('counts what main.tsx starts loading at once (Root: router, database, home), not only index.html', () => {
    const counted = firstScreen.files.map((f) => f.file);
    for (const file of firstScreen.htmlFiles) expect(counted).toContain(file);
    expect(counted.some((file) => /assets\/Root-[\w-]+\.js$/.test(file))).toBe(true);
    expect(counted.some((file) => file.endsWith('.css'))).toBe(true);
  });

  it('reads script, modulepreload and stylesheet tags, ignoring icons and external URLs', () => {
    const html = `<script type="module" crossorigin src="/assets/a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/b.js"><link rel="stylesheet" href="/assets/c.css">
      <link rel="icon" href="/favicon.svg"><script src="https://example.com/x.js"></script>`;
    expect(filesInHtml(html)).toEqual(['assets/a.js', 'assets/b.js', 'assets/c.css']);
  });
});

describe('service worker build', () => {
  // Compared without whitespace, so the checks hold for minified and readable output alike.
  const swSource = () => readFileSync(path.join(dist, 'sw.js'), 'utf8').replace(/\s+/g, '');

  it('precaches every JS and CSS file of the build (lazy routes included), the shell and the icons', () => {
    const sw = swSource();
    const assets = readdirSync(path.join(dist, 'assets'));
    expect(assets.length).toBeGreaterThan(5);
    const missing = assets.filter((file) => /\.(js|css)$/.test(file) && !sw.includes(`"assets/${file}"`));
    expect(missing).toEqual([]);
    for (const file of ['index.html', 'manifest.webmanifest', 'favicon.svg', 'pwa-192x192.png', 'pwa-512x512.png', 'apple-touch-icon-180x180.png']) {
      expect(sw).toContain(`"${file}"`);
    }
  });

  it('falls back to index.html for navigations except /api/, and never caches /api at run time', () => {
    const sw = swSource();
    expect(sw).toMatch(/NavigationRoute\([^)]*createHandlerBoundToURL\("\/?index\.html"\)/);
    expect(sw).toContain('denylist:[/^\\/api\\//]');
    expect(sw).not.toMatch(/registerRoute\([^)]*api/);
    // Prompt mode: the worker waits for the page's SKIP_WAITING message instead of taking over.
    expect(sw).toContain('SKIP_WAITING');
    expect(sw).not.toMatch(/self\.skipWaiting\(\)[,;]/);
  });

  it('writes a Vietnamese manifest with any and maskable icons', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8')) as {
      lang: string;
      name: string;
      short_name: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ lang: 'vi', name: 'Sổ Bồi Dưỡng', display: 'standalone', theme_color: '#1f5f8b' });
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    const icon = (size: string, purpose: string) => manifest.icons.some((i) => i.sizes === size && i.purpose === purpose);
    expect([icon('192x192', 'any'), icon('512x512', 'any'), icon('192x192', 'maskable'), icon('512x512', 'maskable')]).toEqual([true, true, true, true]);
    for (const i of manifest.icons) expect(readdirSync(dist)).toContain(i.src);
  });
});

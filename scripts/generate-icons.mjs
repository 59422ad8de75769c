// Draws the app icon (an open logbook in #1f5f8b on white) and writes every size the manifest,
// iOS and the browser tab need into public/. Run: node scripts/generate-icons.mjs (commit the output).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const BLUE = '#1f5f8b';
const out = path.resolve('public');
mkdirSync(out, { recursive: true });

/**
 * The open book, drawn in a 512 × 512 box. `scale` shrinks it around the centre: maskable icons keep
 * everything inside the central 80 % circle (the safe zone), so the book is drawn at 74 % (its corners stay ~175 px from the centre, inside the 205 px circle).
 */
function bookSvg({ scale = 1, rounded = true, background = '#ffffff' } = {}) {
  const t = (1 - scale) * 256;
  const bg = rounded
    ? `<rect width="512" height="512" rx="96" fill="${background}"/>`
    : `<rect width="512" height="512" fill="${background}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  ${bg}
  <g transform="translate(${t} ${t}) scale(${scale})">
    <!-- covers -->
    <path d="M256 150 C 210 112 140 100 72 108 L 72 392 C 140 384 210 396 256 432 C 302 396 372 384 440 392 L 440 108 C 372 100 302 112 256 150 Z" fill="${BLUE}"/>
    <!-- pages -->
    <path d="M246 160 C 206 132 150 124 100 128 L 100 364 C 150 362 206 372 246 398 Z" fill="#ffffff"/>
    <path d="M266 160 C 306 132 362 124 412 128 L 412 364 C 362 362 306 372 266 398 Z" fill="#ffffff"/>
    <!-- written lines -->
    <g stroke="${BLUE}" stroke-width="12" stroke-linecap="round" fill="none">
      <path d="M130 190 C 160 188 190 194 216 206"/>
      <path d="M130 240 C 160 238 190 244 216 256"/>
      <path d="M130 290 C 160 288 190 294 216 306"/>
      <path d="M292 206 C 308 199 324 195 340 192"/>
      <path d="M292 256 C 308 249 324 245 340 242"/>
      <path d="M292 306 C 308 299 324 295 340 292"/>
    </g>
    <!-- bookmark ribbon -->
    <path d="M364 127 L 364 320 L 382 300 L 400 320 L 400 127 Z" fill="#e0a526"/>
  </g>
</svg>`;
}

const anySvg = bookSvg({ scale: 0.92, rounded: true });
const maskableSvg = bookSvg({ scale: 0.74, rounded: false });
const appleSvg = bookSvg({ scale: 0.8, rounded: false });

writeFileSync(path.join(out, 'favicon.svg'), anySvg);

async function png(svg, size, name) {
  await sharp(Buffer.from(svg), { density: 300 }).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(out, name));
  console.log(`public/${name}`);
}

await png(anySvg, 192, 'pwa-192x192.png');
await png(anySvg, 512, 'pwa-512x512.png');
await png(maskableSvg, 192, 'maskable-icon-192x192.png');
await png(maskableSvg, 512, 'maskable-icon-512x512.png');
// iOS draws its own rounded corners and shows transparency as black: a full white square.
await png(appleSvg, 180, 'apple-touch-icon-180x180.png');
console.log('public/favicon.svg');

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export const GOLDEN_DIR = path.resolve(import.meta.dirname, '../../fixtures/pdf');

/**
 * Share of pixels whose grey level differs by more than `level` between a rendering and the
 * committed reference (1 when the sizes differ). UPDATE_GOLDENS=1 rewrites the reference.
 */
export function diffWithGolden(name: string, actual: Buffer, level = 64): number {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDENS === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) throw new Error(`Missing golden image ${file}`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return 0;
  }
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(readFileSync(file));
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > level) differing += 1;
  }
  return differing / (a.width * a.height);
}

import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The PDF threads' code as one ES module, so a new thread skips tsx. Under tsx each thread registers
 * its own loader (a hooks thread of its own on Node 20) and has every TypeScript file of the PDF
 * builder resolved and compiled through it: about 0.6 s of CPU per thread before pdfmake even loads.
 * The bundle (our sources only; packages stay imports) is made once per process by esbuild, the
 * compiler tsx itself uses, and written under node_modules/.cache/so-boi-duong/ so that its imports
 * of pdfmake, zod and the fonts resolve from the project's node_modules as the sources' do. Named by
 * its content, written under a temporary name and renamed, so processes sharing the folder never see
 * a half-written file. Null, and the threads go through tsx as before, when esbuild or the folder is
 * not available.
 */
let bundle: Promise<URL | null> | null = null;
let ready: URL | null = null;

/** Starts making the bundle (once per process); later threads use it once it is ready. */
export function prepareWorkerBundle(): Promise<URL | null> {
  bundle ??= makeBundle().then(
    (url) => (ready = url),
    () => null,
  );
  return bundle;
}

/** The bundle if it is ready now, else null. */
export function workerBundle(): URL | null {
  return ready;
}

async function makeBundle(): Promise<URL | null> {
  // Resolved here, not on import: in a browser-like test environment the module's URL is not a file.
  const entry = fileURLToPath(new URL('./renderWorker.ts', import.meta.url));
  const require = createRequire(import.meta.url);
  const esbuild = (await import(pathToFileURL(require.resolve('esbuild')).href)) as typeof import('esbuild');
  const modules = path.dirname(path.dirname(require.resolve('pdfmake/package.json')));
  if (path.basename(modules) !== 'node_modules') return null;
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const dir = path.join(modules, '.cache', 'so-boi-duong');
  const file = path.join(dir, `renderWorker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, file);
  return pathToFileURL(file);
}

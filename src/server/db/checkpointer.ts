import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode appends every commit to the -wal file; a checkpoint copies those pages back into
 * the database and syncs both files to disk. Left to the connection that commits (SQLite's default),
 * it runs inside a request every ~1,000 pages and stalls the server for as long as the disk takes to
 * sync. The server runs it instead on a thread of its own with its own connection, every
 * `everyMs`; the serving connections only checkpoint themselves as a fallback past
 * FALLBACK_CHECKPOINT_PAGES (connect.ts), should this thread fall behind.
 */

// Plain CommonJS: a worker thread does not get the TypeScript loader the server runs under.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const run = () => {
  try {
    checkpoint.get();
  } catch {
    // Busy or interrupted: the next round copies what this one did not.
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.postMessage('stopped');
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, everyMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  // A failing thread must not take the server down: the serving connections' fallback checkpoints remain.
  worker.on('error', (error) => console.error('SQLite checkpoint thread stopped:', error));
  worker.unref();
  return {
    async stop() {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
        worker.once('message', () => {
          clearTimeout(timer);
          void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage('stop');
      });
    },
  };
}

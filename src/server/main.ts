import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { reportListening, runPrimary, workerCount, workerLink } from './cluster.ts';
import { storeFromEnv } from './config.ts';
import { connect } from './db/connect.ts';
import { migrate } from './db/migrations.ts';

/**
 * `npm start`: the PWA and the API on one port. PORT (8080), HOST (0.0.0.0), DATA_DIR (./data, SQLite
 * in WAL mode) or DATABASE_URL (postgres://…), TRUST_PROXY=1 behind a reverse proxy, WORKERS (by
 * default one process on SQLite, one per CPU core on PostgreSQL) — docs/deploy.md.
 * `--demo` (npm run demo): seeds a demo school (in ./data/demo unless DATA_DIR/DATABASE_URL say
 * otherwise) and prints its logins.
 */
const demo = process.argv.includes('--demo');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const distDir = path.resolve(process.env.DIST_DIR ?? 'dist');
const store = storeFromEnv(process.env, demo ? path.join('data', 'demo') : 'data');

if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`Không thấy bản build của ứng dụng trong ${distDir}. Hãy chạy "npm run build" (npm start tự làm việc này).`);
  process.exit(1);
}

let workers: number;
try {
  workers = cluster.isWorker ? 1 : workerCount(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/** Migrations and the demo school, once, before any request is served. */
async function prepareStore(): Promise<string> {
  const conn = connect(store);
  try {
    await migrate(conn.db);
    if (demo) {
      const [{ seedDemo }, { DEFAULT_SCRYPT_N }] = await Promise.all([import('./demo.ts'), import('./auth/crypto.ts')]);
      const { logins, created } = await seedDemo({ conn, now: Date.now, scryptN: DEFAULT_SCRYPT_N });
      console.log(created ? 'Đã tạo trường demo.' : 'Trường demo đã có sẵn.');
      console.log('Tài khoản demo (tên đăng nhập / mật khẩu):');
      for (const login of logins) console.log(`  ${login.username.padEnd(12)} ${login.password}   — ${login.who}`);
    }
    return conn.describe;
  } finally {
    await conn.close();
  }
}

if (cluster.isPrimary && workers > 1) {
  const describe = await prepareStore();
  const primary = runPrimary({
    workers,
    onListening: () => console.log(`Sổ Bồi Dưỡng đang chạy tại http://localhost:${port} (${describe}, ${workers} tiến trình)`),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void primary.stop().then(() => process.exit(process.exitCode ?? 0));
    });
  }
} else {
  // Loaded here, not at the top: the primary of several workers serves nothing and stays small.
  const { buildServer } = await import('./app.ts');
  const link = cluster.isWorker ? workerLink() : undefined;
  if (!link) await prepareStore();
  const conn = connect(store);
  const app = await buildServer({
    distDir,
    store: conn,
    logger: process.env.LOG === '1' ? true : 'warn',
    trustProxy: process.env.TRUST_PROXY === '1',
    // One worker purges old tombstones and checkpoints SQLite's WAL for all of them.
    purgeTombstones: !link || link.index === 0,
    checkpoints: !link || link.index === 0,
    ...(link ? { cluster: link } : {}),
  });
  app.addHook('onClose', async () => conn.close());
  await app.listen({ port, host });
  if (link) reportListening(`http://localhost:${port}`);
  else console.log(`Sổ Bồi Dưỡng đang chạy tại http://localhost:${port} (${conn.describe})`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from './app.ts';
import { storeFromEnv } from './config.ts';
import { connect } from './db/connect.ts';
import { seedDemo } from './demo.ts';

/**
 * `npm start`: the PWA and the API on one port. PORT (8080), HOST (0.0.0.0), DATA_DIR (./data, SQLite
 * in WAL mode) or DATABASE_URL (postgres://…), TRUST_PROXY=1 behind a reverse proxy.
 * `--demo` (npm run demo): seeds a demo school (in ./data/demo unless DATA_DIR/DATABASE_URL say
 * otherwise) and prints its logins.
 */
const demo = process.argv.includes('--demo');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const distDir = path.resolve(process.env.DIST_DIR ?? 'dist');

if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`Không thấy bản build của ứng dụng trong ${distDir}. Hãy chạy "npm run build" (npm start tự làm việc này).`);
  process.exit(1);
}

const conn = connect(storeFromEnv(process.env, demo ? path.join('data', 'demo') : 'data'));
const app = await buildServer({ distDir, store: conn, logger: process.env.LOG === '1' ? true : 'warn', trustProxy: process.env.TRUST_PROXY === '1' });
app.addHook('onClose', async () => conn.close());

if (demo) {
  const { logins, created } = await seedDemo(app.sbd.ctx);
  console.log(created ? 'Đã tạo trường demo.' : 'Trường demo đã có sẵn.');
  console.log('Tài khoản demo (tên đăng nhập / mật khẩu):');
  for (const login of logins) console.log(`  ${login.username.padEnd(12)} ${login.password}   — ${login.who}`);
}

await app.listen({ port, host });
console.log(`Sổ Bồi Dưỡng đang chạy tại http://localhost:${port} (${conn.describe})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from './app.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const distDir = path.resolve(process.env.DIST_DIR ?? 'dist');

if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`Không thấy bản build của ứng dụng trong ${distDir}. Hãy chạy "npm run build" (npm start tự làm việc này).`);
  process.exit(1);
}

const app = await buildServer({ distDir });
await app.listen({ port, host });
console.log(`Sổ Bồi Dưỡng đang chạy tại http://localhost:${port}`);

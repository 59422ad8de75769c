import path from 'node:path';
import type { ConnectOptions } from './db/connect.ts';

/** Store settings from the environment: DATABASE_URL (postgres://…) or DATA_DIR (SQLite, default ./data). */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env, fallbackDataDir = 'data'): ConnectOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: path.resolve(env.DATA_DIR ?? fallbackDataDir) };
}

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Database, Db } from './schema.ts';

// bigint columns hold epoch milliseconds and revisions: well inside Number's safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type StoreKind = 'sqlite' | 'postgres';

export interface Connection {
  kind: StoreKind;
  db: Db;
  /** A short description for logs (never contains a password). */
  describe: string;
  /** The better-sqlite3 handle, for online backups. */
  sqlite?: BetterSqlite3.Database;
  /**
   * Runs `fn` in a write transaction. SQLite: BEGIN IMMEDIATE (writers are serialised from the
   * start, so a read-then-write never fails with SQLITE_BUSY). PostgreSQL: READ COMMITTED plus
   * explicit row locks (SELECT … FOR UPDATE) taken by the caller.
   */
  writeTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** Folder of the SQLite file (created when missing). */
  dataDir?: string;
  /** Explicit SQLite file (':memory:' for tests). */
  sqliteFile?: string;
}

export function connect(options: ConnectOptions): Connection {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return connectPostgres(url);
  const file = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'so-boi-duong.sqlite');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return connectSqlite(file);
}

function connectSqlite(file: string): Connection {
  const handle = new BetterSqlite3(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    kind: 'sqlite',
    db,
    describe: `SQLite ${file}`,
    sqlite: handle,
    async writeTransaction(fn) {
      // Kysely's SQLite driver hands out one connection at a time, so this also serialises writers
      // inside the process; BEGIN IMMEDIATE serialises against other processes (the admin CLI).
      return db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw error;
        }
      });
    },
    async close() {
      await db.destroy();
    },
  };
}

function connectPostgres(url: string): Connection {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    kind: 'postgres',
    db,
    describe: `PostgreSQL ${safe}`,
    async writeTransaction(fn) {
      return db.transaction().execute((trx) => fn(trx));
    },
    async close() {
      await db.destroy();
    },
  };
}

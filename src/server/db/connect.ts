import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { kyselyRunner, sqliteRunner, type QueryRunner } from './prepared.ts';
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
  /** SQLite: the database file (absent for ':memory:'). */
  sqliteFile?: string;
  /**
   * SQLite file stores only: a handle for a small synchronous read that must see committed data
   * only — the serving handle when no write transaction is open on it (its page cache is warm),
   * otherwise a second, read-only handle (opened on first use).
   */
  sqliteReader?: () => BetterSqlite3.Database;
  /**
   * SQLite only: a number that changes whenever another connection (the admin CLI, a backup
   * restore) commits to the file — in-memory caches drop what they hold when it moves.
   */
  dataVersion?: () => number;
  /**
   * How many writes this process has sent through Kysely's query builders (not the compiled queries
   * of db/prepared.ts, whose callers keep their caches up to date themselves): a cache of store facts
   * cannot tell what such a write changed, so it forgets everything when this moves.
   */
  writes: () => number;
  /** Runs queries compiled once (src/server/db/prepared.ts) outside any transaction. */
  query: QueryRunner;
  /**
   * Runs `fn` in a write transaction; `run` runs compiled queries inside it. SQLite: BEGIN IMMEDIATE
   * (writers are serialised from the start, so a read-then-write never fails with SQLITE_BUSY).
   * PostgreSQL: READ COMMITTED plus explicit row locks (SELECT … FOR UPDATE) taken by the caller.
   */
  writeTransaction<T>(fn: (trx: Db, run: QueryRunner) => Promise<T>): Promise<T>;
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

/**
 * Counts the write statements run through Kysely (raw SQL counts unless it reads): once when the
 * statement is built and again when its result arrives, so a value read in between is not trusted.
 */
class WriteWatch implements KyselyPlugin {
  count = 0;
  private readonly inFlight = new WeakSet<object>();
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind === 'SelectQueryNode') return node;
    if (node.kind === 'RawNode' && /^\s*(select|with|pragma|explain)\b/i.test(node.sqlFragments[0] ?? '')) return node;
    this.count += 1;
    this.inFlight.add(queryId);
    return node;
  }
  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.inFlight.delete(queryId)) this.count += 1;
    return result;
  }
}

export const FALLBACK_CHECKPOINT_PAGES = 10_000;

/** Statements kept prepared per SQL text: Kysely prepares every query it runs, and preparing costs more than running the small ones. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * The handle Kysely's SQLite driver sees: prepare() answers from a cache of statements by SQL text
 * (queries are built with placeholders, so the texts are few). A statement still busy (an open
 * iterator) is not shared: a fresh one is prepared.
 */
function cachingHandle(handle: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string): BetterSqlite3.Statement {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = handle.prepare(text);
      if (!cached) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

function connectSqlite(file: string): Connection {
  const handle = new BetterSqlite3(file);
  // WAL: readers never wait for the writer; NORMAL: a commit is durable at the next checkpoint,
  // never corrupt (a power cut may lose the last moments, which clients then push again).
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // 64 MiB page cache and 256 MiB memory-mapped reads: the hot pages of a school's store (scope
  // rows, the (scope_id, rev) index) stay in memory; temp b-trees (ORDER BY) in memory too.
  handle.pragma(`cache_size = -${Number(process.env.SQLITE_CACHE_MB ?? 64) * 1024}`);
  handle.pragma(`mmap_size = ${Number(process.env.SQLITE_MMAP_MB ?? 256) * 1024 * 1024}`);
  handle.pragma('temp_store = MEMORY');
  // Checkpoints run on a thread of the server (checkpointer.ts); this connection only checkpoints
  // itself when the WAL grows past this many pages (40 MB) without one.
  handle.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  const dataVersion = handle.prepare('pragma data_version').pluck();
  const watch = new WriteWatch();
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingHandle(handle) }), plugins: [watch] });
  // Straight on the handle, not through Kysely: they are not writes a cache should forget anything for.
  const begin = handle.prepare('begin immediate');
  const commit = handle.prepare('commit');
  const rollback = handle.prepare('rollback');
  // While a write transaction is open on the one handle, compiled queries from outside it wait for
  // its end (Kysely's own queries wait on its connection lock the same way).
  let open: Promise<void> | undefined;
  const inTransaction = sqliteRunner(handle, db, () => undefined);
  let reader: BetterSqlite3.Database | undefined;
  const committedReader = () => {
    if (!open) return handle;
    if (!reader) {
      reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
    }
    return reader;
  };
  return {
    kind: 'sqlite',
    db,
    describe: `SQLite ${file}`,
    sqlite: handle,
    dataVersion: () => dataVersion.get() as number,
    writes: () => watch.count,
    ...(file === ':memory:' ? {} : { sqliteReader: committedReader, sqliteFile: path.resolve(file) }),
    query: sqliteRunner(handle, db, () => open),
    async writeTransaction(fn) {
      // Kysely's SQLite driver hands out one connection at a time, so this also serialises writers
      // inside the process; BEGIN IMMEDIATE serialises against other processes (the admin CLI, the
      // other workers).
      return db.connection().execute(async (conn) => {
        let release!: () => void;
        open = new Promise((resolve) => (release = resolve));
        try {
          begin.run();
          try {
            const result = await fn(conn, inTransaction);
            commit.run();
            return result;
          } catch (error) {
            // SQLite may already have rolled back (SQLITE_FULL, an interrupted statement…).
            if (handle.inTransaction) rollback.run();
            throw error;
          }
        } finally {
          open = undefined;
          release();
        }
      });
    },
    async close() {
      // Keeps the query planner's statistics fresh for the next start (cheap: only tables that changed).
      if (handle.open && !handle.readonly) handle.pragma('optimize');
      reader?.close();
      await db.destroy();
    },
  };
}

function connectPostgres(url: string): Connection {
  // A request holds a connection only for its queries; more connections than the database's cores
  // (PostgreSQL beside us on a small server) only queue inside PostgreSQL. Default 2 × cores + 1.
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.PG_POOL_MAX ?? 2 * availableParallelism() + 1),
    idleTimeoutMillis: 30_000,
  });
  const watch = new WriteWatch();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [watch] });
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    kind: 'postgres',
    db,
    describe: `PostgreSQL ${safe}`,
    writes: () => watch.count,
    query: kyselyRunner(db, db, 'postgres'),
    async writeTransaction(fn) {
      return db.transaction().execute((trx) => fn(trx, kyselyRunner(trx, db, 'postgres')));
    },
    async close() {
      await db.destroy();
    },
  };
}

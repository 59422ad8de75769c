import fastifyStatic from '@fastify/static';
import type { Statement } from 'better-sqlite3';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCRYPT_N } from './auth/crypto.ts';
import { FailureLimiter, LOGIN_LIMITS, localLoginGuard, type LoginGuard } from './auth/rateLimit.ts';
import { TtlCache } from './auth/ttlCache.ts';
import type { ClusterLink } from './cluster.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { connect, type Connection, type ConnectOptions } from './db/connect.ts';
import { defineQuery, type QueryDef } from './db/prepared.ts';
import { migrate } from './db/migrations.ts';
import { ApiError, invalid, MESSAGES } from './errors.ts';
import { preparePdfThreads } from './pdf/renderPool.ts';
import { registerApi } from './routes.ts';
import { registerSecurity } from './security.ts';
import { forgetAccounts, type StoreContext } from './store/context.ts';
import { OverviewCache } from './store/overviewCache.ts';
import { forgetScopes } from './store/scopeStates.ts';
import { purgeTombstones } from './store/sync.ts';
import { MAX_BODY_BYTES } from '../sync/protocol.ts';

export interface ServerOptions {
  /** Folder of the built PWA (vite build output). */
  distDir: string;
  /** true: every request logged (info); 'warn': problems only; false/absent: nothing. */
  logger?: boolean | 'warn';
  /**
   * The store: an open connection (the caller closes it), or where to open one (closed with the
   * server). Default: an in-memory SQLite store, for tests that only need the pages.
   */
  store?: Connection | ConnectOptions;
  /** Clock in epoch ms (tests move it). */
  now?: () => number;
  /** scrypt cost for new password hashes (tests use a small one). */
  scryptN?: number;
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Purge old tombstones at start and daily (default true). */
  purgeTombstones?: boolean;
  /**
   * SQLite file stores: run WAL checkpoints on a thread of their own instead of inside requests
   * (default true; with several workers, one of them).
   */
  checkpoints?: boolean;
  /** Set in a worker of several (WORKERS, src/server/cluster.ts): login limits and cache notices go through the primary. */
  cluster?: ClusterLink;
}

export interface ServerState {
  ctx: StoreContext;
  /** Failed logins per IP and per account: this process's own, or the cluster primary's. */
  loginGuard: LoginGuard;
  /** The link to the other workers, when there are several. */
  cluster?: ClusterLink;
}

declare module 'fastify' {
  interface FastifyInstance {
    sbd: ServerState;
  }
}

function isConnection(store: Connection | ConnectOptions): store is Connection {
  return 'writeTransaction' in store;
}

/** One port for the PWA and /api (architecture.md, Server). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: options.logger === 'warn' ? 'warn' : 'info', redact: ['req.headers.authorization'] } : false,
    // Per-request log lines are info: with the logger at warn they would be built and dropped.
    logController: new LogController({ disableRequestLogging: options.logger !== true }),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
  });

  const store = options.store ?? { sqliteFile: ':memory:' };
  const conn = isConnection(store) ? store : connect(store);
  if (!isConnection(store)) app.addHook('onClose', async () => conn.close());
  await migrate(conn.db);

  const now = options.now ?? Date.now;
  const minute = 60_000;
  const link = options.cluster;
  const ctx: StoreContext = { conn, now, scryptN: options.scryptN ?? DEFAULT_SCRYPT_N, ...memoryCaches(conn), overviews: new OverviewCache() };
  preparePdfThreads();
  app.decorate('sbd', {
    ctx,
    loginGuard: link?.loginGuard ?? localLoginGuard(new FailureLimiter({ ...LOGIN_LIMITS.ip, now }), new FailureLimiter({ ...LOGIN_LIMITS.account, now })),
    ...(link ? { cluster: link } : {}),
  });
  if (link) {
    // What another worker changed: this process forgets it too (its own change was already applied
    // here). On SQLite data_version would also show it; on PostgreSQL nothing else would before the TTL.
    link.onMessage((message) => {
      if (message.type === 'accountsChanged') forgetAccounts(ctx);
      else if (message.type === 'sessionEnded') ctx.sessions?.delete(message.tokenHash);
      else forgetScopes(ctx, message.scopeIds);
    });
    ctx.broadcast = (message) => link.broadcast(message);
  }

  if (options.purgeTombstones ?? true) {
    const purge = () => purgeTombstones(app.sbd.ctx).catch((error: unknown) => app.log.error(error, 'tombstone purge failed'));
    await purge();
    const timer = setInterval(purge, 24 * 60 * minute);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  if (conn.sqliteFile && (options.checkpoints ?? true)) {
    const checkpointer = startCheckpointer(conn.sqliteFile);
    app.addHook('onClose', async () => checkpointer.stop());
  }

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  // Safety net for the caches: any administrative write (users, roles, mentorships, tổ…) clears
  // them, even from a route whose store code forgets to call accountsChanged. With several workers
  // the answer waits until the others have forgotten too, so the change holds on every process from
  // the admin's next request on.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.url.startsWith('/api/admin/')) {
      forgetAccounts(app.sbd.ctx);
      await link?.broadcast({ type: 'accountsChanged' });
    }
    return payload;
  });
  await registerSecurity(app);
  await registerApi(app);

  // Unknown /api routes answer JSON, never the app shell.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'Không có địa chỉ API này.' } });
    }
    if (request.method === 'GET' && existsSync(path.join(options.distDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    }
    return reply.code(404).send({ error: { code: 'not_found', message: MESSAGES.notFound } });
  });

  await app.register(fastifyStatic, {
    root: options.distDir,
    wildcard: false,
    // The service worker and the shell must be revalidated so updates reach teachers.
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (name === 'sw.js' || name === 'index.html' || name.endsWith('.webmanifest') || name.startsWith('workbox-')) {
        res.setHeader('Cache-Control', 'no-cache');
      } else if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });

  return app;
}

/** What a cached session depends on: live, of an active user, and her school's version (users, roles, mentor pairs, settings). */
const sessionPrint = defineQuery<{ tokenHash: string }, { version: number }>('cache.sessionPrint', (db, p) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('schools as sc', 'sc.id', 'u.school_id')
    .select('sc.version')
    .where('s.token_hash', '=', p('tokenHash'))
    .where('s.revoked_at', 'is', null)
    .where('u.active', '=', 1),
);
/** What a user's readable scopes depend on: her school's version (its users, roles, mentor pairs, settings). */
const accessPrint = defineQuery<{ userId: string }, { version: number }>('cache.accessPrint', (db, p) =>
  db.selectFrom('users as u').innerJoin('schools as sc', 'sc.id', 'u.school_id').select('sc.version').where('u.id', '=', p('userId')),
);

/** Session, access and scope-head caches (see src/server/auth/ttlCache.ts for how they stay true to the store). */
function memoryCaches(conn: Connection): Pick<StoreContext, 'sessions' | 'access' | 'scopeStates'> {
  // On SQLite another process's commit (the admin CLI, another worker) is seen at once through
  // data_version; on PostgreSQL it can only be seen when an entry expires, so entries live shorter
  // there (the workers of one server also notify each other: src/server/cluster.ts).
  const watch = () => {
    if (!conn.dataVersion) return undefined;
    let seen = conn.dataVersion();
    return () => {
      const version = conn.dataVersion!();
      if (version === seen) return false;
      seen = version;
      return true;
    };
  };
  // After such a commit an entry is checked with one read of the committed store (never inside a write
  // transaction of this process: Connection.sqliteReader) instead of being dropped — with several
  // workers on one file, commits elsewhere are the rule, not the exception.
  const print = <P>(query: QueryDef<P, { version: number }>, params: (key: string) => P) => {
    const reader = conn.sqliteReader;
    if (!reader) return undefined;
    const compiled = query.on(conn.db, 'sqlite');
    const statements = new Map<object, Statement>();
    return (key: string) => {
      const handle = reader();
      let statement = statements.get(handle);
      if (!statement) statements.set(handle, (statement = handle.prepare(compiled.sql)));
      const row = statement.get(compiled.parameters(params(key))) as { version: number } | undefined;
      return row ? String(row.version) : null;
    };
  };
  const ttlMs = conn.dataVersion ? 5 * 60_000 : 10_000;
  const sessions = print(sessionPrint, (tokenHash) => ({ tokenHash }));
  const access = print(accessPrint, (userId) => ({ userId }));
  // Scope heads also forget everything when this process writes through Kysely (the purge, admin
  // tools, tests): only the push's own writes are accounted for entry by entry.
  const headsMoved = () => {
    const external = watch();
    let writes = conn.writes();
    return () => {
      const moved = external?.() ?? false;
      const now = conn.writes();
      if (now === writes) return moved;
      writes = now;
      return true;
    };
  };
  return {
    sessions: new TtlCache({ ttlMs, maxEntries: 20_000, externalChange: watch(), ...(sessions ? { fingerprint: sessions } : {}) }),
    access: new TtlCache({ ttlMs, maxEntries: 20_000, externalChange: watch(), ...(access ? { fingerprint: access } : {}) }),
    // On PostgreSQL another process's push is only seen when an entry expires: a few seconds.
    scopeStates: { entries: new TtlCache({ ttlMs: conn.dataVersion ? 5 * 60_000 : 3_000, maxEntries: 50_000, externalChange: headsMoved() }), exact: conn.kind === 'sqlite' },
  };
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) {
    if (error.extra.retryAfterSeconds) reply.header('Retry-After', String(error.extra.retryAfterSeconds));
    return reply.code(error.status).send(error.body());
  }
  if (error instanceof z.ZodError) {
    return reply.code(400).send(invalid(error).body());
  }
  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.code(413).send({ error: { code: 'too_large', message: MESSAGES.tooLarge } });
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.code(fastifyError.statusCode).send({ error: { code: 'invalid_request', message: MESSAGES.invalid } });
  }
  request.log.error(error);
  return reply.code(500).send({ error: { code: 'internal', message: MESSAGES.internal } });
}

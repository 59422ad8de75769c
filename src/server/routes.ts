import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  activateRequestSchema,
  createUserRequestSchema,
  loginRequestSchema,
  MAX_CLIENT_SCHEMA_VERSION,
  MIN_CLIENT_SCHEMA_VERSION,
  syncRequestSchema,
  updateUserRequestSchema,
  type SessionResponse,
  type UserInfo,
} from '../sync/protocol.ts';
import { sha256 } from './auth/crypto.ts';
import { schemaVersion } from './db/migrations.ts';
import { ApiError, invalid, MESSAGES } from './errors.ts';
import * as accounts from './store/accounts.ts';
import { SESSION_IDLE_DAYS } from './store/context.ts';
import { readableScopes, sync } from './store/sync.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerLeaderRoutes } from './routes/leaders.ts';
import { registerPdfRoutes } from './routes/pdf.ts';

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** The admin and address an admin action is recorded with in the audit log. */
function auditBy(user: UserInfo, request: FastifyRequest): accounts.AuditBy {
  return { actor: { id: user.id, name: user.fullName }, ip: request.ip };
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1] ?? null;
}

export async function registerApi(app: FastifyInstance): Promise<void> {
  const { ctx, loginGuard } = app.sbd;

  async function requireUser(request: FastifyRequest): Promise<UserInfo> {
    const token = bearer(request);
    const user = token ? await accounts.authenticate(ctx, token) : null;
    if (!user) throw new ApiError('unauthorized', MESSAGES.unauthorized);
    return user;
  }

  async function requireAdmin(request: FastifyRequest): Promise<UserInfo> {
    const user = await requireUser(request);
    if (!user.roles.some((r) => r.role === 'admin')) throw new ApiError('forbidden', MESSAGES.forbidden);
    return user;
  }

  /** Throws 429 while the IP or the account is locked out. */
  async function checkLimits(ip: string, username: string): Promise<void> {
    const wait = await loginGuard.retryAfter(ip, username);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new ApiError('rate_limited', MESSAGES.rateLimited(minutes), { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
  }

  async function session(userId: string, audit?: { action: 'login' | 'activate'; ip: string }): Promise<SessionResponse> {
    const token = await accounts.createSession(ctx, userId, audit);
    const user = await accounts.getUser(ctx, userId);
    return { token, idleDays: SESSION_IDLE_DAYS, user: user! };
  }

  app.get('/api/health', async (_request, reply) => {
    const store = ctx.conn.kind;
    try {
      await sql`select 1`.execute(ctx.conn.db);
      const version = await schemaVersion(ctx.conn.db);
      return {
        ok: true,
        store,
        schemaVersion: version,
        database: 'ok',
        minClientSchemaVersion: MIN_CLIENT_SCHEMA_VERSION,
        maxClientSchemaVersion: MAX_CLIENT_SCHEMA_VERSION,
      };
    } catch {
      return reply.code(503).send({ ok: false, store, database: 'error', error: { code: 'internal', message: 'Cơ sở dữ liệu không trả lời.' } });
    }
  });

  app.post('/api/auth/login', async (request) => {
    const body = parse(loginRequestSchema, request.body);
    await checkLimits(request.ip, body.username);
    const check = await accounts.checkPassword(ctx, body.username, body.password);
    if (!check.ok) {
      await accounts.auditFailedLogin(ctx, body.username, check.reason === 'disabled' ? 'disabled' : 'password', request.ip);
      if (check.reason === 'disabled') throw new ApiError('account_disabled', MESSAGES.disabled);
      await loginGuard.failed(request.ip, body.username);
      throw new ApiError('unauthorized', MESSAGES.badLogin);
    }
    await loginGuard.succeeded(body.username);
    return session(check.userId, { action: 'login', ip: request.ip });
  });

  app.post('/api/auth/activate', async (request) => {
    const body = parse(activateRequestSchema, request.body);
    await checkLimits(request.ip, body.username);
    const check = await accounts.activate(ctx, body.username, body.code, body.password);
    if (!check.ok) {
      await accounts.auditFailedLogin(ctx, body.username, check.reason === 'disabled' ? 'disabled' : 'activation', request.ip);
      if (check.reason === 'disabled') throw new ApiError('account_disabled', MESSAGES.disabled);
      await loginGuard.failed(request.ip, body.username);
      throw new ApiError('unauthorized', MESSAGES.badActivation);
    }
    await loginGuard.succeeded(body.username);
    return session(check.userId, { action: 'activate', ip: request.ip });
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = bearer(request);
    if (token) {
      await accounts.logout(ctx, token);
      // The session ends on every worker before the answer (src/server/cluster.ts).
      await app.sbd.cluster?.broadcast({ type: 'sessionEnded', tokenHash: sha256(token) });
    }
    return reply.code(204).send();
  });

  app.get('/api/me', async (request) => {
    const user = await requireUser(request);
    const scopes = await readableScopes(ctx, user.id);
    return {
      user,
      scopes: scopes.map((s) => ({ scopeId: s.id, ownerId: s.owner_id, ownerName: s.owner_name, access: s.access })),
    };
  });

  app.post('/api/sync', async (request) => {
    const user = await requireUser(request);
    const raw = request.body as { schemaVersion?: unknown } | null;
    const version = typeof raw?.schemaVersion === 'number' ? raw.schemaVersion : null;
    if (version !== null && version < MIN_CLIENT_SCHEMA_VERSION) {
      throw new ApiError('client_too_old', MESSAGES.clientTooOld, { minSchemaVersion: MIN_CLIENT_SCHEMA_VERSION });
    }
    if (version !== null && version > MAX_CLIENT_SCHEMA_VERSION) throw new ApiError('server_too_old', MESSAGES.serverTooOld);
    const body = parse(syncRequestSchema, request.body);
    return sync(ctx, user.id, body);
  });

  // Administration of the admin's own school.
  app.get('/api/admin/users', async (request) => {
    const admin = await requireAdmin(request);
    return { users: await accounts.listUsers(ctx, admin.schoolId) };
  });

  app.post('/api/admin/users', async (request, reply) => {
    const admin = await requireAdmin(request);
    const body = parse(createUserRequestSchema, request.body);
    return reply.code(201).send(await accounts.createUser(ctx, admin.schoolId, body, auditBy(admin, request)));
  });

  app.patch<{ Params: { id: string } }>('/api/admin/users/:id', async (request) => {
    const admin = await requireAdmin(request);
    const body = parse(updateUserRequestSchema, request.body);
    if (request.params.id === admin.id && body.active === false) throw new ApiError('conflict', 'Không thể tự khoá tài khoản của chính mình.');
    return { user: await accounts.updateUser(ctx, admin.schoolId, request.params.id, body, auditBy(admin, request)) };
  });

  app.post<{ Params: { id: string } }>('/api/admin/users/:id/reset', async (request) => {
    const admin = await requireAdmin(request);
    return accounts.resetActivation(ctx, admin.schoolId, request.params.id, auditBy(admin, request));
  });

  app.post<{ Params: { id: string } }>('/api/admin/users/:id/revoke', async (request) => {
    const admin = await requireAdmin(request);
    return { revoked: await accounts.revokeSessions(ctx, admin.schoolId, request.params.id, auditBy(admin, request)) };
  });

  // Mentor pairs, audit log, school settings, inspection and bulk export (src/server/routes/admin.ts, leaders.ts).
  await registerAdminRoutes(app, { requireAdmin, parse, auditBy });
  await registerLeaderRoutes(app, { requireUser, parse, auditBy });
  await registerPdfRoutes(app, { requireUser, parse });
}

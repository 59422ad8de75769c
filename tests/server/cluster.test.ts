import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_N } from '../../src/server/auth/crypto.ts';
import { connect, type Connection } from '../../src/server/db/connect.ts';
import { migrate } from '../../src/server/db/migrations.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { StoreContext } from '../../src/server/store/context.ts';
import { entry, PASSWORD, TEST_DIST } from './harness.ts';
import { storeFactory, STORES, type StoreKind } from './stores.ts';
import { freePort } from '../support/freePort.ts';

/**
 * `npm start` with WORKERS=2: two processes behind one port share the store. What one of them knows in
 * memory must never let the other answer differently: login limits, an ended session, a logbook's
 * newest revision. Connections are spread over the workers in turn, so a fresh connection per request
 * alternates between them, and one kept-alive connection stays with one worker.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const STARTUP_MS = 150_000;

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

/** One request; `agent` false opens a new connection (the next worker), an Agent keeps its connection (the same worker). */
function request(port: number, agent: http.Agent | false, method: string, url: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Answer['body']) : {} }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Running {
  port: number;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DIST_DIR: TEST_DIST, PORT: String(port), HOST: '127.0.0.1', WORKERS: '2', LOG: '0', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    return new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), STARTUP_MS - 10_000);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
    const check = setInterval(() => {
      if (output.includes(`:${port}`)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
  });
  expect(output).toContain('2 tiến trình');
  return { port, child, stop };
}

/** A school with an admin and two teachers, written before the server starts (as the admin CLI would). */
async function seed(conn: Connection): Promise<{ schoolId: string; lanId: string }> {
  await migrate(conn.db);
  const ctx: StoreContext = { conn, now: Date.now, scryptN: DEFAULT_SCRYPT_N };
  const school = await accounts.createSchool(ctx, 'THCS Hai Tiến Trình');
  const ids: Record<string, string> = {};
  for (const [username, roles] of [
    ['admin', [{ role: 'admin' as const }]],
    ['lan', [{ role: 'teacher' as const }]],
    ['mai', [{ role: 'teacher' as const }]],
  ] as const) {
    const created = await accounts.createUser(ctx, school.id, { username, fullName: username, department: '', roles: [...roles] });
    await accounts.setPassword(ctx, created.user.id, PASSWORD);
    ids[username] = created.user.id;
  }
  return { schoolId: school.id, lanId: ids.lan! };
}

describe.each(STORES)('several workers on one port (%s)', (kind: StoreKind) => {
  const postgres = kind === 'postgres' ? storeFactory('postgres') : null;
  let running: Running | null = null;
  let dir: string | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  async function start(): Promise<Running & { lanId: string }> {
    let conn: Connection;
    let env: Record<string, string>;
    if (postgres) {
      conn = await postgres.fresh();
      env = { DATABASE_URL: postgres.databaseUrl() };
    } else {
      dir = mkdtempSync(path.join(tmpdir(), 'sbd-cluster-'));
      conn = connect({ dataDir: dir });
      env = { DATA_DIR: dir };
    }
    const { lanId } = await seed(conn);
    if (!postgres) await conn.close();
    running = await startServer(env);
    return { ...running, lanId };
  }

  const login = async (port: number, username: string, password = PASSWORD) => request(port, false, 'POST', '/api/auth/login', { body: { username, password } });

  it(
    'login limits count failures from every worker: the 6th try on an account is refused whichever process takes it',
    async () => {
      const { port } = await start();
      for (let i = 0; i < 5; i++) expect((await login(port, 'mai', 'sai-mat-khau-roi')).status).toBe(401);
      const locked = await login(port, 'mai');
      expect(locked.status).toBe(429);
      expect(locked.body.error?.message).toMatch(/Thử lại sau \d+ phút/);
      // Another account is not locked, on either worker.
      for (let i = 0; i < 2; i++) expect((await login(port, 'lan')).status).toBe(200);
    },
    STARTUP_MS + 60_000,
  );

  it(
    'a session ended on one worker is refused by every worker from the next request, and an edit pushed on one is pulled on the other',
    async () => {
      const { port, lanId } = await start();
      const lan = (await login(port, 'lan')).body as { token: string; user: { scopeId: string } };
      const admin = (await login(port, 'admin')).body as { token: string };
      // Four kept-alive connections: both workers cache Lan's session and her logbook's head.
      const agents = Array.from({ length: 4 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
      try {
        const cursors: Record<string, number> = {};
        for (const [i, agent] of agents.entries()) {
          const pulled = await request(port, agent, 'POST', '/api/sync', { token: lan.token, body: { clientId: `device-${i}-aaaa`, schemaVersion: 2, mutations: [], cursors: {} } });
          expect(pulled.status).toBe(200);
          cursors[i] = (pulled.body.cursors as Record<string, number>)[lan.user.scopeId] ?? 0;
        }
        // Pushed through one connection, pulled through each of the others: no worker answers from a stale head.
        for (let round = 1; round <= 3; round++) {
          const writer = round % agents.length;
          const id = `e-${round}`;
          const pushed = await request(port, agents[writer]!, 'POST', '/api/sync', {
            token: lan.token,
            body: {
              clientId: `device-${writer}-aaaa`,
              schemaVersion: 2,
              mutations: [{ mutationId: round, scopeId: lan.user.scopeId, table: 'entries', recordId: id, op: 'put', fields: entry(id) }],
              cursors: { [lan.user.scopeId]: cursors[writer]! },
            },
          });
          expect(pushed.status).toBe(200);
          expect((pushed.body.results as Array<{ status: string }>)[0]!.status).toBe('applied');
          for (const [i, agent] of agents.entries()) {
            if (i === writer) continue;
            const pulled = await request(port, agent, 'POST', '/api/sync', {
              token: lan.token,
              body: { clientId: `device-${i}-aaaa`, schemaVersion: 2, mutations: [], cursors: { [lan.user.scopeId]: cursors[i]! } },
            });
            expect(pulled.status).toBe(200);
            expect((pulled.body.changes as Array<{ id: string }>).map((c) => c.id)).toContain(id);
            cursors[i] = (pulled.body.cursors as Record<string, number>)[lan.user.scopeId]!;
          }
        }

        // The admin revokes Lan's sessions through a connection of its own: no worker accepts her token after the answer.
        const revoked = await request(port, false, 'POST', `/api/admin/users/${lanId}/revoke`, { token: admin.token });
        expect(revoked.status).toBe(200);
        for (const agent of agents) expect((await request(port, agent, 'GET', '/api/me', { token: lan.token })).status).toBe(401);

        // Logout on one worker ends the session on the other too.
        const again = (await login(port, 'lan')).body as { token: string };
        for (const agent of agents) expect((await request(port, agent, 'GET', '/api/me', { token: again.token })).status).toBe(200);
        expect((await request(port, agents[0]!, 'POST', '/api/auth/logout', { token: again.token })).status).toBe(204);
        for (const agent of agents) expect((await request(port, agent, 'GET', '/api/me', { token: again.token })).status).toBe(401);
      } finally {
        for (const agent of agents) agent.destroy();
      }
    },
    STARTUP_MS + 60_000,
  );

  it(
    'stops cleanly on SIGTERM: every worker ends with the primary',
    async () => {
      const server = await start();
      expect((await request(server.port, false, 'GET', '/api/health')).status).toBe(200);
      expect(await server.stop()).toBe(0);
      running = null;
      await expect(request(server.port, false, 'GET', '/api/health')).rejects.toThrow();
    },
    STARTUP_MS + 30_000,
  );
});

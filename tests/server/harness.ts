import type { FastifyInstance } from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import type { Connection } from '../../src/server/db/connect.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { SessionResponse, SyncRequest, SyncResponse } from '../../src/sync/protocol.ts';
import type { CreateUserRequest } from '../../src/sync/protocol.ts';
import { storeFactory, type StoreKind } from './stores.ts';

/** A server on a real store with a movable clock and a cheap scrypt cost. */
export interface Harness {
  app: FastifyInstance;
  conn: Connection;
  clock: { now: number; advanceDays(days: number): void; advanceMinutes(minutes: number): void };
  schoolId: string;
  /** Creates, activates and logs in a user of the school; returns her token and info. */
  user(username: string, roles: CreateUserRequest['roles'], extra?: Partial<CreateUserRequest>): Promise<SessionResponse>;
  syncAs(token: string, body: Partial<SyncRequest>): Promise<{ status: number; body: SyncResponse & { error?: { code: string; message: string } } }>;
}

const distDir = mkdtempSync(path.join(tmpdir(), 'sbd-dist-'));
writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Sổ Bồi Dưỡng</title>');
export const TEST_DIST = distDir;
export const PASSWORD = 'mật-khẩu-đủ-dài';

export function harnessFor(kind: StoreKind): () => Promise<Harness> {
  const stores = storeFactory(kind);
  let apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps = [];
  });
  return async () => {
    const conn = await stores.fresh();
    const clock = {
      now: Date.UTC(2024, 8, 5, 8, 0, 0),
      advanceDays(days: number) {
        this.now += days * 86_400_000;
      },
      advanceMinutes(minutes: number) {
        this.now += minutes * 60_000;
      },
    };
    const app = await buildServer({ distDir, store: conn, now: () => clock.now, scryptN: 2 ** 10 });
    apps.push(app);
    const school = await accounts.createSchool(app.sbd.ctx, 'THCS Thử Nghiệm');
    const harness: Harness = {
      app,
      conn,
      clock,
      schoolId: school.id,
      async user(username, roles, extra = {}) {
        const created = await accounts.createUser(app.sbd.ctx, school.id, {
          username,
          fullName: extra.fullName ?? username,
          department: extra.department ?? '',
          roles,
        });
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/activate',
          payload: { username, code: created.activationCode, password: PASSWORD },
        });
        if (response.statusCode !== 200) throw new Error(`activate ${username}: ${response.body}`);
        return response.json<SessionResponse>();
      },
      async syncAs(token, body) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${token}` },
          payload: { clientId: 'device-aaaa', schemaVersion: 2, mutations: [], cursors: {}, ...body },
        });
        return { status: response.statusCode, body: response.json() };
      },
    };
    return harness;
  };
}

export const T = '2024-09-10T08:00:00.000Z';

export function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    schoolYearId: 'y2024',
    date: '2024-09-10',
    content: 'Tự học module GVPT 03',
    form: 'tu-hoc',
    bdtxProgram: null,
    module: null,
    periods: 2,
    source: '',
    result: '',
    evidence: '',
    note: '',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

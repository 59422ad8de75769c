import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LogbookDatabase } from '../../src/app/db/database.ts';
import { deleteEntry, getEntry, saveEntry } from '../../src/app/db/entries.ts';
import { saveReflection } from '../../src/app/db/reflections.ts';
import { NetworkError, ServerApi, ServerError, type FetchLike } from '../../src/app/sync/api.ts';
import { connect, markNeedsLogin, syncOnce } from '../../src/app/sync/engine.ts';
import { getConnection, readMeta } from '../../src/app/sync/state.ts';
import type { EntryInput } from '../../src/domain/records.ts';
import { buildServer } from '../../src/server/app.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { SESSION_IDLE_DAYS } from '../../src/server/store/context.ts';
import type { SessionResponse } from '../../src/sync/protocol.ts';
import { harnessFor, TEST_DIST, type Harness } from '../server/harness.ts';
import { STORES } from '../server/stores.ts';
import { injectFetch, logbook, login, serverRecords, SERVER_URL } from '../unit/app/sync/helpers.ts';

/**
 * Model-based test of the whole sync system: 2–3 real client engines (Dexie on fake-indexeddb,
 * src/app/sync) against the real server (src/server, in-process through app.inject). Random
 * commands: saves and edits (long-text and short fields), deletes, reflections, syncs, offline /
 * online, answers lost after the server applied the batch, replayed requests, session revocation
 * and idle expiry in the middle of a paged sync, the server restarted between applying a batch and
 * answering it (a new process on the same store: its caches and rate limits start empty), and
 * device clocks days off the server's. After quiescence every replica equals the server, no long
 * text is lost, a replay changes nothing, cursors never went back and outboxes are empty.
 *
 * One server per store for all runs (a fresh teacher, hence a fresh scope, per run).
 */

type Command =
  | { kind: 'create'; device: number; long: boolean }
  | { kind: 'edit'; device: number; entry: number; field: 'content' | 'note' | 'evidence' | 'periods' | 'date'; long: boolean }
  | { kind: 'editOnAll'; entry: number; field: 'content' | 'note'; long: boolean }
  | { kind: 'delete'; device: number; entry: number }
  | { kind: 'reflection'; device: number; month: number; long: boolean }
  | { kind: 'sync'; device: number }
  | { kind: 'offline'; device: number }
  | { kind: 'online'; device: number }
  | { kind: 'loseAnswer'; device: number }
  | { kind: 'replay'; device: number; pick: number }
  | { kind: 'expire'; device: number; afterRequests: number }
  | { kind: 'expireIdle'; device: number; afterRequests: number }
  | { kind: 'restart'; device: number; afterRequests: number };

const dev = fc.integer({ min: 0, max: 2 });
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device: dev, long: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device: dev,
      entry: fc.nat(3),
      field: fc.constantFrom('content' as const, 'content' as const, 'note' as const, 'evidence' as const, 'periods' as const, 'date' as const),
      long: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('editOnAll' as const), entry: fc.nat(3), field: fc.constantFrom('content' as const, 'note' as const), long: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device: dev, entry: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reflection' as const), device: dev, month: fc.integer({ min: 9, max: 10 }), long: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: dev }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), device: dev }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), device: dev }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('loseAnswer' as const), device: dev }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), device: dev, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), device: dev, afterRequests: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expireIdle' as const), device: dev, afterRequests: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), device: dev, afterRequests: fc.nat(2) }) },
);

const DAY = 86_400_000;

const scenarioArbitrary = fc.record({
  devices: fc.constantFrom(2, 2, 2, 3),
  /** Each device's clock against the server's, in days (a phone set to the wrong date). */
  skewDays: fc.array(fc.constantFrom(0, 0, -3, 2, 9), { minLength: 3, maxLength: 3 }),
  /** Small pages make paged pulls (and a session revoked between pages) common. */
  pullLimit: fc.constantFrom(3, 500, 500),
  commands: fc.array(commandArbitrary, { minLength: 3, maxLength: 6 }),
});

/** The logbook as the teacher sees it (entries without their derived search index fields). */
async function replica(db: LogbookDatabase) {
  const book = await logbook(db);
  return { ...book, entries: book.entries.map((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !key.startsWith('search')))) };
}

const LONG_TAIL = ' — dự giờ tiết Ngữ văn lớp 8A, trao đổi với tổ chuyên môn về phương pháp dạy học tích cực.'.repeat(30);

interface Device {
  index: number;
  db: LogbookDatabase;
  api: ServerApi;
  control: ReturnType<typeof injectFetch>['control'];
  /** Revoke this device's session after that many more requests (token expiry mid-sync). */
  revokeAfter: number | null;
  /** After that many more requests every session goes idle past its limit (the server clock jumps). */
  idleAfter: number | null;
  /** The server is rebuilt after handling that many more requests, before its answer arrives. */
  restartAfter: number | null;
  /** This device's clock minus the server's. */
  skewMs: number;
  token: string;
  cursors: number;
}

interface Saved {
  table: 'entries' | 'reflections';
  id: string;
  field: string;
  value: string;
  /** What the device showed in that field when the teacher typed over it. */
  before: string | null;
}

function entryInput(n: number, over: Partial<EntryInput> = {}): EntryInput {
  return {
    date: '2024-10-02',
    content: `Nội dung ${n}`,
    form: 'tu-hoc',
    bdtxProgram: '03',
    module: 'GVPT 04',
    periods: 2,
    source: 'TEMIS',
    result: '',
    evidence: '',
    note: '',
    ...over,
  };
}

/** Servers built by a restart, closed when the run ends (the harness closes its own). */
const restarted: FastifyInstance[] = [];
afterEach(() => {
  vi.useRealTimers();
});

async function runScenario(h: Harness, run: number, scenario: { devices: number; skewDays: number[]; pullLimit: number; commands: Command[] }): Promise<void> {
  /** The server process of the moment: a restart replaces it; every call goes to the current one. */
  const server = { app: h.app };
  const app = {
    inject: (options: InjectOptions) => server.app.inject(options),
    get sbd() {
      return server.app.sbd;
    },
  } as unknown as FastifyInstance;
  const restart = async () => {
    const next = await buildServer({ distDir: TEST_DIST, store: h.conn, now: () => h.clock.now, scryptN: 2 ** 10 });
    restarted.push(next);
    server.app = next;
  };
  // Device clocks: Date is faked (timers are not) and set to the device's time before it acts.
  vi.useFakeTimers({ toFake: ['Date'] });
  const asDevice = (device: Device) => vi.setSystemTime(h.clock.now + device.skewMs);
  const username = `gv${run}`;
  const first = await h.user(username, [{ role: 'teacher' }]);
  const scopeId = first.user.scopeId!;
  /** A session no command revokes, for replaying requests as a second copy of a device's packet. */
  const session = async (): Promise<SessionResponse> => ({ ...first, token: await accounts.createSession(app.sbd.ctx, first.user.id) });
  /** The replaying copy's session, renewed when the clock jumps past its idle limit. */
  let replayer = await session();
  const replayerToken = async () => {
    const check = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${replayer.token}` } });
    if (check.statusCode === 401) replayer = await session();
    return replayer.token;
  };
  const devices: Device[] = [];
  const saved: Saved[] = [];
  const entryIds: string[] = [];
  /** Entries some device deleted: their texts may go (a delete before the first sync sends nothing). */
  const deleted = new Set<string>();
  const deletedKnowingly = new Set<string>();
  let counter = 0;

  const makeDevice = async (index: number, session: SessionResponse): Promise<Device> => {
    const db = pool[index]!;
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
    });
    const inner = injectFetch(app);
    const device: Device = {
      index,
      db,
      api: undefined as unknown as ServerApi,
      control: inner.control,
      revokeAfter: null,
      idleAfter: null,
      restartAfter: null,
      skewMs: (scenario.skewDays[index] ?? 0) * DAY,
      token: session.token,
      cursors: 0,
    };
    const wrapped: FetchLike = async (url, init) => {
      try {
        const response = await inner.fetch(url, init);
        if (device.restartAfter !== null && device.restartAfter-- <= 0) {
          // The batch is applied; the process dies before answering and comes back on the same store.
          device.restartAfter = null;
          await restart();
          throw new TypeError('connection reset');
        }
        return response;
      } finally {
        if (device.revokeAfter !== null && device.revokeAfter-- <= 0) {
          device.revokeAfter = null;
          await accounts.logout(app.sbd.ctx, device.token);
        }
        if (device.idleAfter !== null && device.idleAfter-- <= 0) {
          // Every session goes past its idle limit between two pages of this sync.
          device.idleAfter = null;
          h.clock.advanceDays(SESSION_IDLE_DAYS + 1);
        }
      }
    };
    device.api = new ServerApi(SERVER_URL, wrapped);
    await connect(db, SERVER_URL, session);
    return device;
  };

  const relogin = async (device: Device) => {
    const session = await login(app, username);
    device.token = session.token;
    await connect(device.db, SERVER_URL, session);
  };

  /** One sync run as the controller does it: 401 → needs login (the teacher logs in again later). */
  const sync = async (device: Device): Promise<boolean> => {
    asDevice(device);
    const connection = await getConnection(device.db);
    if (!connection?.token) return false;
    try {
      await syncOnce(device.db, device.api, connection.token, connection.user.id, connection.user.scopeId, scenario.pullLimit);
      return true;
    } catch (error) {
      if (error instanceof ServerError && error.status === 401) await markNeedsLogin(device.db);
      else if (!(error instanceof NetworkError)) throw error;
      return false;
    } finally {
      const cursor = ((await readMeta(device.db, 'sync.cursors')) ?? {})[scopeId] ?? 0;
      expect(cursor, 'cursor went back').toBeGreaterThanOrEqual(device.cursors);
      device.cursors = cursor;
    }
  };

  /** The teacher opens an entry on a device and changes one field (skipped when the device does not have it). */
  const edit = async (device: Device, entry: number, field: 'content' | 'note' | 'evidence' | 'periods' | 'date', long: boolean) => {
    asDevice(device);
    const id = entryIds[entry % Math.max(1, entryIds.length)];
    const current = id ? await getEntry(device.db, id) : undefined;
    if (!id || !current) return;
    counter += 1;
    const { id: _id, schoolYearId: _y, createdAt: _c, updatedAt: _u, ...input } = current;
    if (field === 'periods') input.periods = (counter % 8) + 1;
    else if (field === 'date') input.date = `2024-11-${String((counter % 28) + 1).padStart(2, '0')}`;
    else input[field] = `Thiết bị ${device.index} sửa ${field} lần ${counter}${long ? LONG_TAIL : ''}`;
    const result = await saveEntry(device.db, input, id);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    if (field !== 'periods' && field !== 'date') saved.push({ table: 'entries', id, field, value: result.entry[field], before: current[field] });
  };

  const liveServer = async () => (await serverRecords(app, scopeId)).filter((r) => !r.deleted);

  try {
    devices.push(await makeDevice(0, first));
    for (let i = 1; i < scenario.devices; i++) devices.push(await makeDevice(i, await session()));

    // A shared start: two entries every device has, so concurrent edits of one record are common.
    for (let i = 0; i < 2; i++) {
      counter += 1;
      const result = await saveEntry(devices[0]!.db, entryInput(counter, { content: `Mục chung ${counter}` }));
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      entryIds.push(result.entry.id);
      saved.push({ table: 'entries', id: result.entry.id, field: 'content', value: result.entry.content, before: null });
    }
    for (const device of devices) expect(await sync(device)).toBe(true);

    for (const command of scenario.commands) {
      if (command.kind === 'editOnAll') {
        // The same long field of one record edited on every device before any of them syncs.
        for (const device of devices) await edit(device, command.entry, command.field, command.long);
        continue;
      }
      const device = devices[command.device % devices.length]!;
      const { db } = device;
      asDevice(device);
      switch (command.kind) {
        case 'create': {
          counter += 1;
          const content = `Thiết bị ${device.index} mục ${counter}${command.long ? LONG_TAIL : ''}`;
          const result = await saveEntry(db, entryInput(counter, { content }));
          if (!result.ok) throw new Error(JSON.stringify(result.errors));
          entryIds.push(result.entry.id);
          saved.push({ table: 'entries', id: result.entry.id, field: 'content', value: result.entry.content, before: null });
          break;
        }
        case 'edit':
          await edit(device, command.entry, command.field, command.long);
          break;
        case 'delete': {
          const id = entryIds[command.entry % Math.max(1, entryIds.length)];
          const gone = id ? await deleteEntry(db, id) : null;
          if (id && gone) {
            deleted.add(id);
            // The teacher deleted what she saw: a later edit elsewhere may bring the record back without it.
            for (const field of ['content', 'source', 'result', 'evidence', 'note'] as const) deletedKnowingly.add(`${id}\u0000${field}\u0000${gone[field]}`);
          }
          break;
        }
        case 'reflection': {
          counter += 1;
          const period = `2024-${String(command.month).padStart(2, '0')}`;
          const existing = await db.reflections.where('[schoolYearId+kind+period]').equals(['nam-hoc-2024', 'month', period]).first();
          const reflection = await saveReflection(db, 'nam-hoc-2024', 'month', period, `Thiết bị ${device.index} tự đánh giá ${counter}${command.long ? LONG_TAIL : ''}`);
          saved.push({ table: 'reflections', id: reflection.id, field: 'text', value: reflection.text, before: existing?.text ?? null });
          break;
        }
        case 'sync':
          await sync(device);
          break;
        case 'offline':
          device.control.down = true;
          break;
        case 'online':
          device.control.down = false;
          if ((await getConnection(db))?.needsLogin) await relogin(device);
          break;
        case 'loseAnswer':
          device.control.dropNext = 1;
          await sync(device);
          device.control.dropNext = 0;
          break;
        case 'replay': {
          const requests = device.control.log.filter((l) => l.path === '/api/sync' && l.status === 200);
          const request = requests[command.pick % Math.max(1, requests.length)];
          if (!request) break;
          const before = await serverRecords(app, scopeId);
          const res = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${await replayerToken()}` }, payload: request.request as object });
          expect(res.statusCode).toBe(200);
          const body = res.json<{ results: Array<{ status: string }> }>();
          expect(body.results.every((r) => r.status === 'duplicate')).toBe(true);
          expect(await serverRecords(app, scopeId)).toEqual(before);
          break;
        }
        case 'expire':
          device.revokeAfter = command.afterRequests;
          await sync(device);
          device.revokeAfter = null;
          break;
        case 'expireIdle':
          device.idleAfter = command.afterRequests;
          await sync(device);
          device.idleAfter = null;
          break;
        case 'restart':
          device.restartAfter = command.afterRequests;
          await sync(device);
          device.restartAfter = null;
          break;
      }
    }

    // Quiescence: everyone online and logged in; sync until nothing is left to send, then a couple
    // more rounds so every device has pulled everyone's last push.
    for (const device of devices) {
      device.control.down = false;
      device.control.dropNext = 0;
      device.revokeAfter = null;
      device.idleAfter = null;
      device.restartAfter = null;
    }
    // Rounds until every device synced cleanly twice in a row (a revoked session shows up as a 401
    // and the teacher logs in again): after the first clean round every push is on the server, after
    // the second every device has pulled the others' last changes.
    let clean = 0;
    for (let round = 0; round < 6 && clean < 2; round++) {
      let ok = true;
      for (const device of devices) {
        if ((await getConnection(device.db))?.needsLogin) await relogin(device);
        ok = (await sync(device)) && ok;
      }
      clean = ok ? clean + 1 : 0;
    }
    expect(clean, 'sync did not settle').toBe(2);

    // Outboxes empty, nothing in flight.
    for (const device of devices) {
      expect(await device.db.outbox.count()).toBe(0);
      expect(await readMeta(device.db, 'sync.inflight')).toBeUndefined();
    }

    // Every replica equals the server's live records.
    const live = await liveServer();
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const fromServer = (table: string) => byId(live.filter((r) => r.table === table).map((r) => ({ ...r.data, id: r.id })) as Array<{ id: string }>);
    const expected = {
      profile: fromServer('profile'),
      schoolYears: fromServer('schoolYears'),
      entries: fromServer('entries'),
      reflections: fromServer('reflections'),
      conflicts: fromServer('conflicts'),
    };
    for (const device of devices) expect(await replica(device.db), `device ${device.index}`).toEqual(expected);

    // No long text lost: current, in a visible conflict copy, knowingly typed over, or deleted.
    const all = await serverRecords(app, scopeId);
    const copies = live.filter((r) => r.table === 'conflicts').map((r) => r.data as { recordId: string; fields: Record<string, string> });
    for (const s of saved) {
      const record = all.find((r) => r.table === s.table && r.id === s.id);
      if (!record) {
        expect(deleted.has(s.id), `${s.table} ${s.id} never reached the server`).toBe(true);
        continue;
      }
      const current = !record.deleted && record.data[s.field] === s.value;
      const inCopy = copies.some((c) => c.recordId === s.id && c.fields[s.field] === s.value);
      const typedOver = saved.some((o) => o.table === s.table && o.id === s.id && o.field === s.field && o.before === s.value && o.value !== s.value);
      const droppedByDelete = deletedKnowingly.has(`${s.id}\u0000${s.field}\u0000${s.value}`);
      expect(current || inCopy || typedOver || droppedByDelete || record.deleted, `lost ${s.table}.${s.field}: ${s.value.slice(0, 60)}`).toBe(true);
    }

    // Replaying every request ever sent changes nothing.
    const before = await serverRecords(app, scopeId);
    for (const device of devices) {
      for (const logged of device.control.log) {
        const request = logged.request as { mutations?: unknown[] } | null;
        if (logged.path !== '/api/sync' || !request?.mutations?.length) continue;
        const res = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${await replayerToken()}` }, payload: request });
        expect(res.statusCode).toBe(200);
        expect(res.json<{ results: Array<{ status: string }> }>().results.every((r) => r.status === 'duplicate')).toBe(true);
      }
    }
    expect(await serverRecords(app, scopeId)).toEqual(before);
  } finally {
    for (const device of devices) device.control.log.length = 0;
    vi.useRealTimers();
    for (const old of restarted.splice(0)) await old.close();
  }
}

/** Three device databases opened once and emptied before each run (opening one costs more than a run). */
const pool = [0, 1, 2].map((i) => new LogbookDatabase(`prop-clients-${i}-${crypto.randomUUID()}`));
afterAll(async () => {
  for (const db of pool) await db.delete();
});

const RUNS: Record<string, number> = { sqlite: Number(process.env.PROP_RUNS ?? 1000), postgres: Number(process.env.PROP_RUNS_PG ?? 15) };

describe.each(STORES)('real clients against the real server (%s)', (kind) => {
  const setup = harnessFor(kind);
  it(
    'random edits, offline, lost answers, replays, revoked and expired sessions, server restarts, skewed clocks: replicas converge, nothing lost, replays change nothing',
    async () => {
      const h = await setup();
      let run = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary, async (scenario) => {
          run += 1;
          await runScenario(h, run, scenario);
        }),
        { numRuns: RUNS[kind]! },
      );
    },
    // ~130 s on an idle 2-core machine; the margin is for a loaded CI runner.
    600_000,
  );
});

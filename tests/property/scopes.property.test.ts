import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foreignRecords, readableScopesOnDevice } from '../../src/app/db/foreign.ts';
import type { LogbookDatabase } from '../../src/app/db/database.ts';
import { deleteEntry, saveEntry } from '../../src/app/db/entries.ts';
import { readMeta } from '../../src/app/sync/state.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { ScopeAccess } from '../../src/sync/protocol.ts';
import { SYNC_TABLES, type SyncTable } from '../../src/sync/tables.ts';
import { harnessFor, type Harness } from '../server/harness.ts';
import { observation } from '../server/scopeFixtures.ts';
import { input } from '../unit/app/db/helpers.ts';
import { device, serverRecords } from '../unit/app/sync/helpers.ts';

/**
 * Another person's logbook on a reader's device follows her access, whatever the order of events:
 * the teacher writes entries and observations and deletes them, the reader is made mentor and
 * unmade, made tổ trưởng of the teacher's tổ and unmade, and syncs in between (with small pages).
 * After each of the reader's syncs, her copy of the teacher's logbook is exactly what the server holds
 * of the tables her access reads — nothing more (no entries for a mentor, nothing once access is
 * gone), nothing less — and her scope list says the right access.
 */
type Command =
  | { kind: 'entry'; n: number }
  | { kind: 'observation'; n: number }
  | { kind: 'deleteEntry'; index: number }
  | { kind: 'deleteObservation'; index: number }
  | { kind: 'mentor'; on: boolean }
  | { kind: 'leader'; on: boolean }
  | { kind: 'readerSync' };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('entry' as const), n: fc.nat(1000) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('observation' as const), n: fc.nat(1000) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('deleteEntry' as const), index: fc.nat(20) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deleteObservation' as const), index: fc.nat(20) }), weight: 1 },
  // Mostly on: access changes between mentor and leader without going through "none" are the hard part.
  { arbitrary: fc.record({ kind: fc.constant('mentor' as const), on: fc.integer({ min: 0, max: 3 }).map((n) => n > 0) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('leader' as const), on: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'readerSync' as const }), weight: 4 },
);

/** Always tried first: mentor → tổ trưởng → mentor again, with the reader syncing at each step. */
const MENTOR_LEADER_MENTOR: Command[] = [
  { kind: 'entry', n: 1 },
  { kind: 'observation', n: 2 },
  { kind: 'mentor', on: true },
  { kind: 'readerSync' },
  { kind: 'leader', on: true },
  { kind: 'readerSync' },
  { kind: 'entry', n: 3 },
  { kind: 'leader', on: false },
  { kind: 'readerSync' },
];

function expectedAccess(mentor: boolean, leader: boolean): ScopeAccess | null {
  return leader ? 'leader' : mentor ? 'mentor' : null;
}

function reads(access: ScopeAccess | null, table: SyncTable): boolean {
  if (access === 'leader') return table !== 'conflicts';
  if (access === 'mentor') return SYNC_TABLES[table].mentorReads;
  return false;
}

async function writeObservation(db: LogbookDatabase, id: string, n: number) {
  await db.transaction('rw', db.observations, db.outbox, async () => {
    await db.observations.put(observation(id, { lessonTitle: `Bài ${n}` }) as never);
    await db.outbox.add({ table: 'observations', recordId: id, op: 'put', at: new Date().toISOString() });
  });
}

async function deleteObservation(db: LogbookDatabase, id: string) {
  await db.transaction('rw', db.observations, db.outbox, async () => {
    await db.observations.delete(id);
    await db.outbox.add({ table: 'observations', recordId: id, op: 'delete', at: new Date().toISOString() });
  });
}

async function runScenario(h: Harness, run: number, commands: Command[]) {
  const ctx = h.app.sbd.ctx;
  const lanSession = await h.user(`lan${run}`, [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Lan' });
  const hoaSession = await h.user(`hoa${run}`, [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn', fullName: 'Trần Thị Hòa' });
  const scope = lanSession.user.scopeId!;
  const teacher = await device(h.app, lanSession, undefined, 4);
  const reader = await device(h.app, hoaSession, undefined, 3);
  const entries: string[] = [];
  const observations: string[] = [];
  let mentor = false;
  let leader = false;

  const check = async (step: number) => {
    const access = expectedAccess(mentor, leader);
    const known = (await readableScopesOnDevice(reader.db)).find((s) => s.scopeId === scope);
    expect(known?.access ?? null, `step ${step}: access`).toBe(access);
    const onServer = (await serverRecords(h.app, scope)).filter((r) => !r.deleted && reads(access, r.table as SyncTable));
    const want = onServer.map((r) => `${r.table}/${r.id}`).sort();
    const rows = await reader.db.foreign.where('[scopeId+table]').between([scope, ''], [scope, '\uffff']).toArray();
    expect(rows.map((r) => `${r.table}/${r.id}`).sort(), `step ${step}: records`).toEqual(want);
    for (const r of onServer) expect((await foreignRecords(reader.db, scope, r.table as SyncTable)).find((x) => x.id === r.id), `step ${step}: ${r.table}/${r.id}`).toEqual(r.data);
    if (!access) expect((await readMeta(reader.db, 'sync.cursors'))?.[scope], `step ${step}: cursor`).toBeUndefined();
  };

  for (const [step, c] of commands.entries()) {
    switch (c.kind) {
      case 'entry': {
        const saved = await saveEntry(teacher.db, input({ date: '2024-10-02', content: `Mục ${c.n}` }));
        if (saved.ok) entries.push(saved.entry.id);
        await teacher.sync();
        break;
      }
      case 'observation': {
        const id = `o${run}-${step}`;
        await writeObservation(teacher.db, id, c.n);
        observations.push(id);
        await teacher.sync();
        break;
      }
      case 'deleteEntry': {
        const id = entries.splice(c.index % Math.max(1, entries.length), 1)[0];
        if (id) await deleteEntry(teacher.db, id);
        await teacher.sync();
        break;
      }
      case 'deleteObservation': {
        const id = observations.splice(c.index % Math.max(1, observations.length), 1)[0];
        if (id) await deleteObservation(teacher.db, id);
        await teacher.sync();
        break;
      }
      case 'mentor':
        if (c.on) await accounts.addMentorship(ctx, h.schoolId, hoaSession.user.id, lanSession.user.id);
        else await accounts.removeMentorship(ctx, h.schoolId, hoaSession.user.id, lanSession.user.id);
        mentor = c.on;
        break;
      case 'leader':
        await accounts.updateUser(ctx, h.schoolId, hoaSession.user.id, {
          roles: [{ role: 'teacher' }, { role: 'mentor' }, ...(c.on ? [{ role: 'leader' as const, department: 'Toán' }] : [])],
        });
        leader = c.on;
        break;
      case 'readerSync':
        await reader.sync();
        await check(step);
        break;
    }
  }
  await reader.sync();
  await check(commands.length);
}

describe('other people’s logbooks follow the reader’s access (real engine, real server)', () => {
  const setup = harnessFor('sqlite');
  it('after every sync the reader holds exactly the tables her access reads', async () => {
    const h = await setup();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 18 }), async (commands) => {
        run += 1;
        await runScenario(h, run, commands);
      }),
      { numRuns: Number(process.env.PROP_SCOPE_RUNS ?? 40), examples: [[MENTOR_LEADER_MENTOR]] },
    );
  }, 120_000);
});

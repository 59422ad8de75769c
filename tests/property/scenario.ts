import fc from 'fast-check';
import { expect } from 'vitest';
import type { StoredRecord } from '../../src/sync/merge.ts';
import type { Mutation, MutationResult } from '../../src/sync/protocol.ts';
import type { ConflictCopy } from '../../src/sync/tables.ts';

/**
 * A random two-device scenario on one logbook entry: devices edit long-text and short fields,
 * delete, and sync (sometimes sending a batch twice, as after a lost response). Any server — the
 * pure model or the real one — must keep every long-text value that was pushed (in the record, or in
 * a conflict copy, or replaced by an edit made from it), converge both devices, and not change when
 * every request is replayed.
 */
export interface SyncServer {
  push(clientId: string, mutations: Mutation[]): Promise<MutationResult[]>;
  /** The record as stored (tombstones keep their data) and every conflict copy. */
  snapshot(): Promise<{ record: StoredRecord | null; conflicts: ConflictCopy[] }>;
}

export type Command =
  | { kind: 'edit'; device: number; field: 'content' | 'note' | 'periods' }
  | { kind: 'delete'; device: number }
  | { kind: 'sync'; device: number; twice: boolean };

export const scenarioArbitrary = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.integer({ min: 0, max: 1 }), field: fc.constantFrom('content' as const, 'note' as const, 'periods' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.integer({ min: 0, max: 1 }), twice: fc.boolean() }) },
  ),
  { maxLength: 25 },
);

export const SCOPE = 'scope-1';
const RECORD_ID = 'e1';
const LONG = ['content', 'note'] as const;

function initialEntry(): Record<string, unknown> {
  return {
    id: RECORD_ID,
    schoolYearId: 'y2024',
    date: '2024-09-10',
    content: 'Nội dung ban đầu',
    form: 'tu-hoc',
    bdtxProgram: null,
    module: null,
    periods: 2,
    source: '',
    result: '',
    evidence: '',
    note: '',
    createdAt: '2024-09-10T00:00:00.000Z',
    updatedAt: '2024-09-10T00:00:00.000Z',
  };
}

interface Device {
  clientId: string;
  local: Record<string, unknown> | null;
  outbox: Mutation[];
  next: number;
}

interface Sent {
  clientId: string;
  batch: Mutation[];
}

export async function runScenario(server: SyncServer, commands: Command[], scope = SCOPE, clientPrefix = 'device'): Promise<void> {
  const devices: Device[] = [0, 1].map((d) => ({ clientId: `${clientPrefix}-${d}-xxxx`, local: null, outbox: [], next: 1 }));
  const history: Sent[] = [];
  const pushed: Array<{ clientId: string; mutationId: number; field: string; value: string; base: string | null }> = [];
  /** Texts a device had on screen when it deleted the record: a delete may drop them. */
  const deletedKnowingly = new Set<string>();
  let counter = 0;

  const sync = async (device: Device, twice = false) => {
    const batch = device.outbox;
    if (batch.length > 0) {
      history.push({ clientId: device.clientId, batch });
      const results = await server.push(device.clientId, batch);
      expect(results.map((r) => r.status)).not.toContain('rejected');
      if (twice) {
        history.push({ clientId: device.clientId, batch });
        const again = await server.push(device.clientId, batch);
        expect(again.every((r) => r.status === 'duplicate')).toBe(true);
      }
      device.outbox = [];
    }
    const { record } = await server.snapshot();
    device.local = record && !record.deleted ? { ...record.data } : null;
  };

  // Device 0 creates the entry; both devices receive it.
  const first = devices[0]!;
  first.outbox.push({ mutationId: first.next++, scopeId: scope, table: 'entries', recordId: RECORD_ID, op: 'put', fields: initialEntry() });
  await sync(first);
  await sync(devices[1]!);

  for (const command of commands) {
    const device = devices[command.device]!;
    if (command.kind === 'sync') {
      await sync(device, command.twice);
    } else if (command.kind === 'delete') {
      if (!device.local) continue;
      for (const field of LONG) deletedKnowingly.add(String(device.local[field]));
      device.local = null;
      device.outbox.push({ mutationId: device.next++, scopeId: scope, table: 'entries', recordId: RECORD_ID, op: 'delete' });
    } else {
      if (!device.local) continue;
      counter += 1;
      if (command.field === 'periods') {
        const value = (counter % 12) + 1;
        device.local.periods = value;
        device.outbox.push({ mutationId: device.next++, scopeId: scope, table: 'entries', recordId: RECORD_ID, op: 'put', fields: { periods: value } });
      } else {
        const base = String(device.local[command.field] ?? '');
        const value = `Thiết bị ${command.device} ghi lần ${counter}: bồi dưỡng thường xuyên`;
        device.local[command.field] = value;
        const mutationId = device.next++;
        pushed.push({ clientId: device.clientId, mutationId, field: command.field, value, base });
        device.outbox.push({ mutationId, scopeId: scope, table: 'entries', recordId: RECORD_ID, op: 'put', fields: { [command.field]: value }, base: { [command.field]: base } });
      }
    }
  }

  // Quiescence: both devices push what is left and pull.
  for (const device of devices) await sync(device);
  for (const device of devices) await sync(device);
  const final = await server.snapshot();
  for (const device of devices) {
    expect(device.outbox).toEqual([]);
    expect(device.local).toEqual(final.record && !final.record.deleted ? final.record.data : null);
  }

  // Every pushed long-text value survives: in the record (tombstones keep data), in a conflict copy,
  // or replaced by an applied edit that started from it, or deleted by a device that had it.
  const copies = new Map(final.conflicts.map((c) => [c.id, c]));
  const conflicted = (p: { clientId: string; mutationId: number; field: string }) => copies.get(`${RECORD_ID}~${p.clientId}~${p.mutationId}`)?.fields[p.field] !== undefined;
  for (const p of pushed) {
    const inRecord = final.record?.data[p.field] === p.value;
    const inCopy = [...copies.values()].some((c) => c.fields[p.field] === p.value);
    const replacedKnowingly = pushed.some((q) => q.field === p.field && q.base === p.value && q.value !== p.value && !conflicted(q));
    expect(inRecord || inCopy || replacedKnowingly || deletedKnowingly.has(p.value), `lost: ${p.value}`).toBe(true);
  }
  for (const field of LONG) expect(typeof final.record?.data[field]).toBe('string');

  // Replaying every request changes nothing.
  for (const sent of history) {
    const results = await server.push(sent.clientId, sent.batch);
    expect(results.every((r) => r.status === 'duplicate')).toBe(true);
  }
  expect(await server.snapshot()).toEqual(final);
}

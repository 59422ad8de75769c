import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeMutation, type StoredRecord } from '../../src/sync/merge.ts';
import type { Mutation, MutationResult } from '../../src/sync/protocol.ts';
import type { ConflictCopy } from '../../src/sync/tables.ts';
import { runScenario, scenarioArbitrary, type SyncServer } from './scenario.ts';

/**
 * The merge rules of src/sync against a model server that keeps what the real one keeps: the record,
 * its conflict copies and the last mutation id per device (tests/server runs the same scenarios on the
 * real store, fewer times).
 */
class ModelServer implements SyncServer {
  record: StoredRecord | null = null;
  conflicts = new Map<string, ConflictCopy>();
  last = new Map<string, number>();

  async push(clientId: string, mutations: Mutation[]): Promise<MutationResult[]> {
    return mutations.map((m) => {
      if (m.mutationId <= (this.last.get(clientId) ?? 0)) return { mutationId: m.mutationId, status: 'duplicate' };
      this.last.set(clientId, m.mutationId);
      const outcome = mergeMutation(this.record, m, { clientId, now: '2024-09-10T00:00:00.000Z' });
      if (outcome.kind === 'rejected') return { mutationId: m.mutationId, status: 'rejected', code: outcome.code, message: outcome.message };
      if (outcome.kind === 'noop') return { mutationId: m.mutationId, status: 'applied' };
      this.record = outcome.record;
      if (outcome.conflict) this.conflicts.set(outcome.conflict.id, outcome.conflict);
      return { mutationId: m.mutationId, status: 'applied', ...(outcome.conflict ? { conflictId: outcome.conflict.id } : {}) };
    });
  }

  async snapshot() {
    return { record: this.record && structuredClone(this.record), conflicts: [...this.conflicts.values()].sort((a, b) => a.id.localeCompare(b.id)) };
  }
}

describe('merge rules (model server)', () => {
  it('concurrent edits from two devices in any arrival order: nothing lost, replicas converge, replay is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (commands) => {
        await runScenario(new ModelServer(), commands);
      }),
      { numRuns: 1000 },
    );
  });

  it('a put that brings back a deleted record does not silently overwrite a long text the tombstone kept', () => {
    // Device A edited the text (V), device B deleted the record without having seen V, device C then
    // edited from the original text: V stays in the record and C's text becomes a conflict copy.
    const tombstone: StoredRecord = { deleted: true, data: { id: 'r', schoolYearId: 'y', kind: 'month', period: '2024-09', text: 'V của máy A', updatedAt: '2024-09-10T00:00:00.000Z' } };
    const outcome = mergeMutation(
      tombstone,
      { mutationId: 7, scopeId: 's', table: 'reflections', recordId: 'r', op: 'put', fields: { text: 'Bản của máy C' }, base: { text: 'Bản gốc' } },
      { clientId: 'device-c', now: '2024-09-11T00:00:00.000Z' },
    );
    expect(outcome.kind).toBe('write');
    if (outcome.kind !== 'write') return;
    expect(outcome.resurrected).toBe(true);
    expect(outcome.record).toMatchObject({ deleted: false, data: { text: 'V của máy A' } });
    expect(outcome.conflict?.fields.text).toBe('Bản của máy C');
  });

  it('same base, two long-text edits: the first arrival stays, the second becomes a conflict copy', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (base, first, second) => {
        fc.pre(base !== first && first !== second && base !== second);
        const norm = (s: string) => s.normalize('NFC');
        fc.pre(norm(base) !== norm(first) && norm(first) !== norm(second) && norm(base) !== norm(second));
        const current: StoredRecord = { deleted: false, data: { id: 'r', schoolYearId: 'y', kind: 'month', period: '2024-09', text: norm(first), updatedAt: '2024-09-10T00:00:00.000Z' } };
        const outcome = mergeMutation(
          current,
          { mutationId: 1, scopeId: 's', table: 'reflections', recordId: 'r', op: 'put', fields: { text: second }, base: { text: base } },
          { clientId: 'device-b', now: '2024-09-10T00:00:00.000Z' },
        );
        expect(outcome.kind).toBe('write');
        if (outcome.kind !== 'write') return;
        expect(outcome.record.data.text).toBe(norm(first));
        expect(outcome.conflict?.fields.text).toBe(norm(second));
      }),
      { numRuns: 200 },
    );
  });
});

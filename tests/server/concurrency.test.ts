import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/sync/protocol.ts';
import { entry, harnessFor } from './harness.ts';
import { STORES } from './stores.ts';

describe.each(STORES)('concurrent pushes on %s', (kind) => {
  const setup = harnessFor(kind);

  it('parallel pushes to one logbook while another device pulls: no revision is ever skipped', async () => {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const scopeId = lan.user.scopeId!;
    const devices = 4;
    const batches = 6;
    const perBatch = 5;
    const pushers = Array.from({ length: devices }, async (_, d) => {
      for (let b = 0; b < batches; b++) {
        const mutations: Mutation[] = Array.from({ length: perBatch }, (_, i) => {
          const id = `d${d}-b${b}-${i}`;
          return { mutationId: b * perBatch + i + 1, scopeId, table: 'entries', recordId: id, op: 'put', fields: entry(id) };
        });
        const response = await h.syncAs(lan.token, { clientId: `device-${d}-push`, mutations, cursors: {}, limit: 1 });
        expect(response.status).toBe(200);
      }
    });
    const seen: number[] = [];
    let cursor = 0;
    let done = false;
    const puller = (async () => {
      while (!done || cursor < devices * batches * perBatch) {
        const page = await h.syncAs(lan.token, { clientId: 'device-reader', cursors: { [scopeId]: cursor }, limit: 7 });
        seen.push(...page.body.changes.map((c) => c.rev));
        cursor = page.body.cursors[scopeId]!;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await Promise.all(pushers);
    done = true;
    await puller;
    const total = devices * batches * perBatch;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });
});

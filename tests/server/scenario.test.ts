import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Mutation, MutationResult } from '../../src/sync/protocol.ts';
import type { ConflictCopy } from '../../src/sync/tables.ts';
import { runScenario, scenarioArbitrary, type SyncServer } from '../property/scenario.ts';
import { harnessFor, type Harness } from './harness.ts';
import { STORES } from './stores.ts';

/** The random two-device scenarios of tests/property, against the real server and store. */
describe.each(STORES)('random two-device scenarios on %s', (kind) => {
  const setup = harnessFor(kind);

  function realServer(h: Harness, token: string, scopeId: string): SyncServer {
    return {
      async push(clientId: string, mutations: Mutation[]): Promise<MutationResult[]> {
        const response = await h.syncAs(token, { clientId, mutations });
        if (response.status !== 200) throw new Error(JSON.stringify(response.body));
        return response.body.results;
      },
      async snapshot() {
        const rows = await h.conn.db.selectFrom('records').select(['tbl', 'record_id', 'data', 'deleted']).where('scope_id', '=', scopeId).orderBy('record_id').execute();
        const record = rows.find((r) => r.tbl === 'entries');
        return {
          record: record ? { data: JSON.parse(record.data) as Record<string, unknown>, deleted: Number(record.deleted) === 1 } : null,
          conflicts: rows.filter((r) => r.tbl === 'conflicts').map((r) => JSON.parse(r.data) as ConflictCopy),
        };
      },
    };
  }

  it('nothing lost, replicas converge, replay is idempotent', async () => {
    const h = await setup();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (commands) => {
        run += 1;
        const session = await h.user(`gv${run}`, [{ role: 'teacher' }]);
        await runScenario(realServer(h, session.token, session.user.scopeId!), commands, session.user.scopeId!, `run${run}`);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

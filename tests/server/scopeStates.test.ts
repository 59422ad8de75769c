import { describe, expect, it } from 'vitest';
import { pushed, scopeStates } from '../../src/server/store/scopeStates.ts';
import { entry, harnessFor } from './harness.ts';
import { STORES } from './stores.ts';

/**
 * A pull reads each logbook's head once and pages its records up to it. A push that finishes while
 * the pull runs moves the cached head; the heads the pull already holds must not move with it, or the
 * pull would set its cursor past revisions its records query never saw (a device would skip them —
 * seen as a rare failure of the concurrency test before the heads were copied).
 */
describe.each(STORES)('logbook heads held by a pull (%s)', (kind) => {
  const setup = harnessFor(kind);

  it('a push finishing during a pull does not move the heads that pull holds', async () => {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }]);
    const scopeId = lan.user.scopeId!;
    const push = await h.syncAs(lan.token, { mutations: [{ mutationId: 1, scopeId, table: 'entries', recordId: 'e1', op: 'put', fields: entry('e1') }] });
    expect(push.status).toBe(200);
    const ctx = h.app.sbd.ctx;

    // Read from the store, then served from memory: either way the pull's copy stays at revision 1.
    for (const cursors of [{}, { [scopeId]: 1 }]) {
      const held = await scopeStates(ctx, [scopeId], cursors);
      expect(held.get(scopeId)!.rev).toBe(1);
      pushed(ctx, null, new Map([[scopeId, { from: 1, to: 6 }]]), ctx.now());
      expect(held.get(scopeId)!.rev).toBe(1);
      // The cache itself did move (and is put back for the next round).
      const next = await scopeStates(ctx, [scopeId], { [scopeId]: 6 });
      if (kind === 'sqlite') expect(next.get(scopeId)!.rev).toBe(6);
      pushed(ctx, null, new Map([[scopeId, { from: 6, to: 1 }]]), ctx.now());
    }
  });
});

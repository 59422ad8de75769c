import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/server/cluster.ts';

describe('WORKERS (how many server processes npm start runs)', () => {
  it('runs one process on SQLite and one per core on PostgreSQL unless told', () => {
    expect(workerCount({})).toBe(1);
    expect(workerCount({ WORKERS: 'auto', DATA_DIR: '/srv/sbd' })).toBe(1);
    expect(workerCount({ DATABASE_URL: 'postgres://localhost/sobd' })).toBe(availableParallelism());
  });

  it('takes a number from 1 to 64', () => {
    expect(workerCount({ WORKERS: '2' })).toBe(2);
    expect(workerCount({ WORKERS: ' 3 ', DATABASE_URL: 'postgres://localhost/sobd' })).toBe(3);
  });

  it('refuses anything else with a Vietnamese message naming the value', () => {
    for (const bad of ['0', '65', '1.5', 'hai', '-1']) {
      expect(() => workerCount({ WORKERS: bad })).toThrow(`WORKERS phải là số nguyên từ 1 đến 64 hoặc "auto" (đang là "${bad}")`);
    }
  });
});

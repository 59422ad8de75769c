import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../../../src/app/db/backup.ts';
import { saveEntry } from '../../../../src/app/db/entries.ts';
import { harnessFor } from '../../../server/harness.ts';
import { input } from '../db/helpers.ts';
import { device, login, serverRecords } from './helpers.ts';

const setup = harnessFor('sqlite');

async function twoDevices() {
  const h = await setup();
  const first = await h.user('mai', [{ role: 'teacher' }], { fullName: 'Trần Thị Mai' });
  const second = await login(h.app, 'mai');
  return { h, scopeId: first.user.scopeId!, phone: await device(h.app, first), pc: await device(h.app, second) };
}

describe('sync of school years and restored backups', () => {
  it('the same school year created offline on two devices becomes one year holding both entries', async () => {
    const { phone, pc } = await twoDevices();
    await saveEntry(phone.db, input({ date: '2024-10-02', content: 'Tự học trên điện thoại' }));
    await saveEntry(pc.db, input({ date: '2024-11-05', content: 'Sinh hoạt tổ trên máy tính' }));
    await phone.sync();
    await pc.sync();
    await phone.sync();

    for (const db of [phone.db, pc.db]) {
      const years = await db.schoolYears.toArray();
      expect(years.map((y) => y.startYear)).toEqual([2024]);
      const entries = await db.entries.toArray();
      expect(entries.map((e) => e.content).sort()).toEqual(['Sinh hoạt tổ trên máy tính', 'Tự học trên điện thoại']);
      expect(new Set(entries.map((e) => e.schoolYearId))).toEqual(new Set([years[0]!.id]));
    }
  });

  it('restoring an older backup on a synced device deletes nothing on the server and brings newer records back', async () => {
    const { h, scopeId, phone } = await twoDevices();
    await saveEntry(phone.db, input({ date: '2024-10-02', content: 'Ghi trước khi sao lưu' }));
    await phone.sync();
    const backup = JSON.stringify(await exportBackup(phone.db));
    await saveEntry(phone.db, input({ date: '2024-10-09', content: 'Ghi sau khi sao lưu' }));
    await phone.sync();

    const restored = await importBackup(phone.db, backup);
    expect(restored.ok).toBe(true);
    expect(await phone.db.entries.count()).toBe(1);
    await phone.sync();

    const contents = (await phone.db.entries.toArray()).map((e) => e.content).sort();
    expect(contents).toEqual(['Ghi sau khi sao lưu', 'Ghi trước khi sao lưu']);
    const live = (await serverRecords(h.app, scopeId)).filter((r) => r.table === 'entries' && !r.deleted);
    expect(live).toHaveLength(2);
    expect(await phone.db.outbox.count()).toBe(0);
  });
});

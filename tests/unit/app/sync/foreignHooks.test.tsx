// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../../src/app/db/DatabaseContext.tsx';
import type { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { schoolSettingsOf, useForeignRecords, useReadableScopes, useSchoolContext } from '../../../../src/app/db/foreign.ts';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../../src/domain/schoolSettings.ts';
import { freshDb } from './helpers.ts';

afterEach(cleanup);

function Mentees() {
  const scopes = useReadableScopes();
  const context = useSchoolContext();
  if (scopes === undefined || context === undefined) return <p>Đang tải…</p>;
  const others = scopes.filter((s) => s.access !== 'owner');
  return (
    <div>
      <p>Quy định: {schoolSettingsOf(context).minObservationsPerSemester} tiết dự giờ</p>
      {others.length === 0 ? <p>Chưa có sổ nào</p> : others.map((s) => <Logbook key={s.scopeId} scopeId={s.scopeId} name={s.ownerName} />)}
    </div>
  );
}

function Logbook({ scopeId, name }: { scopeId: string; name: string }) {
  const observations = useForeignRecords(scopeId, 'observations');
  return (
    <p>
      {name}: {observations === undefined ? '…' : `${observations.length} phiếu dự giờ`}
    </p>
  );
}

function show(db: LogbookDatabase) {
  render(
    <DatabaseProvider db={db}>
      <Mentees />
    </DatabaseProvider>,
  );
}

describe('hooks of other people’s logbooks', () => {
  it('show the defaults and no logbook before the first sync, then follow what sync stores', async () => {
    const db = freshDb();
    show(db);
    expect(await screen.findByText('Chưa có sổ nào')).toBeTruthy();
    expect(screen.getByText(`Quy định: ${DEFAULT_SCHOOL_SETTINGS.minObservationsPerSemester} tiết dự giờ`)).toBeTruthy();

    await db.meta.bulkPut([
      {
        key: 'sync.scopes',
        value: [
          { scopeId: 's-own', ownerId: 'u1', ownerName: 'Trần Thị Hòa', access: 'owner', ownerLastSyncAt: null, lastSyncedAt: null },
          { scopeId: 's-lan', ownerId: 'u2', ownerName: 'Nguyễn Thị Lan', access: 'mentor', ownerLastSyncAt: null, lastSyncedAt: null },
        ],
      },
      {
        key: 'school.context',
        value: { version: '7', schoolId: 'sc', schoolName: 'THCS', settings: { ...DEFAULT_SCHOOL_SETTINGS, minObservationsPerSemester: 6 }, directory: [], mentorships: { mentees: [], mentors: [] } },
      },
    ]);
    await db.foreign.bulkPut([
      { scopeId: 's-lan', table: 'observations', id: 'o1', data: { id: 'o1' } },
      { scopeId: 's-lan', table: 'observations', id: 'o2', data: { id: 'o2' } },
      { scopeId: 's-lan', table: 'entries', id: 'e1', data: { id: 'e1' } },
    ]);
    await waitFor(() => expect(screen.getByText('Nguyễn Thị Lan: 2 phiếu dự giờ')).toBeTruthy());
    expect(screen.getByText('Quy định: 6 tiết dự giờ')).toBeTruthy();
    expect(screen.queryByText(/Trần Thị Hòa/)).toBeNull();
  });
});

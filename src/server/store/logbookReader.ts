import type { Annotation } from '../../domain/annotations.ts';
import type { Confirmation } from '../../domain/confirmations.ts';
import type { InnovationTopic } from '../../domain/innovationTopic.ts';
import type { Observation, ObservedLesson } from '../../domain/observations.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../../domain/records.ts';
import type { Skkn } from '../../domain/skkn.ts';
import type { LogbookInput } from '../../pdf/types.ts';
import type { ScopeAccess } from '../../sync/protocol.ts';
import { SYNC_TABLES, type SyncTable } from '../../sync/tables.ts';
import { ApiError } from '../errors.ts';
import type { StoreContext } from './context.ts';
import { getSchoolSettings } from './school.ts';
import { accessReads, scopesWithAccess } from './scopeAccess.ts';

/** Tables the logbook PDF is made of. */
const PDF_TABLES = ['profile', 'schoolYears', 'entries', 'reflections', 'observations', 'observedLessons', 'annotations', 'confirmations', 'innovationTopics', 'skkn'] as const satisfies readonly SyncTable[];

export const NOT_READABLE = 'Không tìm thấy sổ này, hoặc bạn không có quyền xem sổ này.';

export interface ScopeOwner {
  scopeId: string;
  schoolId: string;
  ownerId: string;
  ownerName: string;
  access: ScopeAccess;
}

/**
 * The scope and the reader's access to it, by the server's single access rule (scopeAccess.ts).
 * Without a reader (the admin CLI on the server itself) the owner's full access. 404 when the scope
 * does not exist or the reader may not read it (the answer does not tell which).
 */
export async function scopeFor(ctx: StoreContext, scopeId: string, readerId?: string): Promise<ScopeOwner> {
  if (readerId !== undefined) {
    const [row] = await scopesWithAccess(ctx.conn.query, readerId, ctx.now(), [scopeId]);
    if (!row) throw new ApiError('not_found', NOT_READABLE);
    return { scopeId: row.id, schoolId: row.school_id, ownerId: row.owner_id, ownerName: row.owner_name, access: row.access };
  }
  const row = await ctx.conn.db
    .selectFrom('scopes as s')
    .innerJoin('users as o', 'o.id', 's.owner_id')
    .select(['s.id', 's.school_id', 's.owner_id', 'o.full_name'])
    .where('s.id', '=', scopeId)
    .executeTakeFirst();
  if (!row) throw new ApiError('not_found', NOT_READABLE);
  return { scopeId: row.id, schoolId: row.school_id, ownerId: row.owner_id, ownerName: row.full_name, access: 'owner' };
}

/**
 * The records of one logbook for the PDF of school year `startYear`, as the reader may see them: a
 * mentor gets the tables mentors read (no entries or reflections), as in sync. Each record is checked
 * against its zod schema; a record that fails (written by a newer app) is left out, not guessed at.
 */
export async function readLogbook(ctx: StoreContext, owner: ScopeOwner, startYear: number): Promise<LogbookInput> {
  const tables = PDF_TABLES.filter((t) => accessReads(owner.access, t));
  const rows = await ctx.conn.db
    .selectFrom('records')
    .select(['tbl', 'data'])
    .where('scope_id', '=', owner.scopeId)
    .where('deleted', '=', 0)
    .where('tbl', 'in', tables)
    .execute();
  const byTable = new Map<SyncTable, unknown[]>();
  for (const row of rows) {
    const table = row.tbl as SyncTable;
    const parsed = SYNC_TABLES[table].schema.safeParse(JSON.parse(row.data));
    if (!parsed.success) continue;
    const list = byTable.get(table) ?? [];
    list.push(parsed.data);
    byTable.set(table, list);
  }
  const list = <T>(table: SyncTable) => (byTable.get(table) ?? []) as T[];

  const year = list<SchoolYear>('schoolYears').find((y) => y.startYear === startYear);
  if (!year) throw new ApiError('not_found', `Sổ của ${owner.ownerName} chưa có năm học ${startYear}–${startYear + 1}.`);
  const topics = list<InnovationTopic>('innovationTopics').filter((t) => t.schoolYearId === year.id);
  const settings = await getSchoolSettings(ctx, owner.schoolId);
  // Semester dates the school set for the year win over the logbook's own (as on the teacher's device).
  const schoolDates = settings.schoolYears.find((y) => y.startYear === startYear);
  return {
    settings,
    profile: list<Profile>('profile')[0] ?? null,
    schoolYear: schoolDates ? { ...year, hk1Start: schoolDates.hk1Start, hk1End: schoolDates.hk1End, hk2Start: schoolDates.hk2Start, hk2End: schoolDates.hk2End } : year,
    entries: list<Entry>('entries'),
    reflections: list<Reflection>('reflections'),
    observations: list<Observation>('observations'),
    observedLessons: list<ObservedLesson>('observedLessons'),
    annotations: list<Annotation>('annotations'),
    innovationTopic: topics.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0] ?? null,
    skkn: list<Skkn>('skkn'),
    confirmations: list<Confirmation>('confirmations'),
  };
}

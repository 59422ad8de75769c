import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { ScopeAccess } from '../../sync/protocol.ts';
import { SYNC_TABLE_NAMES, SYNC_TABLES, type SyncTable } from '../../sync/tables.ts';
import { DEFAULT_SCHOOL_SETTINGS, schoolCurrentYear } from '../../domain/schoolSettings.ts';
import { defineQuery, inList, type QueryRunner } from '../db/prepared.ts';
import type { Database, Db } from '../db/schema.ts';
import { cachedReadable } from './accessCache.ts';
import type { StoreContext } from './context.ts';
import { storedSchoolSettings } from './school.ts';

/**
 * Who may read which logbook (docs/sync.md, "Access levels"). A reader R of scope S owned by O, always
 * within one school and only while R is active:
 * - 'owner': R = O — every table;
 * - 'leader': R is leader with department '' (ban giám hiệu) or = O's department (tổ trưởng) —
 *   every table except conflict copies;
 * - 'mentor': R mentors O in the school's current school year (a mentorships row whose start_year is
 *   schoolCurrentYear of the school's settings at the request's time) and is not a leader over O — the
 *   tables marked `mentorReads` in SYNC_TABLES, of every year of O's logbook. A pair of an earlier year
 *   alone grants nothing: at the turn of the year (or when an admin removes the pair) the former mentor
 *   loses access at her next sync; the annotations she wrote stay in O's logbook.
 * Everyone else (an admin who is neither) reads nothing. These expressions are used inside the read
 * and write queries themselves; `readableScopes` is the single function that lists them.
 */

/** Tables a mentor (who is not also a leader over the owner) receives. */
export const MENTOR_TABLES: readonly SyncTable[] = SYNC_TABLE_NAMES.filter((t) => SYNC_TABLES[t].mentorReads);
/** Tables a leader over the owner receives. */
export const LEADER_TABLES: readonly SyncTable[] = SYNC_TABLE_NAMES.filter((t) => t !== 'conflicts');

type ScopeEb = ExpressionBuilder<Database & { s: Database['scopes'] }, 's'>;
type RecordEb = ExpressionBuilder<Database & { r: Database['records'] }, 'r'>;

/** R is an active user of the scope's school (every access level needs it). */
function activeInSchool(eb: ScopeEb, userId: string) {
  return eb.exists(
    eb.selectFrom('users as me').select(sql.lit(1).as('one')).where('me.id', '=', userId).where('me.active', '=', 1).whereRef('me.school_id', '=', 's.school_id'),
  );
}

function isLeaderOver(eb: ScopeEb, userId: string) {
  return eb.exists(
    eb
      .selectFrom('user_roles as r')
      .innerJoin('users as o', 'o.id', 's.owner_id')
      .select(sql.lit(1).as('one'))
      .where('r.user_id', '=', userId)
      .where('r.role', '=', 'leader')
      .where((d) => d.or([d('r.department', '=', ''), d('r.department', '=', d.ref('o.department'))])),
  );
}

function isMentorOf(eb: ScopeEb, userId: string, year: number) {
  return eb.exists(
    eb.selectFrom('mentorships as m').select(sql.lit(1).as('one')).where('m.mentor_id', '=', userId).whereRef('m.teacher_id', '=', 's.owner_id').where('m.start_year', '=', year),
  );
}

const userSchoolSettings = defineQuery<{ userId: string }, { settings: string }>('scopes.userSchoolSettings', (db, p) =>
  db.selectFrom('users as u').innerJoin('schools as sc', 'sc.id', 'u.school_id').select('sc.settings').where('u.id', '=', p('userId')),
);

/**
 * The school's current school year for `userId` at `now` (mentor pairs of that year grant access).
 * One small read of the user's school settings; callers that list access keep it with the list.
 */
export async function currentYearFor(run: QueryRunner, userId: string, now: number): Promise<number> {
  const row = await run.first(userSchoolSettings, { userId });
  return schoolCurrentYear(now, row ? storedSchoolSettings(row.settings) : DEFAULT_SCHOOL_SETTINGS);
}

/** The scope `s` is readable by `userId` at some level; `year`: the school's current year (currentYearFor). */
export function readableBy(eb: ScopeEb, userId: string, year: number): Expression<SqlBool> {
  return eb.and([activeInSchool(eb, userId), eb.or([eb('s.owner_id', '=', userId), isLeaderOver(eb, userId), isMentorOf(eb, userId, year)])]);
}

/**
 * A record of table `tbl` in scope `scopeId` is readable by `userId` at access level `access`: that
 * level's rule with its table limit, for the pull query itself (which reads one scope, at the level
 * the scope list gave). The check names the scope by id, not through the record's row, so the
 * database runs it once per query, not once per record; a level the reader no longer holds yields no
 * rows at all.
 */
export function recordReadableAs(eb: RecordEb, access: ScopeAccess, scopeId: string, userId: string, tbl: Expression<string>, year: number): Expression<SqlBool> {
  const scope = eb.exists(
    eb
      .selectFrom('scopes as s')
      .select(sql.lit(1).as('one'))
      .where('s.id', '=', scopeId)
      .where((s) => {
        const inScope = s as unknown as ScopeEb;
        const level = access === 'owner' ? inScope('s.owner_id', '=', userId) : access === 'leader' ? isLeaderOver(inScope, userId) : isMentorOf(inScope, userId, year);
        return inScope.and([activeInSchool(inScope, userId), level]);
      }),
  );
  if (access === 'owner') return scope;
  // Table names as literals: a list of bound parameters would be built into a lookup table on every run.
  const tables = (access === 'leader' ? LEADER_TABLES : MENTOR_TABLES).map((t) => sql.lit(t));
  return eb.and([eb(tbl, 'in', tables), scope]);
}

/** A scope the user may read. No revision here: the list may be cached, revisions never are. */
export interface ScopeRow {
  id: string;
  school_id: string;
  owner_id: string;
  owner_name: string;
  access: ScopeAccess;
  /** The school's current year when the list was made: the pull checks each record against the same year. */
  year: number;
}

/** Whether `access` lets its holder receive records of `table`. */
export function accessReads(access: ScopeAccess, table: SyncTable): boolean {
  if (access === 'owner') return true;
  if (access === 'leader') return LEADER_TABLES.includes(table);
  return MENTOR_TABLES.includes(table);
}

function accessOf(ownerId: string, userId: string, leader: unknown, mentor: unknown): ScopeAccess | null {
  if (ownerId === userId) return 'owner';
  // SQLite answers 0/1, PostgreSQL true/false.
  if (Number(leader) === 1) return 'leader';
  if (Number(mentor) === 1) return 'mentor';
  return null;
}

type AccessRow = { id: string; school_id: string; owner_id: string; owner_name: string; is_leader: unknown; is_mentor: unknown };

function accessQuery(db: Db, userId: string, year: number) {
  return db
    .selectFrom('scopes as s')
    .innerJoin('users as o', 'o.id', 's.owner_id')
    .select((eb) => [
      's.id',
      's.school_id',
      's.owner_id',
      'o.full_name as owner_name',
      isLeaderOver(eb, userId).as('is_leader'),
      isMentorOf(eb, userId, year).as('is_mentor'),
    ])
    .where((eb) => readableBy(eb, userId, year));
}

const allReadable = defineQuery<{ userId: string; year: number }, AccessRow>('scopes.readable', (db, p) =>
  accessQuery(db, p('userId'), p('year')).orderBy('o.full_name').orderBy('s.id'),
);
const readableAmong = defineQuery<{ userId: string; year: number; ids: readonly string[] }, AccessRow>('scopes.readableAmong', (db, p, kind) =>
  accessQuery(db, p('userId'), p('year'))
    .where(() => inList(kind, sql.ref('s.id'), p.list('ids')))
    .orderBy('o.full_name')
    .orderBy('s.id'),
);
/** The usual push names one logbook: a plain key lookup instead of a list. */
const readableOne = defineQuery<{ userId: string; year: number; id: string }, AccessRow>('scopes.readableOne', (db, p) => accessQuery(db, p('userId'), p('year')).where('s.id', '=', p('id')));

/**
 * Scopes `userId` may read, with her access level to each, ordered by owner name. The single place
 * that computes access: a cache may wrap it (the push does not use a cache: it checks under its locks).
 */
export async function readableScopes(ctx: StoreContext, userId: string): Promise<ScopeRow[]> {
  return cachedReadable(ctx, userId, () => scopesWithAccess(ctx.conn.query, userId, ctx.now()));
}

/** readableScopes through a query runner (the connection's, or a transaction's) at `now`; `onlyIds` limits the list. */
export async function scopesWithAccess(run: QueryRunner, userId: string, now: number, onlyIds?: readonly string[]): Promise<ScopeRow[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  const year = await currentYearFor(run, userId, now);
  const rows = !onlyIds
    ? await run.all(allReadable, { userId, year })
    : onlyIds.length === 1
      ? await run.all(readableOne, { userId, year, id: onlyIds[0]! })
      : await run.all(readableAmong, { userId, year, ids: onlyIds });
  return rows.map((r) => ({
    id: r.id,
    school_id: r.school_id,
    owner_id: r.owner_id,
    owner_name: r.owner_name,
    access: accessOf(r.owner_id, userId, r.is_leader, r.is_mentor)!,
    year,
  }));
}

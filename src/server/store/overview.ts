import { sql } from 'kysely';
import { BDTX_PROGRAM_CODES } from '../../domain/catalogs/bdtx.ts';
import type { SchoolSettings } from '../../domain/schoolSettings.ts';
import { defaultSchoolYearDates, semesterRange, type SemesterCode } from '../../domain/schoolYear.ts';
import {
  MAX_CHANGED_LISTED,
  type ChangedRecord,
  type ConfirmationSummary,
  type OverviewQuery,
  type OverviewResponse,
  type OverviewTeacher,
  type SkknStatus,
  type TopicStatus,
} from '../../sync/leaderApi.ts';
import type { StoreContext } from './context.ts';
import type { ScopeSummary } from './overviewCache.ts';

/**
 * The leaders' inspection overview (GET /api/leader/overview): one row per teacher in the caller's
 * charge — a tổ trưởng's tổ, or the whole school for ban giám hiệu — computed in one pass over the
 * semester-relevant records of those scopes. Only the JSON fields needed are extracted in SQL, so a
 * 5,000-word reflection is never shipped to Node. Authorisation is in both queries.
 */

export interface ChargeScope {
  scopeId: string;
  userId: string;
  fullName: string;
  department: string;
  active: boolean;
  rev: number;
  /** Newest purged tombstone's revision: the purge removes records without moving `rev`. */
  purgedRev: number;
}

/** The leader's departments: [''] for ban giám hiệu, else the tổ she heads; empty when not a leader. */
export async function leaderDepartments(ctx: StoreContext, userId: string): Promise<string[]> {
  const rows = await ctx.conn.db
    .selectFrom('user_roles as r')
    .innerJoin('users as me', 'me.id', 'r.user_id')
    .select('r.department')
    .where('r.user_id', '=', userId)
    .where('r.role', '=', 'leader')
    .where('me.active', '=', 1)
    .execute();
  return [...new Set(rows.map((r) => r.department))].sort();
}

/** Scopes of the teachers `leaderId` inspects (optionally one tổ), by name. */
export async function chargeScopes(ctx: StoreContext, leaderId: string, department?: string, scopeId?: string): Promise<ChargeScope[]> {
  let query = ctx.conn.db
    .selectFrom('scopes as s')
    .innerJoin('users as o', 'o.id', 's.owner_id')
    .innerJoin('users as me', (j) => j.onRef('me.school_id', '=', 's.school_id').on('me.id', '=', leaderId).on('me.active', '=', 1))
    .select(['s.id', 's.owner_id', 's.rev', 's.purged_rev', 'o.full_name', 'o.department', 'o.active'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select(sql.lit(1).as('one'))
          .where('r.user_id', '=', leaderId)
          .where('r.role', '=', 'leader')
          .where((d) => d.or([d('r.department', '=', ''), d('r.department', '=', d.ref('o.department'))])),
      ),
    )
    .orderBy('o.full_name')
    .orderBy('s.id');
  if (department !== undefined) query = query.where('o.department', '=', department);
  if (scopeId !== undefined) query = query.where('s.id', '=', scopeId);
  const rows = await query.execute();
  return rows.map((r) => ({
    scopeId: r.id,
    userId: r.owner_id,
    fullName: r.full_name,
    department: r.department,
    active: Number(r.active) === 1,
    rev: Number(r.rev),
    purgedRev: Number(r.purged_rev),
  }));
}

/** Read row by row: everything but entries (counted in SQL, read only when changed after a confirmation). */
const TABLES = ['schoolYears', 'reflections', 'observations', 'observedLessons', 'innovationTopics', 'skkn', 'confirmations'] as const;
/** Tables whose changes after a confirmation are "đã sửa sau khi xác nhận" (the teacher's own writing). */
const EDIT_TABLES = new Set(['entries', 'reflections', 'observations', 'innovationTopics', 'skkn']);
const FIELDS = ['schoolYearId', 'date', 'periods', 'bdtxProgram', 'status', 'kind', 'period', 'title', 'lessonTitle'] as const;
type Field = (typeof FIELDS)[number];

interface Row extends Record<Field, unknown> {
  scope_id: string;
  tbl: string;
  record_id: string;
  rev: number | string;
  deleted: number | string;
  updated_at: number | string;
  /** Filled in afterwards, only for entries listed as changed after a confirmation. */
  excerpt?: string;
  /** Whole JSON only for the small tables (schoolYears, confirmations). */
  data: string | null;
}

type RawRow = Omit<Row, Field> & { f: string | null } & Partial<Record<Field, unknown>>;

/**
 * The semester-relevant records of `scopeIds`, readable by `leaderId` as leader (checked again here).
 * Each row's JSON is parsed once by the database: SQLite's json_extract with several paths returns
 * them as one small JSON array; PostgreSQL casts to jsonb once per row (OFFSET 0 keeps the lateral
 * subquery from being inlined into one cast per field).
 */
async function loadRows(ctx: StoreContext, leaderId: string, scopeIds: string[], tables: readonly string[], revAbove?: ReadonlyMap<string, number>): Promise<Row[]> {
  const postgres = ctx.conn.kind === 'postgres';
  const columns = postgres
    ? sql.join(FIELDS.map((f) => sql`(x.j ->> ${sql.lit(f)}) as ${sql.ref(f)}`))
    : // Constant paths as literals: SQLite compiles a bound path again for every row.
      sql`json_extract(r.data, ${sql.join(FIELDS.map((f) => sql.lit('$.' + f)))}) as f`;
  const lateral = postgres ? sql`cross join lateral (select r.data::jsonb as j offset 0) x` : sql``;
  const result = await sql<RawRow>`
    select r.scope_id, r.tbl, r.record_id, r.rev, r.deleted, r.updated_at, ${columns},
           case when r.tbl in ('schoolYears', 'confirmations') then r.data end as data
    from records r
    join scopes s on s.id = r.scope_id
    join users o on o.id = s.owner_id
    join users me on me.id = ${leaderId} and me.active = 1 and me.school_id = s.school_id
    ${lateral}
    where r.scope_id in (${sql.join(scopeIds)})
      and r.tbl in (${sql.join([...tables])})
      ${revAbove ? sql`and (${sql.join([...revAbove].map(([id, rev]) => sql`(r.scope_id = ${id} and r.rev > ${rev})`), sql` or `)})` : sql``}
      and exists (select 1 from user_roles lr where lr.user_id = ${leaderId} and lr.role = 'leader'
                  and (lr.department = '' or lr.department = o.department))
  `.execute(ctx.conn.db);
  if (postgres) return result.rows as Row[];
  const rows = result.rows as Array<RawRow & Row>;
  for (const row of rows) {
    const values = row.f ? (JSON.parse(row.f) as unknown[]) : [];
    for (let i = 0; i < FIELDS.length; i++) row[FIELDS[i]!] = values[i] ?? null;
  }
  return rows;
}

interface EntryTotals {
  entries: number;
  tiet: number;
  byProgram: { '01': number; '02': number; '03': number };
}

/**
 * Entries of each teacher's semester counted and summed in the database (grouped by program), so a
 * logbook's hundreds of entries never travel to Node; each scope has its own date range.
 */
async function entryTotals(ctx: StoreContext, leaderId: string, ranges: ReadonlyArray<{ scopeId: string; from: string; to: string }>): Promise<Map<string, EntryTotals>> {
  const postgres = ctx.conn.kind === 'postgres';
  const field = (f: string) => (postgres ? sql`(x.j ->> ${sql.lit(f)})` : sql`json_extract(r.data, ${sql.lit('$.' + f)})`);
  const periods = postgres ? sql`sum((x.j ->> 'periods')::numeric)` : sql`sum(json_extract(r.data, '$.periods'))`;
  const lateral = postgres ? sql`cross join lateral (select r.data::jsonb as j offset 0) x` : sql``;
  const values = sql.join(ranges.map((r) => sql`(${r.scopeId}, ${r.from}, ${r.to})`));
  const result = await sql<{ scope_id: string; program: string | null; n: number | string; tiet: number | string | null }>`
    with ranges (scope_id, d_from, d_to) as (values ${values})
    select r.scope_id, ${field('bdtxProgram')} as program, count(*) as n, ${periods} as tiet
    from records r
    join ranges g on g.scope_id = r.scope_id
    join scopes s on s.id = r.scope_id
    join users o on o.id = s.owner_id
    join users me on me.id = ${leaderId} and me.active = 1 and me.school_id = s.school_id
    ${lateral}
    where r.tbl = 'entries' and r.deleted = 0
      and ${field('date')} between g.d_from and g.d_to
      and exists (select 1 from user_roles lr where lr.user_id = ${leaderId} and lr.role = 'leader'
                  and (lr.department = '' or lr.department = o.department))
    group by r.scope_id, ${field('bdtxProgram')}
  `.execute(ctx.conn.db);
  const totals = new Map<string, EntryTotals>();
  for (const row of result.rows) {
    let t = totals.get(row.scope_id);
    if (!t) totals.set(row.scope_id, (t = { entries: 0, tiet: 0, byProgram: { '01': 0, '02': 0, '03': 0 } }));
    const n = Number(row.n);
    const tiet = Number(row.tiet) || 0;
    t.entries += n;
    t.tiet += tiet;
    const program = row.program as '01' | '02' | '03' | null;
    if (program && BDTX_PROGRAM_CODES.includes(program)) t.byProgram[program] += tiet;
  }
  return totals;
}

/** The start of each listed entry's content (what a leader recognises it by), in one query per scope. */
async function addExcerpts(ctx: StoreContext, rows: Row[]): Promise<void> {
  const byScope = new Map<string, Row[]>();
  for (const row of rows) if (row.tbl === 'entries') byScope.set(row.scope_id, [...(byScope.get(row.scope_id) ?? []), row]);
  const excerpt = ctx.conn.kind === 'postgres' ? sql<string>`left(data::jsonb ->> 'content', 80)` : sql<string>`substr(json_extract(data, '$.content'), 1, 80)`;
  for (const [scopeId, list] of byScope) {
    const found = await ctx.conn.db
      .selectFrom('records')
      .select(['record_id', excerpt.as('excerpt')])
      .where('scope_id', '=', scopeId)
      .where('tbl', '=', 'entries')
      .where('record_id', 'in', list.map((r) => r.record_id))
      .execute();
    const byId = new Map(found.map((f) => [f.record_id, f.excerpt]));
    for (const row of list) row.excerpt = byId.get(row.record_id) ?? '';
  }
}

/** Every tổ with at least one logbook in the leader's school. */
async function schoolDepartmentsOf(ctx: StoreContext, leaderId: string): Promise<string[]> {
  const rows = await ctx.conn.db
    .selectFrom('users as o')
    .innerJoin('scopes as s', 's.owner_id', 'o.id')
    .innerJoin('users as me', (j) => j.onRef('me.school_id', '=', 'o.school_id').on('me.id', '=', leaderId))
    .select('o.department')
    .distinct()
    .execute();
  return rows.map((r) => r.department).sort((a, b) => a.localeCompare(b, 'vi'));
}

async function lastSyncs(ctx: StoreContext, userIds: string[]): Promise<Map<string, number>> {
  const rows = await ctx.conn.db
    .selectFrom('devices')
    .select(['user_id', (eb) => eb.fn.max('last_seen_at').as('last')])
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.last)]));
}

const TOPIC_RANK: Record<TopicStatus, number> = { registered: 1, inProgress: 2, summarised: 3 };
const SKKN_RANK: Record<SkknStatus, number> = { draft: 1, submitted: 2, recognised: 3 };

interface Semester {
  yearId: string;
  from: string;
  to: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The record belongs to the semester (entries, observations by date; reflections by period; yearly records by year). */
function inSemester(row: Row, semester: Semester, code: SemesterCode): boolean {
  switch (row.tbl) {
    case 'entries':
    case 'observations':
    case 'observedLessons': {
      const date = text(row.date);
      return date >= semester.from && date <= semester.to;
    }
    case 'reflections': {
      if (row.schoolYearId !== semester.yearId) return false;
      const period = text(row.period);
      return row.kind === 'semester' ? period === code : period >= semester.from.slice(0, 7) && period <= semester.to.slice(0, 7);
    }
    default:
      return row.schoolYearId === semester.yearId;
  }
}

function changed(row: Row): ChangedRecord {
  const label =
    row.tbl === 'entries' ? (row.excerpt ?? '') : row.tbl === 'observations' ? text(row.lessonTitle) : row.tbl === 'reflections' ? text(row.period) : text(row.title);
  return {
    table: row.tbl,
    id: row.record_id,
    date: typeof row.date === 'string' ? row.date : null,
    text: label,
    deleted: Number(row.deleted) === 1,
    changedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/** The school's own dates for the year, if it set them: part of every cached summary's stamp. */
function schoolDatesStamp(settings: SchoolSettings, year: number): string {
  const dates = settings.schoolYears.find((y) => y.startYear === year);
  return dates ? [dates.hk1Start, dates.hk1End, dates.hk2Start, dates.hk2End].join(' ') : '';
}

/**
 * Each scope's summary for the semester, computed from the store in one pass over `scopes` (the
 * leader's, from chargeScopes; the queries check her role again).
 */
async function summarise(ctx: StoreContext, leaderId: string, scopes: readonly ChargeScope[], query: OverviewQuery, settings: SchoolSettings): Promise<Map<string, ScopeSummary>> {
  const scopeIds = scopes.map((s) => s.scopeId);
  const rows = await loadRows(ctx, leaderId, scopeIds, TABLES);

  const byScope = new Map<string, Row[]>();
  const add = (row: Row) => {
    let list = byScope.get(row.scope_id);
    if (!list) byScope.set(row.scope_id, (list = []));
    list.push(row);
  };
  rows.forEach(add);

  // Each teacher's semester: the school's dates for the year, else her own, else the defaults.
  const semesters = new Map<string, Semester>();
  for (const scope of scopes) {
    const own = byScope.get(scope.scopeId) ?? [];
    const yearRow = own.find((r) => r.tbl === 'schoolYears' && Number(r.deleted) === 0 && r.data && (JSON.parse(r.data) as { startYear?: number }).startYear === query.year);
    // The school's dates for the year when it set them (even before the teacher's device adopted them).
    const dates = settings.schoolYears.find((y) => y.startYear === query.year) ?? (yearRow?.data ? (JSON.parse(yearRow.data) as { hk1Start: string; hk1End: string; hk2Start: string; hk2End: string }) : defaultSchoolYearDates(query.year));
    const range = semesterRange({ startYear: query.year, ...dates }, query.semester);
    semesters.set(scope.scopeId, { yearId: yearRow?.record_id ?? `nam-hoc-${query.year}`, ...range });
  }
  const totals = await entryTotals(ctx, leaderId, scopes.map((s) => ({ scopeId: s.scopeId, ...semesters.get(s.scopeId)! })));

  // Entries changed after the oldest confirmation of the semester, per confirmed logbook.
  const revAbove = new Map<string, number>();
  for (const row of rows) {
    if (row.tbl !== 'confirmations' || Number(row.deleted) === 1) continue;
    const data = JSON.parse(row.data ?? '{}') as { semester?: string; schoolYearId?: string; logbookRev?: number };
    if (data.semester !== query.semester) continue;
    const rev = Number(data.logbookRev) || 0;
    revAbove.set(row.scope_id, Math.min(rev, revAbove.get(row.scope_id) ?? rev));
  }
  if (revAbove.size > 0) (await loadRows(ctx, leaderId, [...revAbove.keys()], ['entries'], revAbove)).forEach(add);

  // Rows listed as changed after a confirmation: their labels are filled in once the excerpts are read.
  const listed: Array<{ summary: ConfirmationSummary; rows: Row[] }> = [];
  const summaries = new Map<string, ScopeSummary>();
  for (const scope of scopes) {
    const own = byScope.get(scope.scopeId) ?? [];
    const semester = semesters.get(scope.scopeId)!;
    const entryTotal = totals.get(scope.scopeId);
    let observations = 0;
    let observedLessons = 0;
    let topic: TopicStatus | null = null;
    let skkn: SkknStatus | null = null;
    const confirmationRows: Array<{ id: string; data: Record<string, unknown> }> = [];
    const edits: Array<{ rev: number; row: Row }> = [];

    for (const row of own) {
      if (row.tbl === 'schoolYears' || !inSemester(row, semester, query.semester)) continue;
      const rev = Number(row.rev);
      if (EDIT_TABLES.has(row.tbl)) edits.push({ rev, row });
      if (Number(row.deleted) === 1) continue;
      switch (row.tbl) {
        case 'observations':
          observations += 1;
          break;
        case 'observedLessons':
          observedLessons += 1;
          break;
        case 'innovationTopics': {
          const status = row.status as TopicStatus;
          if (status in TOPIC_RANK && (!topic || TOPIC_RANK[status] > TOPIC_RANK[topic])) topic = status;
          break;
        }
        case 'skkn': {
          const status = row.status as SkknStatus;
          if (status in SKKN_RANK && (!skkn || SKKN_RANK[status] > SKKN_RANK[skkn])) skkn = status;
          break;
        }
        case 'confirmations': {
          const data = JSON.parse(row.data ?? '{}') as Record<string, unknown>;
          if (data.semester === query.semester) confirmationRows.push({ id: row.record_id, data });
          break;
        }
      }
    }

    edits.sort((a, b) => b.rev - a.rev);
    const confirmations = confirmationRows
      .map(({ id, data }): ConfirmationSummary => {
        const logbookRev = Number(data.logbookRev) || 0;
        const after = edits.filter((e) => e.rev > logbookRev);
        const summary: ConfirmationSummary = {
          id,
          authorUserId: text(data.authorUserId),
          authorName: text(data.authorName),
          authorRole: data.authorRole === 'hieuTruong' ? 'hieuTruong' : 'toTruong',
          remark: text(data.remark),
          confirmedAt: text(data.confirmedAt),
          logbookRev,
          changedAfter: [],
          changedCount: after.length,
        };
        listed.push({ summary, rows: after.slice(0, MAX_CHANGED_LISTED).map((e) => e.row) });
        return summary;
      })
      .sort((a, b) => b.confirmedAt.localeCompare(a.confirmedAt));

    summaries.set(scope.scopeId, {
      entries: entryTotal?.entries ?? 0,
      tietByProgram: entryTotal?.byProgram ?? { '01': 0, '02': 0, '03': 0 },
      tietTotal: entryTotal?.tiet ?? 0,
      observations,
      observedLessons,
      innovationTopic: topic,
      skkn,
      confirmations,
    });
  }

  await addExcerpts(ctx, listed.flatMap((l) => l.rows));
  for (const { summary, rows: changedRows } of listed) summary.changedAfter = changedRows.map(changed);
  return summaries;
}

/**
 * The overview for `leaderId`, who must be a leader (the route checks the role; the queries check it
 * again). Who is in her charge, their names, last syncs and the minimums are read on every request;
 * each logbook's figures come from ctx.overviews when its revision has not moved since (overviewCache.ts),
 * and only the logbooks that changed are read again.
 */
export async function leaderOverview(ctx: StoreContext, leaderId: string, query: OverviewQuery, settings: SchoolSettings): Promise<OverviewResponse> {
  // Accounts changed while this request runs (a teacher moved to another tổ, a role taken away): the
  // authorised queries below may have left her records out; what they computed is not kept.
  const accounts = ctx.access?.generation.clears;
  const departments = await leaderDepartments(ctx, leaderId);
  const wholeSchool = departments.includes('');
  const scopes = await chargeScopes(ctx, leaderId, query.department, query.scopeId);
  const dates = schoolDatesStamp(settings, query.year);
  const key = (scope: ChargeScope) => `${scope.scopeId} ${query.year} ${query.semester}`;
  const stamp = (scope: ChargeScope) => `${scope.rev} ${scope.purgedRev} ${dates}`;

  const summaries = new Map<string, ScopeSummary>();
  const stale: ChargeScope[] = [];
  for (const scope of scopes) {
    const hit = ctx.overviews?.get(key(scope), stamp(scope));
    if (hit) summaries.set(scope.scopeId, hit);
    else stale.push(scope);
  }
  if (stale.length > 0) {
    const fresh = await summarise(ctx, leaderId, stale, query, settings);
    const keep = ctx.access?.generation.clears === accounts;
    for (const scope of stale) {
      const summary = fresh.get(scope.scopeId)!;
      summaries.set(scope.scopeId, summary);
      if (keep) ctx.overviews?.set(key(scope), stamp(scope), summary);
    }
  }
  const syncs = scopes.length > 0 ? await lastSyncs(ctx, scopes.map((s) => s.userId)) : new Map<string, number>();

  const minTiet = settings.minTietPerProgram;
  const teachers = scopes.map((scope): OverviewTeacher => {
    const summary = summaries.get(scope.scopeId)!;
    const behind: OverviewTeacher['behind'] = BDTX_PROGRAM_CODES.filter((p) => summary.tietByProgram[p] < minTiet[p]);
    if (summary.observations < settings.minObservationsPerSemester) behind.push('observations');
    const last = syncs.get(scope.userId);
    return {
      userId: scope.userId,
      scopeId: scope.scopeId,
      fullName: scope.fullName,
      department: scope.department,
      active: scope.active,
      rev: scope.rev,
      ...summary,
      lastSyncAt: last ? new Date(last).toISOString() : null,
      behind,
    };
  });

  const schoolDepartments = wholeSchool ? await schoolDepartmentsOf(ctx, leaderId) : departments;
  return {
    year: query.year,
    semester: query.semester,
    minimums: { tietPerProgram: minTiet, observations: settings.minObservationsPerSemester },
    departments: schoolDepartments,
    wholeSchool,
    teachers,
    generatedAt: new Date(ctx.now()).toISOString(),
  };
}

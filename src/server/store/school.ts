import { parseSchoolSettings, schoolCurrentYear, schoolSettingsSchema, type SchoolSettings } from '../../domain/schoolSettings.ts';
import type { SchoolContext } from '../../sync/protocol.ts';
import { defineQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { StoreContext } from './context.ts';

/**
 * The school context delivered with sync (settings, directory, mentor pairs) and its version counter
 * `schools.version`: bumped by triggers on every change of the school's users, roles and mentor pairs
 * (migration 3) and by updateSchoolSettings, so a client holding version n knows its copy is current.
 */

/** Parsed settings by their stored text: they change rarely, and parsing validates the whole object. */
const parsedSettings = new Map<string, SchoolSettings>();

/**
 * parseSchoolSettings, remembered by the stored text, for the sync hot path (every request reads the
 * school's current year). The object is shared between requests: read it, never change it.
 */
export function storedSchoolSettings(text: string): SchoolSettings {
  let settings = parsedSettings.get(text);
  if (!settings) {
    settings = parseSchoolSettings(text);
    if (parsedSettings.size >= 64) parsedSettings.delete(parsedSettings.keys().next().value!);
    parsedSettings.set(text, settings);
  }
  return settings;
}

const userSchool = defineQuery<{ userId: string }, { id: string; name: string; settings: string; version: number }>('school.ofUser', (db, p) =>
  db.selectFrom('users as me').innerJoin('schools as sc', 'sc.id', 'me.school_id').select(['sc.id', 'sc.name', 'sc.settings', 'sc.version']).where('me.id', '=', p('userId')),
);

export async function schoolVersion(ctx: StoreContext, schoolId: string): Promise<string | null> {
  const row = await ctx.conn.db.selectFrom('schools').select('version').where('id', '=', schoolId).executeTakeFirst();
  return row ? String(row.version) : null;
}

export async function getSchoolSettings(ctx: StoreContext, schoolId: string): Promise<SchoolSettings> {
  const row = await ctx.conn.db.selectFrom('schools').select('settings').where('id', '=', schoolId).executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'Không tìm thấy trường.');
  return parseSchoolSettings(row.settings);
}

/**
 * Merges `patch` over the current settings, validates the result (400 with the field's message when it
 * fails), stores it and bumps the school version. Returns the new settings.
 */
export async function updateSchoolSettings(
  ctx: StoreContext,
  schoolId: string,
  patch: Partial<SchoolSettings>,
  /** Runs in the same transaction before the write (the leaders' audit log). */
  onChange?: (trx: Db, before: SchoolSettings, after: SchoolSettings) => Promise<void>,
): Promise<SchoolSettings> {
  return ctx.conn.writeTransaction(async (trx) => {
    const row = await trx
      .selectFrom('schools')
      .select('settings')
      .where('id', '=', schoolId)
      .$if(ctx.conn.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new ApiError('not_found', 'Không tìm thấy trường.');
    const parsed = schoolSettingsSchema.safeParse({ ...parseSchoolSettings(row.settings), ...patch });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      throw new ApiError('invalid_request', 'Cài đặt của trường không hợp lệ.', { issues });
    }
    await onChange?.(trx, parseSchoolSettings(row.settings), parsed.data);
    await trx
      .updateTable('schools')
      .set((eb) => ({ settings: JSON.stringify(parsed.data), version: eb('version', '+', 1) }))
      .where('id', '=', schoolId)
      .execute();
    return parsed.data;
  });
}

/** The context for `userId` when her school's version differs from `knownVersion`, else null. */
export async function schoolContextFor(ctx: StoreContext, userId: string, knownVersion: string | undefined): Promise<SchoolContext | null> {
  const db = ctx.conn.db;
  const school = await ctx.conn.query.first(userSchool, { userId });
  if (!school) return null;
  const settings = storedSchoolSettings(school.settings);
  // Only the current school year's pairs are in the context; the year is part of the version, so a
  // client's copy is refreshed at the turn of the year without any write.
  const year = schoolCurrentYear(ctx.now(), settings);
  const version = `${school.version}.${year}`;
  if (version === knownVersion) return null;
  const users = await db.selectFrom('users').select(['id', 'full_name', 'department', 'active']).where('school_id', '=', school.id).orderBy('full_name').orderBy('id').execute();
  const pairs = await db
    .selectFrom('mentorships')
    .select(['mentor_id', 'teacher_id'])
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('teacher_id', '=', userId)]))
    .where('start_year', '=', year)
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  const peer = (id: string) => {
    const u = byId.get(id);
    return u ? [{ userId: u.id, fullName: u.full_name, department: u.department }] : [];
  };
  const byName = (a: { fullName: string }, b: { fullName: string }) => a.fullName.localeCompare(b.fullName, 'vi');
  return {
    version,
    schoolId: school.id,
    schoolName: school.name,
    settings,
    directory: users.map((u) => ({ userId: u.id, fullName: u.full_name, department: u.department, active: Number(u.active) === 1 })),
    mentorships: {
      mentees: pairs.filter((p) => p.mentor_id === userId).flatMap((p) => peer(p.teacher_id)).sort(byName),
      mentors: pairs.filter((p) => p.teacher_id === userId).flatMap((p) => peer(p.mentor_id)).sort(byName),
    },
  };
}

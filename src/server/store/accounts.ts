import type { ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import { parseSchoolSettings, schoolCurrentYear } from '../../domain/schoolSettings.ts';
import type { ActivationResponse, MentorshipList, Role, UserInfo, createUserRequestSchema, updateUserRequestSchema } from '../../sync/protocol.ts';
import { activationHash, burnPasswordCheck, hashPassword, newActivationCode, newId, newToken, sha256, verifyPassword } from '../auth/crypto.ts';
import { defineQuery } from '../db/prepared.ts';
import type { Database, Db } from '../db/schema.ts';
import { ApiError, MESSAGES } from '../errors.ts';
import { auditSubject, writeAudit } from './audit.ts';
import { accountsChanged, ACTIVATION_DAYS, DAY_MS, SESSION_IDLE_DAYS, type StoreContext } from './context.ts';

/**
 * Schools, users, roles, activation codes and sessions. Every query that touches another user is
 * limited to the caller's school in the query itself.
 */

export type NewUser = z.output<typeof createUserRequestSchema>;
export type UserPatch = z.output<typeof updateUserRequestSchema>;
type RoleGrant = { role: Role; department?: string | undefined };
/** Who asks for an admin action, for the audit log (written in the action's transaction). */
export interface AuditBy {
  actor: { id: string; name: string };
  ip?: string | null;
}

export async function createSchool(ctx: StoreContext, name: string): Promise<{ id: string; name: string }> {
  const school = { id: newId(), name: name.trim(), created_at: ctx.now() };
  await ctx.conn.db.insertInto('schools').values(school).execute();
  return { id: school.id, name: school.name };
}

export async function findSchool(ctx: StoreContext, idOrName: string): Promise<{ id: string; name: string } | null> {
  const row = await ctx.conn.db
    .selectFrom('schools')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row ?? null;
}

function normaliseRoles(roles: RoleGrant[]): Array<{ role: Role; department: string }> {
  const seen = new Map<string, { role: Role; department: string }>();
  for (const grant of roles) {
    const department = grant.role === 'leader' ? (grant.department ?? '').trim() : '';
    seen.set(`${grant.role}|${department}`, { role: grant.role, department });
  }
  return [...seen.values()];
}

async function writeRoles(trx: Db, schoolId: string, userId: string, roles: RoleGrant[], now: number): Promise<void> {
  const grants = normaliseRoles(roles);
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await trx
    .insertInto('user_roles')
    .values(grants.map((g) => ({ user_id: userId, role: g.role, department: g.department })))
    .execute();
  if (grants.some((g) => g.role === 'teacher')) {
    // Each teacher owns one logbook scope; it is kept (with its data) if the role is removed later.
    await trx
      .insertInto('scopes')
      .values({ id: newId(), school_id: schoolId, owner_id: userId, rev: 0, purged_rev: 0, created_at: now })
      .onConflict((oc) => oc.column('owner_id').doNothing())
      .execute();
  }
}

function newActivation(now: number): { code: string; hash: string; expiresAt: number } {
  const code = newActivationCode();
  return { code, hash: activationHash(code), expiresAt: now + ACTIVATION_DAYS * DAY_MS };
}

export async function createUser(ctx: StoreContext, schoolId: string, input: NewUser, by?: AuditBy): Promise<ActivationResponse> {
  const now = ctx.now();
  const id = newId();
  const activation = newActivation(now);
  await ctx.conn.writeTransaction(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new ApiError('username_taken', MESSAGES.usernameTaken);
    const school = await trx.selectFrom('schools').select('id').where('id', '=', schoolId).executeTakeFirst();
    if (!school) throw new ApiError('not_found', 'Không tìm thấy trường.');
    await trx
      .insertInto('users')
      .values({
        id,
        school_id: schoolId,
        username: input.username,
        full_name: input.fullName,
        department: input.department,
        password_hash: null,
        activation_hash: activation.hash,
        activation_expires_at: activation.expiresAt,
        active: 1,
        created_at: now,
      })
      .execute();
    await writeRoles(trx, schoolId, id, input.roles, now);
    if (by) {
      const roles = normaliseRoles(input.roles);
      await writeAudit(trx, { schoolId, action: 'user.create', actor: by.actor, target: { id, name: input.fullName }, detail: { username: input.username, department: input.department, roles }, ip: by.ip, at: now });
    }
  });
  accountsChanged(ctx);
  const user = await getUser(ctx, id);
  return { user: user!, activationCode: activation.code, expiresAt: new Date(activation.expiresAt).toISOString() };
}

/** The user, or null; with `schoolId` only within that school. */
export async function getUser(ctx: StoreContext, userId: string, schoolId?: string): Promise<UserInfo | null> {
  const users = await loadUsers(ctx, { userId, schoolId });
  return users[0] ?? null;
}

export async function listUsers(ctx: StoreContext, schoolId: string): Promise<UserInfo[]> {
  return loadUsers(ctx, { schoolId });
}

async function loadUsers(ctx: StoreContext, where: { userId?: string; schoolId?: string | undefined; username?: string }): Promise<UserInfo[]> {
  const db = ctx.conn.db;
  let query = db
    .selectFrom('users')
    .innerJoin('schools', 'schools.id', 'users.school_id')
    .leftJoin('scopes', 'scopes.owner_id', 'users.id')
    .select([
      'users.id',
      'users.school_id',
      'schools.name as school_name',
      'users.username',
      'users.full_name',
      'users.department',
      'users.active',
      'scopes.id as scope_id',
    ])
    .orderBy('users.username');
  if (where.userId) query = query.where('users.id', '=', where.userId);
  if (where.schoolId) query = query.where('users.school_id', '=', where.schoolId);
  if (where.username) query = query.where('users.username', '=', where.username);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role', 'department'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('role')
    .orderBy('department')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    username: r.username,
    fullName: r.full_name,
    department: r.department,
    active: Number(r.active) === 1,
    scopeId: r.scope_id ?? null,
    roles: roles.filter((g) => g.user_id === r.id).map((g) => ({ role: g.role as Role, department: g.department })),
  }));
}

export async function updateUser(ctx: StoreContext, schoolId: string, userId: string, patch: UserPatch, by?: AuditBy): Promise<UserInfo> {
  await ctx.conn.writeTransaction(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'full_name', 'department', 'active'])
      .where('id', '=', userId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (!user) throw new ApiError('not_found', 'Không tìm thấy người dùng.');
    if (by) await auditUserChanges(trx, schoolId, user, patch, by, ctx.now());
    const values: { full_name?: string; department?: string; active?: number } = {};
    if (patch.fullName !== undefined) values.full_name = patch.fullName;
    if (patch.department !== undefined) values.department = patch.department;
    if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
    if (Object.keys(values).length > 0) await trx.updateTable('users').set(values).where('id', '=', userId).execute();
    if (patch.roles) await writeRoles(trx, schoolId, userId, patch.roles, ctx.now());
    if (patch.active === false) await revokeAll(trx, userId, ctx.now());
  });
  accountsChanged(ctx);
  return (await getUser(ctx, userId, schoolId))!;
}

/** One audit row per kind of change (details, roles, activation), each only when something changes. */
async function auditUserChanges(
  trx: Db,
  schoolId: string,
  user: { id: string; full_name: string; department: string; active: number },
  patch: UserPatch,
  by: AuditBy,
  at: number,
): Promise<void> {
  const target = { id: user.id, name: patch.fullName ?? user.full_name };
  const base = { schoolId, actor: by.actor, target, ip: by.ip, at };
  const details: Record<string, { from: string; to: string }> = {};
  if (patch.fullName !== undefined && patch.fullName !== user.full_name) details.fullName = { from: user.full_name, to: patch.fullName };
  if (patch.department !== undefined && patch.department !== user.department) details.department = { from: user.department, to: patch.department };
  if (Object.keys(details).length > 0) await writeAudit(trx, { ...base, action: 'user.update', detail: details });
  if (patch.roles) {
    const order = (a: { role: string; department: string }, b: { role: string; department: string }) => (a.role + '|' + a.department < b.role + '|' + b.department ? -1 : 1);
    const before = (await trx.selectFrom('user_roles').select(['role', 'department']).where('user_id', '=', user.id).execute()).sort(order);
    const after = normaliseRoles(patch.roles).sort(order);
    if (JSON.stringify(before) !== JSON.stringify(after)) await writeAudit(trx, { ...base, action: 'user.roles', detail: { from: before, to: after } });
  }
  if (patch.active !== undefined && patch.active !== (Number(user.active) === 1)) {
    await writeAudit(trx, { ...base, action: patch.active ? 'user.reactivate' : 'user.deactivate' });
  }
}

async function revokeAll(trx: Db, userId: string, now: number): Promise<number> {
  const result = await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every session of a user of the school. Returns how many were open. */
export async function revokeSessions(ctx: StoreContext, schoolId: string, userId: string, by?: AuditBy): Promise<number> {
  const count = await ctx.conn.writeTransaction(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'full_name']).where('id', '=', userId).where('school_id', '=', schoolId).executeTakeFirst();
    if (!user) throw new ApiError('not_found', 'Không tìm thấy người dùng.');
    const revoked = await revokeAll(trx, userId, ctx.now());
    if (by) await writeAudit(trx, { schoolId, action: 'user.revoke', actor: by.actor, target: { id: user.id, name: user.full_name }, detail: { sessions: revoked }, ip: by.ip, at: ctx.now() });
    return revoked;
  });
  accountsChanged(ctx);
  return count;
}

/** A new one-time activation code; the old password and sessions stop working. */
export async function resetActivation(ctx: StoreContext, schoolId: string, userId: string, by?: AuditBy): Promise<ActivationResponse> {
  const now = ctx.now();
  const activation = newActivation(now);
  await ctx.conn.writeTransaction(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ password_hash: null, activation_hash: activation.hash, activation_expires_at: activation.expiresAt })
      .where('id', '=', userId)
      .where('school_id', '=', schoolId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ApiError('not_found', 'Không tìm thấy người dùng.');
    await revokeAll(trx, userId, now);
    const subject = by ? await auditSubject(trx, userId) : null;
    if (by && subject) await writeAudit(trx, { schoolId, action: 'user.reset', actor: by.actor, target: subject, ip: by.ip, at: now });
  });
  accountsChanged(ctx);
  const user = await getUser(ctx, userId, schoolId);
  return { user: user!, activationCode: activation.code, expiresAt: new Date(activation.expiresAt).toISOString() };
}

export type CredentialCheck = { ok: true; userId: string } | { ok: false; reason: 'bad' | 'disabled' };

/** Sets the password with a valid one-time code. */
export async function activate(ctx: StoreContext, username: string, code: string, password: string): Promise<CredentialCheck> {
  const now = ctx.now();
  const hash = await hashPassword(password, ctx.scryptN);
  return ctx.conn.writeTransaction(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'active'])
      .where('username', '=', username)
      .where('activation_hash', '=', activationHash(code))
      .where('activation_expires_at', '>', now)
      .executeTakeFirst();
    if (!user) return { ok: false, reason: 'bad' } as const;
    if (Number(user.active) !== 1) return { ok: false, reason: 'disabled' } as const;
    await trx.updateTable('users').set({ password_hash: hash, activation_hash: null, activation_expires_at: null }).where('id', '=', user.id).execute();
    return { ok: true, userId: user.id } as const;
  });
}

export async function checkPassword(ctx: StoreContext, username: string, password: string): Promise<CredentialCheck> {
  const user = await ctx.conn.db.selectFrom('users').select(['id', 'password_hash', 'active']).where('username', '=', username).executeTakeFirst();
  if (!user?.password_hash) {
    await burnPasswordCheck(password, ctx.scryptN);
    return { ok: false, reason: 'bad' };
  }
  if (!(await verifyPassword(password, user.password_hash))) return { ok: false, reason: 'bad' };
  if (Number(user.active) !== 1) return { ok: false, reason: 'disabled' };
  return { ok: true, userId: user.id };
}

export async function createSession(ctx: StoreContext, userId: string, audit?: { action: 'login' | 'activate'; ip?: string | null }): Promise<string> {
  const token = newToken();
  const now = ctx.now();
  const values = { token_hash: sha256(token), user_id: userId, created_at: now, last_used_at: now, revoked_at: null };
  if (!audit) {
    await ctx.conn.db.insertInto('sessions').values(values).execute();
    return token;
  }
  await ctx.conn.writeTransaction(async (trx) => {
    await trx.insertInto('sessions').values(values).execute();
    const subject = await auditSubject(trx, userId);
    if (subject) await writeAudit(trx, { schoolId: subject.schoolId, action: audit.action, actor: subject, target: subject, ip: audit.ip, at: now });
  });
  return token;
}

/** A failed login or activation of a known username (unknown names belong to no school: not logged). */
export async function auditFailedLogin(ctx: StoreContext, username: string, reason: 'password' | 'disabled' | 'activation', ip: string | null): Promise<void> {
  const user = await ctx.conn.db.selectFrom('users').select(['id', 'full_name', 'school_id']).where('username', '=', username).executeTakeFirst();
  if (!user) return;
  const subject = { id: user.id, name: user.full_name };
  await ctx.conn.writeTransaction((trx) => writeAudit(trx, { schoolId: user.school_id, action: 'login.failed', actor: null, target: subject, detail: { username, reason }, ip, at: ctx.now() }));
}

/** The active user of a live session, refreshing its idle timer; null when expired, revoked or disabled. */
export async function authenticate(ctx: StoreContext, token: string): Promise<UserInfo | null> {
  const now = ctx.now();
  const tokenHash = sha256(token);
  const idleSince = now - SESSION_IDLE_DAYS * DAY_MS;
  const cached = ctx.sessions?.get(tokenHash, now);
  if (cached && cached.lastUsedAt > idleSince) {
    if (now - cached.lastUsedAt > LAST_USED_REFRESH_MS) {
      await touchSession(ctx, tokenHash, now);
      cached.lastUsedAt = now;
    }
    return cached.user;
  }
  const generation = ctx.sessions?.generation;
  const session = await ctx.conn.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_used_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.last_used_at', '>', idleSince)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!session) {
    ctx.sessions?.delete(tokenHash);
    return null;
  }
  let lastUsedAt = Number(session.last_used_at);
  if (now - lastUsedAt > LAST_USED_REFRESH_MS) {
    await touchSession(ctx, tokenHash, now);
    lastUsedAt = now;
  }
  const user = await getUser(ctx, session.user_id);
  if (user) ctx.sessions?.set(tokenHash, { user, lastUsedAt }, now, generation);
  return user;
}

/** A sync loop should not write on every page: the idle timer moves at most once a minute. */
const LAST_USED_REFRESH_MS = 60_000;

// Compiled once (db/prepared.ts): it runs on the sync path, and moves nothing another cache holds.
const touchQuery = defineQuery<{ tokenHash: string; now: number }>('accounts.touchSession', (db, p) =>
  db.updateTable('sessions').set({ last_used_at: p('now') }).where('token_hash', '=', p('tokenHash')),
);

async function touchSession(ctx: StoreContext, tokenHash: string, now: number): Promise<void> {
  await ctx.conn.query.run(touchQuery, { tokenHash, now });
}

export async function logout(ctx: StoreContext, token: string): Promise<void> {
  const tokenHash = sha256(token);
  await ctx.conn.db.updateTable('sessions').set({ revoked_at: ctx.now() }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
  ctx.sessions?.delete(tokenHash);
}

/** The school's current school year at the context's time (mentor pairs of that year grant access). */
export async function schoolYearNow(ctx: StoreContext, schoolId: string, db: Db = ctx.conn.db): Promise<number> {
  const row = await db.selectFrom('schools').select('settings').where('id', '=', schoolId).executeTakeFirst();
  return schoolCurrentYear(ctx.now(), row ? parseSchoolSettings(row.settings) : null);
}

/** Pairs `mentorId` with `teacherId` for school year `year` (default: the current one). Already paired: nothing changes. */
export async function addMentorship(ctx: StoreContext, schoolId: string, mentorId: string, teacherId: string, by?: AuditBy, year?: number): Promise<void> {
  await ctx.conn.writeTransaction(async (trx) => {
    const both = await trx.selectFrom('users').select(['id', 'full_name']).where('school_id', '=', schoolId).where('id', 'in', [mentorId, teacherId]).execute();
    if (both.length !== new Set([mentorId, teacherId]).size || mentorId === teacherId) {
      throw new ApiError('not_found', 'Không tìm thấy giáo viên hoặc người kèm cặp trong trường.');
    }
    const startYear = year ?? (await schoolYearNow(ctx, schoolId, trx));
    const added = await trx
      .insertInto('mentorships')
      .values({ mentor_id: mentorId, teacher_id: teacherId, start_year: startYear, created_at: ctx.now() })
      .onConflict((oc) => oc.columns(['mentor_id', 'teacher_id', 'start_year']).doNothing())
      .executeTakeFirst();
    if (by && Number(added.numInsertedOrUpdatedRows ?? 0) > 0) await auditMentorship(trx, schoolId, 'mentorship.add', both, mentorId, teacherId, startYear, by, ctx.now());
  });
  accountsChanged(ctx);
}

async function auditMentorship(
  trx: Db,
  schoolId: string,
  action: 'mentorship.add' | 'mentorship.remove',
  users: Array<{ id: string; full_name: string }>,
  mentorId: string,
  teacherId: string,
  year: number,
  by: AuditBy,
  at: number,
): Promise<void> {
  const name = (id: string) => users.find((u) => u.id === id)?.full_name ?? '';
  await writeAudit(trx, { schoolId, action, actor: by.actor, target: { id: teacherId, name: name(teacherId) }, detail: { mentorId, mentorName: name(mentorId), year }, ip: by.ip, at });
}

/** Ends the pair for school year `year` (default: the current one); the former mentor loses access at her next sync. */
export async function removeMentorship(ctx: StoreContext, schoolId: string, mentorId: string, teacherId: string, by?: AuditBy, year?: number): Promise<void> {
  await ctx.conn.writeTransaction(async (trx) => {
    const startYear = year ?? (await schoolYearNow(ctx, schoolId, trx));
    const removed = await trx
      .deleteFrom('mentorships')
      .where('mentor_id', '=', mentorId)
      .where('teacher_id', '=', teacherId)
      .where('start_year', '=', startYear)
      .where('mentor_id', 'in', (eb) => eb.selectFrom('users').select('id').where('school_id', '=', schoolId))
      .executeTakeFirst();
    if (!by || Number(removed.numDeletedRows) === 0) return;
    const users = await trx.selectFrom('users').select(['id', 'full_name']).where('school_id', '=', schoolId).where('id', 'in', [mentorId, teacherId]).execute();
    await auditMentorship(trx, schoolId, 'mentorship.remove', users, mentorId, teacherId, startYear, by, ctx.now());
  });
  accountsChanged(ctx);
}

/** Pairs of one school year whose mentor and teacher are both of the school (`m`, `mentor`, `teacher`). */
function pairsOfYear(db: Db, schoolId: string, year: number) {
  return db
    .selectFrom('mentorships as m')
    .innerJoin('users as mentor', 'mentor.id', 'm.mentor_id')
    .innerJoin('users as teacher', 'teacher.id', 'm.teacher_id')
    .where('m.start_year', '=', year)
    .where('mentor.school_id', '=', schoolId)
    .where('teacher.school_id', '=', schoolId);
}

/**
 * The school's mentor pairs of school year `year` (default: the current one), with names, by mentor
 * then teacher name; and the years that have pairs, for the year picker.
 */
export async function listMentorships(ctx: StoreContext, schoolId: string, year?: number): Promise<MentorshipList> {
  const db = ctx.conn.db;
  const currentYear = await schoolYearNow(ctx, schoolId);
  const wanted = year ?? currentYear;
  const inSchool = (eb: ExpressionBuilder<Database & { m: Database['mentorships'] }, 'm'>) =>
    eb.exists(eb.selectFrom('users as t').select('t.id').whereRef('t.id', '=', 'm.teacher_id').where('t.school_id', '=', schoolId));
  const rows = await pairsOfYear(db, schoolId, wanted)
    .select(['m.mentor_id', 'mentor.full_name as mentor_name', 'm.teacher_id', 'teacher.full_name as teacher_name', 'm.start_year', 'm.created_at'])
    .execute();
  const years = await db.selectFrom('mentorships as m').select('m.start_year').distinct().where(inSchool).execute();
  const mentorships = rows
    .map((r) => ({
      mentorId: r.mentor_id,
      mentorName: r.mentor_name,
      teacherId: r.teacher_id,
      teacherName: r.teacher_name,
      year: Number(r.start_year),
      createdAt: new Date(Number(r.created_at)).toISOString(),
    }))
    .sort((a, b) => a.mentorName.localeCompare(b.mentorName, 'vi') || a.teacherName.localeCompare(b.teacherName, 'vi'));
  const allYears = [...new Set([currentYear, wanted, ...years.map((y) => Number(y.start_year))])].sort((a, b) => b - a);
  return { year: wanted, currentYear, years: allYears, mentorships };
}

/**
 * Copies the pairs of school year `from` (default: the year before `to`) into `to` (default: the
 * current one), for the users still active; pairs already in `to` stay as they are. Returns how many were added.
 */
export async function copyMentorships(ctx: StoreContext, schoolId: string, options: { from?: number | undefined; to?: number | undefined }, by?: AuditBy): Promise<{ from: number; to: number; copied: number }> {
  const result = await ctx.conn.writeTransaction(async (trx) => {
    const to = options.to ?? (await schoolYearNow(ctx, schoolId, trx));
    const from = options.from ?? to - 1;
    if (from === to) throw new ApiError('invalid_request', 'Năm học nguồn và năm học đích phải khác nhau.');
    const source = await pairsOfYear(trx, schoolId, from).select(['m.mentor_id', 'm.teacher_id']).where('mentor.active', '=', 1).where('teacher.active', '=', 1).execute();
    let copied = 0;
    for (const pair of source) {
      const added = await trx
        .insertInto('mentorships')
        .values({ mentor_id: pair.mentor_id, teacher_id: pair.teacher_id, start_year: to, created_at: ctx.now() })
        .onConflict((oc) => oc.columns(['mentor_id', 'teacher_id', 'start_year']).doNothing())
        .executeTakeFirst();
      copied += Number(added.numInsertedOrUpdatedRows ?? 0) > 0 ? 1 : 0;
    }
    if (by && copied > 0) await writeAudit(trx, { schoolId, action: 'mentorship.copy', actor: by.actor, detail: { from, to, copied }, ip: by.ip, at: ctx.now() });
    return { from, to, copied };
  });
  accountsChanged(ctx);
  return result;
}

/** Sets a password directly (the demo school and the CLI's tests; real users use an activation code). */
export async function setPassword(ctx: StoreContext, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password, ctx.scryptN);
  await ctx.conn.db.updateTable('users').set({ password_hash: hash, activation_hash: null, activation_expires_at: null }).where('id', '=', userId).execute();
}

export async function findUserByUsername(ctx: StoreContext, username: string): Promise<UserInfo | null> {
  const users = await loadUsers(ctx, { username: username.trim().toLowerCase() });
  return users[0] ?? null;
}

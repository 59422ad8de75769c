import { newId } from '../auth/crypto.ts';
import type { Db } from '../db/schema.ts';
import type { AuditAction, AuditEntry, AuditPage, AuditQuery } from '../../sync/leaderApi.ts';
import { auditQuerySchema } from '../../sync/leaderApi.ts';
import type { StoreContext } from './context.ts';

/**
 * The audit log: insert only. Callers pass their transaction so the row commits or rolls back with
 * the action it records; reads are limited to one school in the query.
 */

export interface AuditInput {
  schoolId: string;
  action: AuditAction;
  /** Who acted (null: the server itself, or an unknown person). */
  actor?: { id: string; name: string } | null;
  /** Who or what was acted on. */
  target?: { id: string; name: string } | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  at: number;
}

export async function writeAudit(trx: Db, input: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      school_id: input.schoolId,
      at: input.at,
      action: input.action,
      actor_id: input.actor?.id ?? null,
      actor_name: input.actor?.name ?? '',
      target_id: input.target?.id ?? null,
      target_name: input.target?.name ?? '',
      detail: JSON.stringify(input.detail ?? {}),
      ip: input.ip ?? null,
    })
    .execute();
}

/** The user's id, school and name, for an audit row about her (null when unknown). */
export async function auditSubject(trx: Db, userId: string): Promise<{ id: string; name: string; schoolId: string } | null> {
  const row = await trx.selectFrom('users').select(['id', 'full_name', 'school_id']).where('id', '=', userId).executeTakeFirst();
  return row ? { id: row.id, name: row.full_name, schoolId: row.school_id } : null;
}

const DAY = 86_400_000;

/** Newest first, keyset-paged by (at, id). */
export async function listAudit(ctx: StoreContext, schoolId: string, query: AuditQuery): Promise<AuditPage> {
  const q = auditQuerySchema.parse(query);
  let select = ctx.conn.db
    .selectFrom('audit_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.action) select = select.where('action', '=', q.action);
  if (q.userId) {
    const userId = q.userId;
    select = select.where((eb) => eb.or([eb('actor_id', '=', userId), eb('target_id', '=', userId)]));
  }
  if (q.from) select = select.where('at', '>=', Date.parse(`${q.from}T00:00:00Z`));
  if (q.to) select = select.where('at', '<', Date.parse(`${q.to}T00:00:00Z`) + DAY);
  if (q.before) {
    const [atText, id] = q.before.split(':') as [string, string];
    const at = Number(atText);
    select = select.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await select.execute();
  const page = rows.slice(0, q.limit);
  const entries: AuditEntry[] = page.map((r) => ({
    id: r.id,
    at: new Date(Number(r.at)).toISOString(),
    action: r.action as AuditAction,
    actorId: r.actor_id,
    actorName: r.actor_name,
    targetId: r.target_id,
    targetName: r.target_name,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    ip: r.ip,
  }));
  const last = page.at(-1);
  return { entries, nextCursor: rows.length > q.limit && last ? `${Number(last.at)}:${last.id}` : null };
}

/**
 * Called by the sync push for every applied write of a `confirmations` record, inside the push
 * transaction: a leader's "Xác nhận" (or its withdrawal) is in the log with the teacher, the semester
 * and the logbook revision it confirmed.
 */
export async function auditConfirmationWrite(
  trx: Db,
  write: { writerId: string; scopeId: string; recordId: string; deleted: boolean; record: Record<string, unknown>; at: number },
): Promise<void> {
  const row = await trx
    .selectFrom('scopes as s')
    .innerJoin('users as owner', 'owner.id', 's.owner_id')
    .innerJoin('users as writer', (j) => j.on('writer.id', '=', write.writerId))
    .select(['s.school_id', 'owner.id as owner_id', 'owner.full_name as owner_name', 'writer.full_name as writer_name'])
    .where('s.id', '=', write.scopeId)
    .executeTakeFirst();
  if (!row) return;
  const { schoolYearId, semester, logbookRev, authorRole } = write.record;
  await writeAudit(trx, {
    schoolId: row.school_id,
    action: write.deleted ? 'confirmation.delete' : 'confirmation.put',
    actor: { id: write.writerId, name: row.writer_name },
    target: { id: row.owner_id, name: row.owner_name },
    detail: { confirmationId: write.recordId, schoolYearId, semester, logbookRev, authorRole },
    at: write.at,
  });
}

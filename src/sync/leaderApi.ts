import { z } from 'zod';
import type { ConfirmerRole } from '../domain/confirmations.ts';

/**
 * Wire types and request schemas of the leaders' and the admin's school endpoints (docs/api.md,
 * "Inspection" and "Audit log"): the inspection overview, the bulk export and the audit log.
 */

export const SEMESTERS = ['HK1', 'HK2'] as const;
const year = z.coerce.number().int().min(2000).max(2100);

/** GET /api/leader/overview?year=2024&semester=HK1[&department=Toán] */
export const overviewQuerySchema = z.object({
  year,
  semester: z.enum(SEMESTERS),
  /** Only this tổ (within the leader's charge); absent = everyone in her charge. */
  department: z.string().trim().max(100).optional(),
  /** Only this teacher's logbook (within the leader's charge). */
  scopeId: z.string().min(1).max(64).optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

/** GET /api/leader/export?year=&semester=[&department=] → application/zip */
export const exportQuerySchema = overviewQuerySchema;

/** A record of the semester changed after a confirmation (the "đã sửa sau khi xác nhận" flag). */
export interface ChangedRecord {
  table: string;
  id: string;
  /** The record's own date (entries, observations), or null. */
  date: string | null;
  /** What a leader recognises it by: the start of an entry's content, a title, a reflection's period. */
  text: string;
  /** The record was deleted after the confirmation. */
  deleted: boolean;
  /** Server time of the change (ISO). */
  changedAt: string;
}

export interface ConfirmationSummary {
  id: string;
  authorUserId: string;
  authorName: string;
  authorRole: ConfirmerRole;
  remark: string;
  confirmedAt: string;
  logbookRev: number;
  /** Records of the semester changed after logbookRev, newest first (at most MAX_CHANGED_LISTED). */
  changedAfter: ChangedRecord[];
  /** How many there are in all. */
  changedCount: number;
}
export const MAX_CHANGED_LISTED = 50;

export type TopicStatus = 'registered' | 'inProgress' | 'summarised';
export type SkknStatus = 'draft' | 'submitted' | 'recognised';

export interface OverviewTeacher {
  userId: string;
  scopeId: string;
  fullName: string;
  department: string;
  active: boolean;
  /** The scope's current revision: what a confirmation made now would record. */
  rev: number;
  entries: number;
  tietByProgram: { '01': number; '02': number; '03': number };
  /** Every tiết of the semester, including entries outside the three programs. */
  tietTotal: number;
  observations: number;
  /** The teacher's lessons observed by colleagues (mirrored records). */
  observedLessons: number;
  innovationTopic: TopicStatus | null;
  skkn: SkknStatus | null;
  /** Last time one of the teacher's devices talked to the server (ISO), or null. */
  lastSyncAt: string | null;
  confirmations: ConfirmationSummary[];
  /** Below a minimum: tiết of a program or observations. */
  behind: Array<'01' | '02' | '03' | 'observations'>;
}

export interface OverviewResponse {
  year: number;
  semester: 'HK1' | 'HK2';
  /** The school's minimums per semester (school settings). */
  minimums: { tietPerProgram: { '01': number; '02': number; '03': number }; observations: number };
  /** The departments the caller may inspect ('' alone: none; ban giám hiệu: all of the school's). */
  departments: string[];
  /** True for ban giám hiệu (whole school). */
  wholeSchool: boolean;
  teachers: OverviewTeacher[];
  generatedAt: string;
}

export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'activate',
  'user.create',
  'user.update',
  'user.roles',
  'user.deactivate',
  'user.reactivate',
  'user.reset',
  'user.revoke',
  'mentorship.add',
  'mentorship.remove',
  'mentorship.copy',
  'settings.update',
  'confirmation.put',
  'confirmation.delete',
  'export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** GET /api/admin/audit?action=&userId=&from=yyyy-MM-dd&to=yyyy-MM-dd&before=<cursor>&limit= */
export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** The user who acted or was acted on. */
  userId: z.string().min(1).max(64).optional(),
  /** First and last day included (UTC). */
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** nextCursor of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,16}:[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actorId: string | null;
  actorName: string;
  targetId: string | null;
  targetName: string;
  /** Action-specific facts (roles before/after, the semester confirmed, the number of PDFs…). */
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

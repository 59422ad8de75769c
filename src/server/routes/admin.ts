import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { schoolSettingsSchema, type SchoolSettings } from '../../domain/schoolSettings.ts';
import { auditQuerySchema } from '../../sync/leaderApi.ts';
import { mentorshipCopySchema, mentorshipRequestSchema, mentorshipYearQuerySchema, type UserInfo } from '../../sync/protocol.ts';
import { addMentorship, copyMentorships, listMentorships, removeMentorship, type AuditBy } from '../store/accounts.ts';
import { listAudit, writeAudit } from '../store/audit.ts';
import { getSchoolSettings, updateSchoolSettings } from '../store/school.ts';

export interface AdminRouteHelpers {
  requireAdmin(request: FastifyRequest): Promise<UserInfo>;
  parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S>;
  auditBy(user: UserInfo, request: FastifyRequest): AuditBy;
}

/** Settings fields that changed, old and new value (the audit row's detail). */
function changedSettings(before: SchoolSettings, after: SchoolSettings): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof SchoolSettings>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/** Mentor pairs per school year, audit log and school settings of the admin's own school (docs/api.md, "Administration"). */
export async function registerAdminRoutes(app: FastifyInstance, { requireAdmin, parse, auditBy }: AdminRouteHelpers): Promise<void> {
  const { ctx } = app.sbd;

  app.get('/api/admin/mentorships', async (request) => {
    const admin = await requireAdmin(request);
    const { year } = parse(mentorshipYearQuerySchema, request.query);
    return listMentorships(ctx, admin.schoolId, year);
  });

  app.post('/api/admin/mentorships', async (request, reply) => {
    const admin = await requireAdmin(request);
    const body = parse(mentorshipRequestSchema, request.body);
    await addMentorship(ctx, admin.schoolId, body.mentorId, body.teacherId, auditBy(admin, request), body.year);
    return reply.code(204).send();
  });

  app.post('/api/admin/mentorships/copy', async (request) => {
    const admin = await requireAdmin(request);
    const body = parse(mentorshipCopySchema, request.body);
    return copyMentorships(ctx, admin.schoolId, body, auditBy(admin, request));
  });

  app.delete<{ Params: { mentorId: string; teacherId: string } }>('/api/admin/mentorships/:mentorId/:teacherId', async (request, reply) => {
    const admin = await requireAdmin(request);
    const { year } = parse(mentorshipYearQuerySchema, request.query);
    await removeMentorship(ctx, admin.schoolId, request.params.mentorId, request.params.teacherId, auditBy(admin, request), year);
    return reply.code(204).send();
  });

  app.get('/api/admin/audit', async (request) => {
    const admin = await requireAdmin(request);
    const query = parse(auditQuerySchema, request.query);
    return listAudit(ctx, admin.schoolId, query);
  });

  app.get('/api/admin/settings', async (request) => {
    const admin = await requireAdmin(request);
    return { settings: await getSchoolSettings(ctx, admin.schoolId) };
  });

  app.put('/api/admin/settings', async (request) => {
    const admin = await requireAdmin(request);
    const body = parse(schoolSettingsSchema, request.body);
    const by = auditBy(admin, request);
    const settings = await updateSchoolSettings(ctx, admin.schoolId, body, async (trx, before, after) => {
      const changes = changedSettings(before, after);
      if (Object.keys(changes).length === 0) return;
      await writeAudit(trx, { schoolId: admin.schoolId, action: 'settings.update', actor: by.actor, detail: changes, ip: by.ip, at: ctx.now() });
    });
    return { settings };
  });
}

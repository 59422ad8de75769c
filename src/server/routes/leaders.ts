import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { exportQuerySchema, overviewQuerySchema } from '../../sync/leaderApi.ts';
import type { UserInfo } from '../../sync/protocol.ts';
import { ApiError, MESSAGES } from '../errors.ts';
import { warmForExport } from '../pdf/renderPool.ts';
import type { AuditBy } from '../store/accounts.ts';
import { exportSemesterZip } from '../store/bulkExport.ts';
import { leaderOverview } from '../store/overview.ts';
import { getSchoolSettings } from '../store/school.ts';

export interface LeaderRouteHelpers {
  requireUser(request: FastifyRequest): Promise<UserInfo>;
  parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S>;
  auditBy(user: UserInfo, request: FastifyRequest): AuditBy;
}

/** Inspection by tổ trưởng and ban giám hiệu (docs/api.md, "Inspection"). */
export async function registerLeaderRoutes(app: FastifyInstance, { requireUser, parse, auditBy }: LeaderRouteHelpers): Promise<void> {
  const { ctx } = app.sbd;

  async function requireLeader(request: FastifyRequest): Promise<UserInfo> {
    const user = await requireUser(request);
    if (!user.roles.some((r) => r.role === 'leader')) throw new ApiError('forbidden', MESSAGES.forbidden);
    return user;
  }

  // The export is what a leader does next: its PDF threads start once the overview has been sent.
  const onResponse = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (reply.statusCode === 200) warmForExport();
  };
  app.get('/api/leader/overview', { onResponse }, async (request) => {
    const leader = await requireLeader(request);
    const query = parse(overviewQuerySchema, request.query);
    const settings = await getSchoolSettings(ctx, leader.schoolId);
    return leaderOverview(ctx, leader.id, query, settings);
  });

  app.get('/api/leader/export', async (request, reply) => {
    const leader = await requireLeader(request);
    const query = parse(exportQuerySchema, request.query);
    const by = auditBy(leader, request);
    const result = await exportSemesterZip(ctx, { id: leader.id, name: leader.fullName, schoolId: leader.schoolId }, query, by.ip ?? null);
    // Streamed (chunked): the download starts with the first PDF instead of after the last.
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${result.fileName}"`)
      .header('x-logbook-count', String(result.count))
      .header('cache-control', 'no-store')
      .send(result.stream);
  });
}

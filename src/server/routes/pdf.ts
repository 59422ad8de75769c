import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SECTION_KEYS } from '../../pdf/types.ts';
import type { UserInfo } from '../../sync/protocol.ts';
import { exportLogbookPdfFile } from '../pdf/exportLogbookPdf.ts';

export interface PdfRouteHelpers {
  requireUser(request: FastifyRequest): Promise<UserInfo>;
  parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S>;
}

export const pdfQuerySchema = z.object({
  year: z.coerce.number({ message: 'Năm học phải là một số (năm khai giảng, ví dụ 2023).' }).int().min(2000).max(2100),
  semester: z.enum(['HK1', 'HK2', 'year'], { message: 'Học kỳ phải là HK1, HK2 hoặc year (cả năm).' }).default('year'),
  sections: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(SECTION_KEYS, { message: `Mục không có. Dùng: ${SECTION_KEYS.join(', ')}.` })).optional()),
  observations: z.enum(['sheets', 'list']).default('sheets'),
});

/** RFC 6266 attachment header: an ASCII name, and the same as UTF-8 for clients that read it. */
function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The logbook PDF of a scope the caller may read (docs/api.md, "Logbook PDF"). */
export async function registerPdfRoutes(app: FastifyInstance, { requireUser, parse }: PdfRouteHelpers): Promise<void> {
  const { ctx } = app.sbd;

  app.get<{ Params: { scopeId: string } }>('/api/logbooks/:scopeId/pdf', async (request, reply) => {
    const user = await requireUser(request);
    const query = parse(pdfQuerySchema, request.query);
    const { bytes, fileName } = await exportLogbookPdfFile(ctx, request.params.scopeId.slice(0, 64), {
      startYear: query.year,
      period: query.semester,
      sections: query.sections,
      observations: query.observations,
      readerId: user.id,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(fileName))
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

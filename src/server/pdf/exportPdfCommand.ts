import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pdfQuerySchema } from '../routes/pdf.ts';
import * as accounts from '../store/accounts.ts';
import type { StoreContext } from '../store/context.ts';
import { exportLogbookPdfFile } from './exportLogbookPdf.ts';

export interface ExportPdfArgs {
  user?: string;
  year?: string;
  semester?: string;
  sections?: string;
  'list-observations'?: boolean;
  out?: string;
}

/**
 * `npm run admin -- export-pdf`: one teacher's logbook PDF, with the same options as the API endpoint.
 * Returns the line to print; throws with a Vietnamese message on bad input.
 */
export async function exportPdfCommand(ctx: StoreContext, args: ExportPdfArgs): Promise<string> {
  if (!args.user || !args.year) throw new Error('Cần --user <tên đăng nhập> và --year <năm khai giảng, ví dụ 2023>');
  const parsed = pdfQuerySchema.safeParse({ year: args.year, semester: args.semester, sections: args.sections, observations: args['list-observations'] ? 'list' : 'sheets' });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join(' '));
  const user = await accounts.findUserByUsername(ctx, args.user);
  if (!user) throw new Error(`Không có người dùng "${args.user}"`);
  const scope = await ctx.conn.db.selectFrom('scopes').select('id').where('owner_id', '=', user.id).orderBy('created_at').executeTakeFirst();
  if (!scope) throw new Error(`${user.fullName} chưa có sổ trên máy chủ (chưa đồng bộ lần nào).`);
  const { bytes, fileName } = await exportLogbookPdfFile(ctx, scope.id, {
    startYear: parsed.data.year,
    period: parsed.data.semester,
    sections: parsed.data.sections,
    observations: parsed.data.observations,
  });
  const out = path.resolve(args.out ?? fileName);
  writeFileSync(out, bytes);
  return `Đã xuất ${out} (${Math.ceil(bytes.byteLength / 1024)} KB)`;
}

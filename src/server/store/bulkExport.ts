import { zipSync, type Zippable } from 'fflate';
import type { OverviewQuery } from '../../sync/leaderApi.ts';
import { ApiError } from '../errors.ts';
import { exportLogbookPdfFile } from '../pdf/exportLogbookPdf.ts';
import { writeAudit } from './audit.ts';
import type { StoreContext } from './context.ts';
import { chargeScopes } from './overview.ts';

export interface BulkExport {
  zip: Uint8Array;
  fileName: string;
  count: number;
  /** Teachers without a logbook for that school year (listed in the zip's note instead of a PDF). */
  skipped: string[];
}

/** "Tổ Toán" → "to-toan": an ASCII piece of a file name. */
function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'truong'
  );
}

/** A name not yet in the zip: two teachers with one name get "…-2.pdf". */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = name.replace(/\.pdf$/, `-${i}.pdf`);
  taken.add(candidate);
  return candidate;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One semester PDF per teacher in the leader's charge (optionally one tổ), zipped. PDFs are already
 * compressed, so the zip stores them as they are. Rendering yields to the event loop between teachers
 * so other requests (sync) keep being answered. The export is written to the audit log.
 */
export async function exportSemesterZip(ctx: StoreContext, leader: { id: string; name: string; schoolId: string }, query: OverviewQuery, ip: string | null): Promise<BulkExport> {
  const scopes = await chargeScopes(ctx, leader.id, query.department);
  const files: Zippable = {};
  const taken = new Set<string>();
  const skipped: string[] = [];
  for (const scope of scopes) {
    await tick();
    try {
      const pdf = await exportLogbookPdfFile(ctx, scope.scopeId, { startYear: query.year, period: query.semester, readerId: leader.id });
      files[uniqueName(pdf.fileName, taken)] = [pdf.bytes, { level: 0 }];
    } catch (error) {
      // A teacher who has not opened this school year yet has no logbook for it: say so, export the rest.
      if (!(error instanceof ApiError && error.code === 'not_found')) throw error;
      skipped.push(scope.fullName);
    }
  }
  if (skipped.length > 0) {
    const note = `Chưa có sổ của năm học ${query.year}–${query.year + 1} (chưa đồng bộ năm học này):\r\n${skipped.map((n) => `- ${n}`).join('\r\n')}\r\n`;
    files['CHUA-CO-SO.txt'] = [new TextEncoder().encode(note), { level: 6 }];
  }
  const zip = zipSync(files, { level: 0 });
  const fileName = `so-boi-duong-${query.year}-${query.year + 1}-${query.semester}-${query.department !== undefined ? slug(query.department) : 'toan-bo'}.zip`;
  await ctx.conn.writeTransaction((trx) =>
    writeAudit(trx, {
      schoolId: leader.schoolId,
      action: 'export',
      actor: { id: leader.id, name: leader.name },
      detail: { year: query.year, semester: query.semester, department: query.department ?? null, teachers: scopes.length - skipped.length, skipped: skipped.length, bytes: zip.byteLength },
      ip,
      at: ctx.now(),
    }),
  );
  return { zip, fileName, count: scopes.length - skipped.length, skipped };
}

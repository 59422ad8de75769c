import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { SchoolYear } from '../../domain/records.ts';
import type { OverviewQuery } from '../../sync/leaderApi.ts';
import { SYNC_TABLES } from '../../sync/tables.ts';
import { ApiError } from '../errors.ts';
import { readLogbookToRender, renderLogbookPdf, type ExportedPdf } from '../pdf/exportLogbookPdf.ts';
import { pdfPool } from '../pdf/renderPool.ts';
import { writeAudit } from './audit.ts';
import type { StoreContext } from './context.ts';
import { chargeScopes } from './overview.ts';

export interface BulkExport {
  /** The zip, streamed as its PDFs are rendered, in the teachers' order. */
  stream: Readable;
  fileName: string;
  /** PDFs the zip holds: the teachers whose logbook has that school year when the export starts. */
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

/** The scopes among `scopeIds` whose logbook has school year `startYear` (one query). */
async function scopesWithYear(ctx: StoreContext, scopeIds: string[], startYear: number): Promise<Set<string>> {
  if (scopeIds.length === 0) return new Set();
  const rows = await ctx.conn.db
    .selectFrom('records')
    .select(['scope_id', 'data'])
    .where('scope_id', 'in', scopeIds)
    .where('tbl', '=', 'schoolYears')
    .where('deleted', '=', 0)
    .execute();
  const found = new Set<string>();
  for (const row of rows) {
    // The same reading as the PDF's (logbookReader.ts): a record that fails its schema does not count.
    const parsed = SYNC_TABLES.schoolYears.schema.safeParse(JSON.parse(row.data));
    if (parsed.success && (parsed.data as SchoolYear).startYear === startYear) found.add(row.scope_id);
  }
  return found;
}

type Settled = { ok: true; pdf: ExportedPdf } | { ok: false; error: unknown };

/**
 * One semester PDF per teacher in the leader's charge (optionally one tổ), as a zip that starts
 * streaming with the first PDF. PDFs render on the worker threads (renderPool.ts), a few ahead of the
 * one being sent, and go into the zip in the teachers' order; PDFs are compressed already, so the zip
 * stores them as they are. The main thread only reads the store and writes the zip, so the server
 * keeps answering (sync, health) during an export. The export is written to the audit log when the
 * zip ends, or when it stops early (`complete: false`).
 */
export async function exportSemesterZip(ctx: StoreContext, leader: { id: string; name: string; schoolId: string }, query: OverviewQuery, ip: string | null): Promise<BulkExport> {
  const scopes = await chargeScopes(ctx, leader.id, query.department);
  const withYear = await scopesWithYear(
    ctx,
    scopes.map((s) => s.scopeId),
    query.year,
  );
  const toExport = scopes.filter((s) => withYear.has(s.scopeId));
  // A teacher who has not opened this school year yet has no logbook for it: say so, export the rest.
  const skipped = scopes.filter((s) => !withYear.has(s.scopeId)).map((s) => s.fullName);
  const fileName = `so-boi-duong-${query.year}-${query.year + 1}-${query.semester}-${query.department !== undefined ? slug(query.department) : 'toan-bo'}.zip`;
  const ahead = Math.max(2, 2 * pdfPool().size);

  async function* zipChunks(): AsyncGenerator<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let exported = 0;
    let finished = false;
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
      bytes += chunk.byteLength;
    });
    const take = () => chunks.splice(0);
    const audit = (complete: boolean) =>
      ctx.conn.writeTransaction((trx) =>
        writeAudit(trx, {
          schoolId: leader.schoolId,
          action: 'export',
          actor: { id: leader.id, name: leader.name },
          detail: { year: query.year, semester: query.semester, department: query.department ?? null, teachers: exported, skipped: skipped.length, bytes, ...(complete ? {} : { complete: false }) },
          ip,
          at: ctx.now(),
        }),
      );

    const pending: Promise<Settled>[] = [];
    let next = 0;
    const startMore = () => {
      while (pending.length < ahead && next < toExport.length) {
        const scope = toExport[next++]!;
        pending.push(
          readLogbookToRender(ctx, scope.scopeId, { startYear: query.year, period: query.semester, readerId: leader.id })
            .then(renderLogbookPdf)
            .then(
              (pdf): Settled => ({ ok: true, pdf }),
              (error: unknown): Settled => ({ ok: false, error }),
            ),
        );
      }
    };

    try {
      const taken = new Set<string>();
      for (let i = 0; i < toExport.length; i++) {
        startMore();
        const settled = await pending.shift()!;
        if (!settled.ok) {
          // The school year was deleted since the export started: named in the note like the others.
          if (!(settled.error instanceof ApiError && settled.error.code === 'not_found')) throw settled.error;
          skipped.push(toExport[i]!.fullName);
          continue;
        }
        const file = new ZipPassThrough(uniqueName(settled.pdf.fileName, taken));
        zip.add(file);
        file.push(settled.pdf.bytes, true);
        exported++;
        yield* take();
      }
      if (skipped.length > 0) {
        const note = new ZipDeflate('CHUA-CO-SO.txt', { level: 6 });
        zip.add(note);
        note.push(new TextEncoder().encode(`Chưa có sổ của năm học ${query.year}–${query.year + 1} (chưa đồng bộ năm học này):\r\n${skipped.map((n) => `- ${n}`).join('\r\n')}\r\n`), true);
      }
      zip.end();
      // Logged before the zip's last bytes leave, so a client that has the whole zip finds it in the log.
      await audit(true);
      finished = true;
      yield* take();
    } finally {
      if (!finished) {
        // The client went away or a PDF failed: what was sent is logged all the same. A failure to
        // log here cannot reach the client any more (the response has started).
        await audit(false).catch(() => undefined);
      }
    }
  }

  return { stream: Readable.from(zipChunks(), { objectMode: false }), fileName, count: toExport.length, skipped };
}

import { buildLogbookDocument } from '../../pdf/buildLogbookDocument.ts';
import { logbookFileName } from '../../pdf/fileName.ts';
import { vietnamDay } from '../../pdf/format.ts';
import type { ExportPeriod, SectionKey } from '../../pdf/types.ts';
import type { StoreContext } from '../store/context.ts';
import { readLogbook, scopeFor } from '../store/logbookReader.ts';
import { renderPdfNode } from './renderNode.ts';

export interface ExportOptions {
  /** School year by its opening calendar year (2023 for 2023–2024). */
  readonly startYear: number;
  readonly period: ExportPeriod;
  readonly sections?: readonly SectionKey[];
  readonly observations?: 'sheets' | 'list';
  /** Who asks: the PDF holds only what this user may read (404 when nothing). Absent: the admin CLI. */
  readonly readerId?: string;
}

export interface ExportedPdf {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

/**
 * One logbook as PDF bytes, from the server's records, with the same builder and renderer as the
 * app's worker. The leaders' bulk export calls this once per teacher.
 */
export async function exportLogbookPdfFile(ctx: StoreContext, scopeId: string, options: ExportOptions): Promise<ExportedPdf> {
  const owner = await scopeFor(ctx, scopeId, options.readerId);
  const input = await readLogbook(ctx, owner, options.startYear);
  const doc = buildLogbookDocument(input, {
    period: options.period,
    sections: options.sections,
    observations: options.observations,
    signedOn: vietnamDay(new Date(ctx.now()).toISOString()),
  });
  const bytes = await renderPdfNode(doc);
  return { bytes, fileName: logbookFileName(input.profile?.fullName || owner.ownerName, options.startYear, options.period) };
}

export async function exportLogbookPdf(ctx: StoreContext, scopeId: string, options: ExportOptions): Promise<Uint8Array> {
  return (await exportLogbookPdfFile(ctx, scopeId, options)).bytes;
}

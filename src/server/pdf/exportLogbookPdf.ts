import { logbookFileName } from '../../pdf/fileName.ts';
import { vietnamDay } from '../../pdf/format.ts';
import type { ExportPeriod, LogbookInput, LogbookPdfOptions, SectionKey } from '../../pdf/types.ts';
import type { StoreContext } from '../store/context.ts';
import { readLogbook, scopeFor } from '../store/logbookReader.ts';
import { pdfPool } from './renderPool.ts';

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

export interface LogbookToRender {
  readonly input: LogbookInput;
  readonly options: LogbookPdfOptions;
  readonly fileName: string;
}

/** What a logbook's PDF is made of, read from the server's records as `options.readerId` may see them. */
export async function readLogbookToRender(ctx: StoreContext, scopeId: string, options: ExportOptions): Promise<LogbookToRender> {
  const owner = await scopeFor(ctx, scopeId, options.readerId);
  const input = await readLogbook(ctx, owner, options.startYear);
  return {
    input,
    options: { period: options.period, sections: options.sections, observations: options.observations, signedOn: vietnamDay(new Date(ctx.now()).toISOString()) },
    fileName: logbookFileName(input.profile?.fullName || owner.ownerName, options.startYear, options.period),
  };
}

/** Renders off the main thread (renderPool.ts), with the same builder and renderer as the app's worker. */
export async function renderLogbookPdf(logbook: LogbookToRender): Promise<ExportedPdf> {
  return { bytes: await pdfPool().render(logbook.input, logbook.options), fileName: logbook.fileName };
}

/**
 * One logbook as PDF bytes, from the server's records. The API's single PDF and the admin CLI use
 * this; the leaders' bulk export calls its two halves to read the next logbooks while PDFs render.
 */
export async function exportLogbookPdfFile(ctx: StoreContext, scopeId: string, options: ExportOptions): Promise<ExportedPdf> {
  return renderLogbookPdf(await readLogbookToRender(ctx, scopeId, options));
}

export async function exportLogbookPdf(ctx: StoreContext, scopeId: string, options: ExportOptions): Promise<Uint8Array> {
  return (await exportLogbookPdfFile(ctx, scopeId, options)).bytes;
}

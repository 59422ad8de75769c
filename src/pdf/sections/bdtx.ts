import { BDTX_MODULES, BDTX_PROGRAMS } from '../../domain/catalogs/bdtx.ts';
import { bdtxProgress, periodsByModule } from '../../domain/totals.ts';
import type { Content } from '../docTypes.ts';
import { periods } from '../format.ts';
import { rowBreaking } from '../layout.ts';
import type { PeriodData } from '../scope.ts';
import type { LogbookInput } from '../types.ts';

const header = (titles: string[]) => titles.map((text) => ({ text, style: 'tableHeader' }));

/** Tiết per BDTX program against the plan: the school's per-semester minimum, or 40 a year. */
export function bdtxSection(input: LogbookInput, data: PeriodData): Content[] {
  const bdtxEntries = data.entries.filter((e) => e.bdtxProgram);
  if (bdtxEntries.length === 0) return [];
  const progress = bdtxProgress(bdtxEntries);
  const plan = (code: '01' | '02' | '03', yearly: number) => (data.period === 'year' ? yearly : input.settings.minTietPerProgram[code]);
  const body: unknown[][] = [header(['Chương trình', 'Kế hoạch (tiết)', 'Thực hiện (tiết)', 'Đánh giá'])];
  let planned = 0;
  for (const program of BDTX_PROGRAMS) {
    const target = plan(program.code, program.plannedTiet);
    const done = progress.byProgram[program.code];
    planned += target;
    body.push([program.label.vi, { text: periods(target), alignment: 'center' }, { text: periods(done), alignment: 'center' }, done >= target ? 'Đạt kế hoạch' : `Còn thiếu ${periods(target - done)} tiết`]);
  }
  body.push([{ text: 'Tổng cộng', bold: true }, { text: periods(planned), alignment: 'center', bold: true }, { text: periods(progress.total), alignment: 'center', bold: true }, '']);
  const out: Content[] = [{ style: 'table', table: { headerRows: 1, ...rowBreaking(true), widths: ['*', 70, 70, 100], body } }];

  const modules = periodsByModule(bdtxEntries);
  if (modules.size > 0) {
    const rows: unknown[][] = [header(['Mô đun', 'Tên mô đun', 'Số tiết'])];
    for (const m of BDTX_MODULES) {
      const done = modules.get(m.code);
      if (done !== undefined) rows.push([{ text: m.code, noWrap: true }, m.label.vi, { text: periods(done), alignment: 'center' }]);
    }
    out.push({ text: 'Các mô đun chương trình 03 đã học:', bold: true, margin: [0, 6, 0, 2] });
    out.push({ style: 'table', table: { headerRows: 1, ...rowBreaking(true), widths: [62, '*', 50], body: rows } });
  }
  return out;
}

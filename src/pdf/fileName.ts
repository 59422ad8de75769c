import { searchKey } from '../domain/text.ts';
import { schoolYearLabel } from '../domain/schoolYear.ts';
import type { ExportPeriod } from './types.ts';

/** "so-boi-duong_nguyen-thi-hoa_2023-2024_HK1.pdf": ASCII, safe on every phone and e-document system. */
export function logbookFileName(teacherName: string, startYear: number, period: ExportPeriod): string {
  const name = searchKey(teacherName).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'giao-vien';
  const year = schoolYearLabel(startYear).replace('–', '-');
  return `so-boi-duong_${name}_${year}_${period === 'year' ? 'ca-nam' : period}.pdf`;
}

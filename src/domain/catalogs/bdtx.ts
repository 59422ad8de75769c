import { CRITERIA } from './criteria.ts';
import type { Localized } from './localized.ts';

/**
 * Bồi dưỡng thường xuyên (TT 17/2019, 19/2019, amended by TT 17/2022): 120 tiết a year in three programs.
 * Kept as versioned data because the regulations are being reworked (Luật Nhà giáo 2025).
 */
export const BDTX_CATALOG_VERSION = 1;
export const BDTX_YEARLY_TIET = 120;

export const BDTX_PROGRAMS = [
  { code: '01', plannedTiet: 40, label: { vi: 'Chương trình 01 — nhiệm vụ năm học (Bộ)', en: 'Program 01 — tasks of the year' } },
  { code: '02', plannedTiet: 40, label: { vi: 'Chương trình 02 — yêu cầu của địa phương', en: 'Program 02 — local needs' } },
  { code: '03', plannedTiet: 40, label: { vi: 'Chương trình 03 — mô đun tự chọn', en: 'Program 03 — chosen modules' } },
] as const satisfies ReadonlyArray<{ code: string; plannedTiet: number; label: Localized }>;

export type BdtxProgramCode = (typeof BDTX_PROGRAMS)[number]['code'];
export const BDTX_PROGRAM_CODES = BDTX_PROGRAMS.map((p) => p.code) as [BdtxProgramCode, ...BdtxProgramCode[]];

/** Program 03 modules GVPT 01 … GVPT 15 mirror the 15 criteria of the professional standard. */
export const BDTX_MODULES = CRITERIA.map((criterion) => {
  const code = `GVPT ${String(criterion.number).padStart(2, '0')}`;
  return { code, criterion: criterion.number, typicalTiet: 20, label: criterion.label };
});

export const BDTX_MODULE_CODES = BDTX_MODULES.map((m) => m.code) as [string, ...string[]];

import type { ObservationPurpose } from '../observations.ts';
import type { Localized } from './localized.ts';

/** Mục đích dự giờ (issue #4). Codes are stored in observations; labels may change between versions. */
export const OBSERVATION_PURPOSES_VERSION = 1;

export const OBSERVATION_PURPOSE_LABELS: ReadonlyArray<{ code: ObservationPurpose; label: Localized }> = [
  { code: 'kemCap', label: { vi: 'Kèm cặp, giúp đỡ', en: 'Mentoring' } },
  { code: 'kiemTra', label: { vi: 'Kiểm tra chuyên môn', en: 'Inspection' } },
  { code: 'thaoGiang', label: { vi: 'Thao giảng', en: 'Demonstration lesson' } },
  { code: 'chuyenDe', label: { vi: 'Chuyên đề', en: 'Topic session' } },
  { code: 'hoiGiang', label: { vi: 'Hội giảng', en: 'Teaching contest' } },
];

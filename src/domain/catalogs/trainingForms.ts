import type { Localized } from './localized.ts';

/** Hình thức bồi dưỡng (seed 000 §IV.1). Versioned: codes are stable, labels may change. */
export const TRAINING_FORMS_VERSION = 1;

export const TRAINING_FORMS = [
  { code: 'tu-hoc', label: { vi: 'Tự học (thư viện, tài liệu trực tuyến)', en: 'Self-study (library, online material)' } },
  { code: 'tap-trung', label: { vi: 'Bồi dưỡng tập trung (Sở/Phòng GD&ĐT)', en: 'Course by the education office' } },
  { code: 'sinh-hoat-to', label: { vi: 'Sinh hoạt tổ/nhóm chuyên môn', en: 'Department meeting' } },
  { code: 'cum-truong', label: { vi: 'Sinh hoạt cụm trường', en: 'School cluster meeting' } },
  { code: 'chuyen-de', label: { vi: 'Chuyên đề / hội thảo', en: 'Topic session / workshop' } },
  { code: 'du-gio', label: { vi: 'Dự giờ thăm lớp', en: 'Lesson observation' } },
  { code: 'skkn', label: { vi: 'Viết và áp dụng SKKN / nghiên cứu khoa học', en: 'Writing an SKKN / research' } },
  { code: 'he', label: { vi: 'Bồi dưỡng hè', en: 'Summer training' } },
] as const satisfies ReadonlyArray<{ code: string; label: Localized }>;

export type TrainingFormCode = (typeof TRAINING_FORMS)[number]['code'];
export const TRAINING_FORM_CODES = TRAINING_FORMS.map((f) => f.code) as [TrainingFormCode, ...TrainingFormCode[]];

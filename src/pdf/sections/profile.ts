import type { Content } from '../docTypes.ts';
import { labelled } from '../text.ts';
import type { LogbookInput } from '../types.ts';

const FIELDS = [
  ['fullName', 'Họ và tên'],
  ['school', 'Đơn vị công tác'],
  ['department', 'Tổ chuyên môn'],
  ['subject', 'Môn dạy'],
  ['position', 'Chức vụ'],
  ['homeroomClass', 'Chủ nhiệm lớp'],
  ['district', 'Quận/Huyện'],
  ['province', 'Tỉnh/Thành phố'],
] as const;

export function profileSection(input: LogbookInput): Content[] {
  const profile = input.profile;
  if (!profile) return [];
  const lines = FIELDS.filter(([key]) => profile[key]).map(([key, label]) => labelled(label, profile[key], { margin: [0, 0, 0, 3] }));
  return lines;
}

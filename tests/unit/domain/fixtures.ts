import { emptyV3Tables, type BackupData } from '../../../src/domain/backup.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../../../src/domain/records.ts';
import { defaultSchoolYearDates } from '../../../src/domain/schoolYear.ts';

export const T = '2024-01-02T03:04:05.678Z';

export const profile: Profile = {
  id: 'profile',
  fullName: 'Nguyễn Thị Hương',
  school: 'THCS Kim Đồng',
  department: 'Tổ Khoa học tự nhiên',
  subject: 'Toán',
  position: 'Giáo viên',
  homeroomClass: '8A',
  district: 'Huyện Đông Anh',
  province: 'Hà Nội',
  updatedAt: T,
};

export const year2023: SchoolYear = { id: 'y2023', ...defaultSchoolYearDates(2023), updatedAt: T };

export const entry: Entry = {
  id: 'e1',
  schoolYearId: 'y2023',
  date: '2023-10-02',
  content: 'Bồi dưỡng mô đun GVPT 04',
  form: 'tu-hoc',
  bdtxProgram: '03',
  module: 'GVPT 04',
  periods: 2.5,
  source: 'TEMIS',
  result: 'Áp dụng vào tiết dạy lớp 8A',
  evidence: 'https://example.org/minh-chung',
  note: '<b>không phải HTML</b>',
  createdAt: '2023-10-02T01:00:00.000Z',
  updatedAt: T,
};

export const reflection: Reflection = { id: 'r1', schoolYearId: 'y2023', kind: 'month', period: '2023-10', text: 'Tháng này tôi đã…', updatedAt: T };

export const data: BackupData = { profile, schoolYears: [year2023], entries: [entry], reflections: [reflection], ...emptyV3Tables() };

import type { SyncTable } from '../../src/sync/tables.ts';
import { entry, T } from './harness.ts';

/**
 * Valid records of every synced table, for the permission matrix, mirror and engine tests. Each one
 * passes its table's schema (checked by permissions.test.ts), so an allowed write is 'applied'.
 */
export function observation(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    schoolYearId: 'y2024',
    date: '2024-09-12',
    lessonPeriod: '3',
    className: '7A',
    subject: 'Toán',
    lessonTitle: 'Cộng, trừ số hữu tỉ',
    teacherUserId: null,
    teacherName: 'Nguyễn Thị Lan',
    observers: 'Trần Văn Hòa',
    purpose: 'kemCap',
    timeline: [{ id: 'r1', time: '7:15', activity: 'Khởi động', note: '' }],
    rubricId: 'khung-3x4',
    rubricVersion: 1,
    criterionComments: { '1.1': 'Mục tiêu rõ ràng' },
    criterionScores: {},
    strengths: 'Học sinh sôi nổi',
    weaknesses: '',
    lessonsLearned: '',
    rating: null,
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function annotation(id: string, author: { id: string; name: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    targetTable: 'observations',
    targetId: 'o1',
    anchor: { kind: 'whole' },
    threadId: null,
    authorUserId: author.id,
    authorName: author.name,
    text: 'Phần khởi động nên ngắn hơn.',
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function confirmation(id: string, author: { id: string; name: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    schoolYearId: 'y2024',
    semester: 'HK1',
    authorUserId: author.id,
    authorName: author.name,
    authorRole: 'toTruong',
    remark: 'Đã kiểm tra.',
    logbookRev: 0,
    confirmedAt: T,
    updatedAt: T,
    ...overrides,
  };
}

const PROFILE = { id: 'profile', fullName: 'Nguyễn Thị Lan', school: 'THCS Thử Nghiệm', department: 'Toán', subject: 'Toán', position: '', homeroomClass: '', district: '', province: '', updatedAt: T };

/** A valid record of `table` with id `id` written by `author` (ignored by tables without an author); null when the test has none. */
export function recordOf(table: SyncTable, id: string, author: { id: string; name: string }): Record<string, unknown> | null {
  switch (table) {
    case 'profile':
      return PROFILE;
    case 'schoolYears':
      return { id, startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-15', hk2Start: '2025-01-16', hk2End: '2025-05-31', updatedAt: T };
    case 'entries':
      return entry(id);
    case 'reflections':
      return { id, schoolYearId: 'y2024', kind: 'month', period: '2024-09', text: 'Tháng Chín.', updatedAt: T };
    case 'observations':
      return observation(id);
    case 'observedLessons':
      return { ...observation(id), observerUserId: author.id, observerName: author.name, sourceScopeId: 'elsewhere' };
    case 'annotations':
      return annotation(id, author);
    case 'annotationReads':
      return { id, readAt: T };
    case 'confirmations':
      return confirmation(id, author);
    case 'innovationTopics':
      return { id, schoolYearId: 'y2024', title: 'Dạy học theo trạm', reason: '', goals: '', measures: '', milestones: [], progressNotes: [], summary: '', status: 'registered', createdAt: T, updatedAt: T };
    case 'conflicts':
      return { id, table: 'entries', recordId: 'e1', fields: { content: 'x' }, base: { content: null }, kept: { content: 'y' }, clientId: 'device-aaaa', mutationId: 1, createdAt: T };
    default:
      return null;
  }
}

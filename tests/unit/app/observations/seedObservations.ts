import type { LogbookDatabase } from '../../../../src/app/db/database.ts';
import { saveObservation } from '../../../../src/app/db/observations.ts';
import type { Annotation } from '../../../../src/domain/annotations.ts';
import type { Observation, ObservationInput } from '../../../../src/domain/observations.ts';

export const TEACHER = { id: 'user-hoa', fullName: 'Nguyễn Thị Hoa', scopeId: 'scope-hoa' };
export const MENTOR = { id: 'user-nam', fullName: 'Trần Văn Nam', scopeId: 'scope-nam' };

/** The device's connected account, as the sync engine stores it (token null: no sync is attempted). */
export async function connectAs(db: LogbookDatabase, user: { id: string; fullName: string; scopeId: string }) {
  await db.meta.put({
    key: 'sync.connection',
    value: {
      serverUrl: 'http://127.0.0.1:9',
      token: null,
      needsLogin: false,
      user: { ...user, schoolId: 's1', schoolName: 'THCS Lộc Nga', username: user.id, department: 'Toán', roles: [{ role: 'teacher', department: '' }], active: true },
    },
  });
}

export function observationInput(overrides: Partial<ObservationInput> = {}): ObservationInput {
  return {
    date: '2024-10-07',
    lessonPeriod: '3',
    className: '7A',
    subject: 'Toán',
    lessonTitle: 'Hai đường thẳng song song',
    teacherUserId: null,
    teacherName: 'Lê Thị Mai',
    observers: TEACHER.fullName,
    purpose: 'kemCap',
    timeline: [
      { id: 'row-1', time: '7:00', activity: 'Khởi động', note: 'Trò chơi' },
      { id: 'row-2', time: '7:10', activity: 'Hình thành kiến thức', note: '' },
    ],
    rubricId: 'khung-3x4',
    rubricVersion: 1,
    criterionComments: { '1.1': 'Chuỗi hoạt động hợp lý' },
    criterionScores: {},
    strengths: 'Lớp sôi nổi',
    weaknesses: '',
    lessonsLearned: '',
    rating: null,
    ...overrides,
  };
}

export async function seedObservation(db: LogbookDatabase, overrides: Partial<ObservationInput> = {}): Promise<Observation> {
  const result = await saveObservation(db, observationInput(overrides));
  if (!result.ok) throw new Error(`seed failed: ${JSON.stringify(result.errors)}`);
  return result.observation;
}

export function annotation(overrides: Partial<Annotation> & Pick<Annotation, 'id' | 'targetId'>): Annotation {
  const at = '2024-10-08T02:00:00.000Z';
  return {
    targetTable: 'observations',
    anchor: { kind: 'whole' },
    threadId: null,
    authorUserId: MENTOR.id,
    authorName: MENTOR.fullName,
    text: 'Cần chú ý thời gian hoạt động 2.',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

import { LOGBOOK_SCHEMA_VERSION } from '../domain/records.ts';
import type { Mutation } from '../sync/protocol.ts';
import { hoaRecords, lanRecords, lanReply, mentorNote } from './demoRecords.ts';
import { shiftDemoYear } from './demoYear.ts';
import * as accounts from './store/accounts.ts';
import type { StoreContext } from './store/context.ts';
import { updateSchoolSettings } from './store/school.ts';
import { sync } from './store/sync.ts';

/**
 * A demo school a visitor can log into: a teacher with a semester of entries, observations both ways
 * with her mentor (and his note, her reply), her innovation topic and an SKKN draft; the tổ trưởng,
 * the principal and an admin, all in the current school year (demoYear.ts). Seeding twice changes nothing.
 */
export const DEMO_PASSWORD = 'demo-sobd-2024';
export const DEMO_SCHOOL = 'Trường THCS Hoà Bình (demo)';

export interface DemoLogin {
  username: string;
  password: string;
  who: string;
}

const T = (date: string) => `${date}T15:00:00.000+07:00`;

const ENTRIES: Array<[string, string, string, '01' | '02' | '03' | null, string | null, number, string]> = [
  ['2024-09-07', 'Tự học văn bản hướng dẫn nhiệm vụ năm học 2024–2025 của Bộ GD&ĐT', 'tu-hoc', '01', null, 2, 'Nắm các nhiệm vụ trọng tâm, nhất là dạy học theo Chương trình GDPT 2018 ở lớp 9.'],
  ['2024-09-14', 'Sinh hoạt tổ: xây dựng kế hoạch dạy học môn Toán 9 theo Công văn 5512', 'sinh-hoat-to', '01', null, 3, 'Hoàn thành kế hoạch dạy học cả năm; thống nhất phân phối chương trình.'],
  ['2024-09-21', 'Module GVPT 04: Xây dựng kế hoạch dạy học theo hướng phát triển phẩm chất, năng lực', 'tu-hoc', '03', 'GVPT 04', 4, 'Học 4 bài đầu trên hệ thống LMS, làm bài tập cuối bài.'],
  ['2024-09-28', 'Dự giờ cô Trần Thị Hoa, Toán 8A2, bài "Hình thang cân"', 'du-gio', '02', null, 1, 'Học được cách tổ chức hoạt động nhóm bằng phiếu học tập; rút kinh nghiệm về phân bố thời gian.'],
  ['2024-10-05', 'Chuyên đề cụm trường: dạy học STEM trong môn Toán', 'cum-truong', '02', null, 4, 'Thiết kế được ý tưởng bài STEM "Làm thước đo góc".'],
  ['2024-10-12', 'Module GVPT 04 (tiếp): thực hành soạn kế hoạch bài dạy theo 4 hoạt động', 'tu-hoc', '03', 'GVPT 04', 6, 'Soạn hoàn chỉnh kế hoạch bài dạy "Hệ hai phương trình bậc nhất hai ẩn".'],
  ['2024-10-26', 'Bồi dưỡng tập trung do Phòng GD&ĐT tổ chức: kiểm tra, đánh giá theo Thông tư 22', 'tap-trung', '01', null, 6, 'Nắm quy định đánh giá thường xuyên và định kỳ; xây dựng ma trận đề.'],
  ['2024-11-09', 'Module GVPT 06: Kiểm tra, đánh giá theo hướng phát triển phẩm chất, năng lực', 'tu-hoc', '03', 'GVPT 06', 5, 'Hoàn thành phần lý thuyết; xây dựng bộ câu hỏi 4 mức độ cho chương II.'],
  ['2024-11-16', 'Sinh hoạt tổ theo nghiên cứu bài học: bài "Căn bậc hai"', 'sinh-hoat-to', '02', null, 3, 'Tổ thống nhất điều chỉnh hoạt động khởi động cho phù hợp học sinh yếu.'],
  ['2024-11-30', 'Module GVPT 06 (tiếp): thực hành ra đề kiểm tra giữa kỳ', 'tu-hoc', '03', 'GVPT 06', 5, 'Đề kiểm tra có ma trận và bản đặc tả; tổ trưởng góp ý.'],
  ['2024-12-07', 'Tự học ứng dụng phần mềm GeoGebra trong dạy hình học', 'tu-hoc', '02', null, 3, 'Dựng được hình động minh hoạ góc nội tiếp cho tiết dạy tuần 16.'],
  ['2024-12-21', 'Chuyên đề trường: đổi mới sinh hoạt chuyên môn, dự giờ và phân tích bài học', 'chuyen-de', '01', null, 3, 'Hiểu khung phân tích bài học 3 nhóm tiêu chí; áp dụng khi dự giờ.'],
];

export async function seedDemo(ctx: StoreContext): Promise<{ schoolId: string; logins: DemoLogin[]; created: boolean }> {
  const people: Array<{ username: string; fullName: string; department: string; roles: accounts.NewUser['roles']; who: string }> = [
    { username: 'gv.lan', fullName: 'Nguyễn Thị Lan', department: 'Toán - Tin', roles: [{ role: 'teacher' }], who: 'Giáo viên Toán (có sổ bồi dưỡng học kỳ I)' },
    { username: 'gv.hoa', fullName: 'Trần Thị Hoa', department: 'Toán - Tin', roles: [{ role: 'teacher' }, { role: 'mentor' }], who: 'Giáo viên kèm cặp cô Lan' },
    { username: 'tt.toan', fullName: 'Phạm Văn Minh', department: 'Toán - Tin', roles: [{ role: 'teacher' }, { role: 'leader', department: 'Toán - Tin' }], who: 'Tổ trưởng tổ Toán - Tin' },
    { username: 'hieutruong', fullName: 'Lê Thị Thu', department: '', roles: [{ role: 'leader', department: '' }], who: 'Hiệu trưởng (ban giám hiệu)' },
    { username: 'quantri', fullName: 'Đỗ Văn Quản', department: '', roles: [{ role: 'admin' }], who: 'Quản trị viên' },
  ];
  const logins = people.map((p) => ({ username: p.username, password: DEMO_PASSWORD, who: p.who }));
  const existing = await accounts.findSchool(ctx, DEMO_SCHOOL);
  if (existing) return { schoolId: existing.id, logins, created: false };

  const school = await accounts.createSchool(ctx, DEMO_SCHOOL);
  const ids = new Map<string, string>();
  for (const person of people) {
    const created = await accounts.createUser(ctx, school.id, { username: person.username, fullName: person.fullName, department: person.department, roles: person.roles });
    await accounts.setPassword(ctx, created.user.id, DEMO_PASSWORD);
    ids.set(person.username, created.user.id);
  }
  await accounts.addMentorship(ctx, school.id, ids.get('gv.hoa')!, ids.get('gv.lan')!);

  const lan = (await accounts.getUser(ctx, ids.get('gv.lan')!))!;
  const scopeId = lan.scopeId!;
  let mutationId = 0;
  const put = (table: Mutation['table'], recordId: string, fields: Record<string, unknown>): Mutation => ({ mutationId: ++mutationId, scopeId, table, recordId, op: 'put', fields });
  const mutations: Mutation[] = [
    put('profile', 'profile', {
      fullName: 'Nguyễn Thị Lan',
      school: 'Trường THCS Hoà Bình',
      department: 'Toán - Tin',
      subject: 'Toán',
      position: 'Giáo viên',
      homeroomClass: '9A1',
      district: 'Huyện Tân Lạc',
      province: 'Tỉnh Hoà Bình',
      updatedAt: T('2024-09-05'),
    }),
    put('schoolYears', 'demo-2024', { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-11', hk2Start: '2025-01-13', hk2End: '2025-05-24', updatedAt: T('2024-09-05') }),
    ...ENTRIES.map(([date, content, form, bdtxProgram, module, periods, result], i) =>
      put('entries', `demo-entry-${String(i + 1).padStart(2, '0')}`, {
        schoolYearId: 'demo-2024',
        date,
        content,
        form,
        bdtxProgram,
        module,
        periods,
        source: '',
        result,
        evidence: '',
        note: '',
        createdAt: T(date),
        updatedAt: T(date),
      }),
    ),
    put('reflections', 'demo-reflection-2024-09', {
      schoolYearId: 'demo-2024',
      kind: 'month',
      period: '2024-09',
      text: 'Tháng 9 tập trung xây dựng kế hoạch dạy học và bắt đầu module GVPT 04. Cần dành thời gian cố định mỗi tuần cho việc tự học.',
      updatedAt: T('2024-09-30'),
    }),
    put('reflections', 'demo-reflection-2024-10', {
      schoolYearId: 'demo-2024',
      kind: 'month',
      period: '2024-10',
      text: 'Hoàn thành module GVPT 04; chuyên đề STEM giúp tôi có thêm ý tưởng hoạt động trải nghiệm cho học sinh lớp 9.',
      updatedAt: T('2024-10-31'),
    }),
  ];
  await updateSchoolSettings(ctx, school.id, {
    schoolName: 'Trường THCS Hoà Bình',
    governingBody: 'PHÒNG GD&ĐT HUYỆN TÂN LẠC',
    placeName: 'Tân Lạc',
  });
  const hoa = (await accounts.getUser(ctx, ids.get('gv.hoa')!))!;
  // Mutation ids increase per device; Hoa's device writes into her logbook and into Lan's.
  let hoaCounter = 0;
  const hoaPut = (scope: string) => (table: Mutation['table'], recordId: string, fields: Record<string, unknown>): Mutation => ({ mutationId: ++hoaCounter, scopeId: scope, table, recordId, op: 'put', fields });
  const lanPut = (table: Mutation['table'], recordId: string, fields: Record<string, unknown>): Mutation => ({ mutationId: 1, scopeId, table, recordId, op: 'put', fields });
  // Each person's batch as one device of theirs would send it.
  const batches: Array<[string, string, Mutation[]]> = [
    [lan.id, 'demo-seed-lan-1', [...mutations, ...lanRecords(put, hoa.id)]],
    [hoa.id, 'demo-seed-hoa-1', [...hoaRecords(hoaPut(hoa.scopeId!), lan.id), mentorNote(hoaPut(scopeId), { id: hoa.id, fullName: 'Trần Thị Hoa' })]],
    [lan.id, 'demo-seed-lan-2', [lanReply(lanPut, { id: lan.id, fullName: 'Nguyễn Thị Lan' })]],
  ];
  const startYear = await accounts.schoolYearNow(ctx, school.id);
  for (const [userId, clientId, batch] of batches) {
    const response = await sync(ctx, userId, { clientId, schemaVersion: LOGBOOK_SCHEMA_VERSION, mutations: shiftDemoYear(batch, startYear), cursors: {} });
    const rejected = response.results.filter((r) => r.status === 'rejected');
    if (rejected.length > 0) throw new Error(`demo data rejected: ${JSON.stringify(rejected)}`);
  }
  return { schoolId: school.id, logins, created: true };
}

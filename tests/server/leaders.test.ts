import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { pdfPool } from '../../src/server/pdf/renderPool.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { purgeTombstones } from '../../src/server/store/sync.ts';
import type { AuditPage, OverviewResponse, OverviewTeacher } from '../../src/sync/leaderApi.ts';
import type { Mutation, SessionResponse } from '../../src/sync/protocol.ts';
import { entry, harnessFor, PASSWORD, T, TEST_DIST } from './harness.ts';
import { STORES } from './stores.ts';

const YEAR = 'nam-hoc-2024';

function topic(status: string): Record<string, unknown> {
  return {
    id: `topic-${YEAR}`,
    schoolYearId: YEAR,
    title: 'Dạy học theo trạm môn Toán 7',
    reason: '',
    goals: '',
    measures: '',
    milestones: [],
    progressNotes: [],
    summary: '',
    status,
    createdAt: T,
    updatedAt: T,
  };
}

function confirmation(id: string, author: SessionResponse, logbookRev: number, semester = 'HK1'): Record<string, unknown> {
  return {
    id,
    schoolYearId: YEAR,
    semester,
    authorUserId: author.user.id,
    authorName: author.user.fullName,
    authorRole: 'toTruong',
    remark: 'Sổ ghi chép đầy đủ, đúng tiến độ.',
    logbookRev,
    confirmedAt: T,
    updatedAt: T,
  };
}

describe.each(STORES)('leaders on %s', (kind) => {
  const setup = harnessFor(kind);

  /** A school: tổ Toán (Lan, and Hà its tổ trưởng who also teaches), tổ Văn (Mai), a principal, an admin. */
  async function school() {
    const h = await setup();
    const lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan', department: 'Toán' });
    const ha = await h.user('ha', [{ role: 'teacher' }, { role: 'leader', department: 'Toán' }], { fullName: 'Phạm Thu Hà', department: 'Toán' });
    const mai = await h.user('mai', [{ role: 'teacher' }], { fullName: 'Lê Thị Mai', department: 'Văn' });
    const hieu = await h.user('hieu', [{ role: 'leader', department: '' }], { fullName: 'Trần Văn Hiếu' });
    const admin = await h.user('quantri', [{ role: 'admin' }], { fullName: 'Đỗ Văn Quản' });
    let next = 0;
    const put = (scopeId: string, table: string, id: string, fields: Record<string, unknown>): Mutation =>
      ({ mutationId: ++next, scopeId, table, recordId: id, op: 'put', fields }) as Mutation;
    const overview = async (token: string, query = '?year=2024&semester=HK1') => {
      const response = await h.app.inject({ url: `/api/leader/overview${query}`, headers: { authorization: `Bearer ${token}` } });
      return { status: response.statusCode, body: response.json<OverviewResponse & { error?: { code: string } }>() };
    };
    return { h, lan, ha, mai, hieu, admin, put, overview };
  }

  it('gives a tổ trưởng her tổ and ban giám hiệu the school, with tiết per program, minimums and statuses of the semester', async () => {
    const { h, lan, ha, mai, hieu, put, overview } = await school();
    const scope = lan.user.scopeId!;
    await h.syncAs(lan.token, {
      mutations: [
        put(scope, 'entries', 'e1', entry('e1', { schoolYearId: YEAR, bdtxProgram: '01', periods: 12 })),
        put(scope, 'entries', 'e2', entry('e2', { schoolYearId: YEAR, date: '2024-11-20', bdtxProgram: '03', module: 'GVPT 03', periods: 12 })),
        put(scope, 'entries', 'e2b', entry('e2b', { schoolYearId: YEAR, date: '2024-11-21', bdtxProgram: '03', module: 'GVPT 03', periods: 8 })),
        put(scope, 'entries', 'e3', entry('e3', { schoolYearId: YEAR, date: '2024-12-01', periods: 1.5 })),
        // Học kỳ II: not in HK1's figures.
        put(scope, 'entries', 'e4', entry('e4', { schoolYearId: YEAR, date: '2025-03-02', bdtxProgram: '02', periods: 8 })),
        put(scope, 'innovationTopics', `topic-${YEAR}`, topic('inProgress')),
      ],
    });
    await h.syncAs(mai.token, { mutations: [put(mai.user.scopeId!, 'entries', 'm1', entry('m1', { schoolYearId: YEAR, bdtxProgram: '02', periods: 4 }))] });

    const tt = await overview(ha.token);
    expect(tt.status).toBe(200);
    expect(tt.body).toMatchObject({ year: 2024, semester: 'HK1', wholeSchool: false, departments: ['Toán'], minimums: { tietPerProgram: { '01': 20, '02': 20, '03': 20 }, observations: 4 } });
    expect(tt.body.teachers.map((t) => t.fullName)).toEqual(['Nguyễn Thị Lan', 'Phạm Thu Hà']);
    const row = tt.body.teachers[0]!;
    expect(row).toMatchObject<Partial<OverviewTeacher>>({
      userId: lan.user.id,
      scopeId: scope,
      department: 'Toán',
      entries: 4,
      tietByProgram: { '01': 12, '02': 0, '03': 20 },
      tietTotal: 33.5,
      observations: 0,
      innovationTopic: 'inProgress',
      skkn: null,
      confirmations: [],
      behind: ['01', '02', 'observations'],
      lastSyncAt: new Date(h.clock.now).toISOString(),
    });
    expect(tt.body.teachers[1]).toMatchObject({ entries: 0, tietTotal: 0, innovationTopic: null, lastSyncAt: null, behind: ['01', '02', '03', 'observations'] });

    const hk2 = await overview(ha.token, '?year=2024&semester=HK2');
    expect(hk2.body.teachers[0]).toMatchObject({ entries: 1, tietByProgram: { '01': 0, '02': 8, '03': 0 } });

    const bgh = await overview(hieu.token);
    expect(bgh.body.wholeSchool).toBe(true);
    expect(bgh.body.departments).toEqual(['Toán', 'Văn']);
    expect(bgh.body.teachers.map((t) => t.fullName)).toEqual(['Lê Thị Mai', 'Nguyễn Thị Lan', 'Phạm Thu Hà']);
    expect((await overview(hieu.token, '?year=2024&semester=HK1&department=V%C4%83n')).body.teachers.map((t) => t.fullName)).toEqual(['Lê Thị Mai']);
    // A tổ trưởng asking for another tổ gets nobody.
    expect((await overview(ha.token, '?year=2024&semester=HK1&department=V%C4%83n')).body.teachers).toEqual([]);
  });

  it("uses the teacher's own semester dates for the year when she moved them", async () => {
    const { h, lan, ha, put, overview } = await school();
    const scope = lan.user.scopeId!;
    await h.syncAs(lan.token, {
      mutations: [
        put(scope, 'schoolYears', YEAR, { id: YEAR, startYear: 2024, hk1Start: '2024-09-05', hk1End: '2024-12-31', hk2Start: '2025-01-01', hk2End: '2025-05-25', updatedAt: T }),
        put(scope, 'entries', 'e1', entry('e1', { schoolYearId: YEAR, date: '2025-01-10', periods: 2 })),
      ],
    });
    const hk1 = await overview(ha.token);
    expect(hk1.body.teachers[0]).toMatchObject({ fullName: 'Nguyễn Thị Lan', entries: 0 });
    const hk2 = await overview(ha.token, '?year=2024&semester=HK2');
    expect(hk2.body.teachers[0]).toMatchObject({ entries: 1, tietTotal: 2 });
  });

  it('refuses non-leaders and bad queries; a leader of another school sees nobody here', async () => {
    const { h, lan, admin, hieu, overview } = await school();
    expect((await overview(admin.token)).status).toBe(403);
    expect((await overview(lan.token)).body.error?.code).toBe('forbidden');
    expect((await overview(hieu.token, '?year=2024&semester=HK3')).status).toBe(400);
    expect((await overview(hieu.token, '?semester=HK1')).status).toBe(400);
    const unauth = await h.app.inject({ url: '/api/leader/overview?year=2024&semester=HK1' });
    expect(unauth.statusCode).toBe(401);

    const other = await accounts.createSchool(h.app.sbd.ctx, 'THCS Khác');
    const created = await accounts.createUser(h.app.sbd.ctx, other.id, { username: 'hieu2', fullName: 'Hiệu trưởng khác', department: '', roles: [{ role: 'leader' }] });
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'hieu2', code: created.activationCode, password: PASSWORD } });
    const theirs = await overview(login.json<SessionResponse>().token);
    expect(theirs.status).toBe(200);
    expect(theirs.body.teachers).toEqual([]);

    // Deactivating a leader ends her inspection at once.
    await accounts.updateUser(h.app.sbd.ctx, h.schoolId, hieu.user.id, { active: false });
    expect((await overview(hieu.token)).status).toBe(401);
  });

  it('flags records changed after a confirmation, lists what changed, and logs the confirmation', async () => {
    const { h, lan, ha, mai, hieu, put, overview } = await school();
    const scope = lan.user.scopeId!;
    await h.syncAs(lan.token, {
      mutations: [
        put(scope, 'entries', 'e1', entry('e1', { schoolYearId: YEAR, content: 'Sinh hoạt tổ chuyên môn', periods: 3 })),
        put(scope, 'entries', 'e2', entry('e2', { schoolYearId: YEAR, content: 'Tự học mô đun GVPT 05', periods: 2 })),
      ],
    });
    // The tổ trưởng reads Lan's logbook and confirms HK1 at the revision she has.
    const read = await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: { [scope]: 0 } });
    const seen = read.body.cursors[scope]!;
    expect(seen).toBe(2);
    const confirm = await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: read.body.cursors, mutations: [put(scope, 'confirmations', 'c1', confirmation('c1', ha, seen))] });
    expect(confirm.body.results[0]).toMatchObject({ status: 'applied' });

    let row = (await overview(ha.token)).body.teachers.find((t) => t.userId === lan.user.id)!;
    expect(row.confirmations).toEqual([expect.objectContaining({ id: 'c1', authorName: 'Phạm Thu Hà', authorRole: 'toTruong', logbookRev: 2, changedAfter: [], changedCount: 0 })]);

    // Lan edits one entry and deletes the other afterwards.
    h.clock.advanceDays(1);
    await h.syncAs(lan.token, { mutations: [put(scope, 'entries', 'e1', { periods: 4 }), { ...put(scope, 'entries', 'e2', {}), op: 'delete' } as Mutation] });
    row = (await overview(hieu.token)).body.teachers.find((t) => t.userId === lan.user.id)!;
    const [c1] = row.confirmations;
    expect(c1!.changedCount).toBe(2);
    expect(c1!.changedAfter).toEqual([
      { table: 'entries', id: 'e2', date: '2024-09-10', text: 'Tự học mô đun GVPT 05', deleted: true, changedAt: new Date(h.clock.now).toISOString() },
      { table: 'entries', id: 'e1', date: '2024-09-10', text: 'Sinh hoạt tổ chuyên môn', deleted: false, changedAt: new Date(h.clock.now).toISOString() },
    ]);
    // A confirmation of HK2 does not show in HK1.
    expect((await overview(ha.token, '?year=2024&semester=HK2')).body.teachers.find((t) => t.userId === lan.user.id)!.confirmations).toEqual([]);

    // Nobody else writes confirmations: not the teacher herself, not a tổ trưởng of another tổ.
    const own = await h.syncAs(lan.token, { mutations: [put(scope, 'confirmations', 'c2', confirmation('c2', lan, 5))] });
    expect(own.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const maiScope = mai.user.scopeId!;
    const outside = await h.syncAs(ha.token, { clientId: 'device-tt-01', mutations: [put(maiScope, 'confirmations', 'c3', confirmation('c3', ha, 0))] });
    expect(outside.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    // Leaders never change the teacher's own records.
    const edit = await h.syncAs(ha.token, { clientId: 'device-tt-01', mutations: [put(scope, 'entries', 'e1', { periods: 40 })] });
    expect(edit.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });

    const admin = await h.user('quantri2', [{ role: 'admin' }]);
    const audit = await h.app.inject({ url: '/api/admin/audit?action=confirmation.put', headers: { authorization: `Bearer ${admin.token}` } });
    expect(audit.json<AuditPage>().entries).toEqual([
      expect.objectContaining({ actorId: ha.user.id, actorName: 'Phạm Thu Hà', targetId: lan.user.id, targetName: 'Nguyễn Thị Lan', detail: expect.objectContaining({ confirmationId: 'c1', semester: 'HK1', logbookRev: 2 }) }),
    ]);
  });

  it('shows every change at once although each logbook\'s figures are kept between requests: a push, a push through another server process, new semester dates, the tombstone purge', async () => {
    const { h, lan, ha, hieu, mai, put, overview } = await school();
    const scope = lan.user.scopeId!;
    const lanRow = async (token = hieu.token, query?: string) => (await overview(token, query)).body.teachers.find((t) => t.userId === lan.user.id)!;
    await h.syncAs(lan.token, { mutations: [put(scope, 'entries', 'e1', entry('e1', { schoolYearId: YEAR, bdtxProgram: '01', periods: 3 }))] });
    expect(await lanRow()).toMatchObject({ entries: 1, tietTotal: 3, rev: 1 });
    expect(h.app.sbd.ctx.overviews!.size).toBeGreaterThan(0);

    // A push: the next overview has it (the logbook's revision moved).
    await h.syncAs(lan.token, { mutations: [put(scope, 'entries', 'e2', entry('e2', { schoolYearId: YEAR, date: '2024-12-20', bdtxProgram: '01', periods: 5 }))] });
    expect(await lanRow()).toMatchObject({ entries: 2, tietTotal: 8, tietByProgram: { '01': 8 }, rev: 2 });

    // A push through another server process on the same store (its own caches; nobody tells this one).
    const other = await buildServer({ distDir: TEST_DIST, store: h.conn, now: () => h.clock.now, scryptN: 2 ** 10 });
    try {
      const pushed = await other.inject({
        method: 'POST',
        url: '/api/sync',
        headers: { authorization: `Bearer ${lan.token}` },
        payload: { clientId: 'device-bbbb', schemaVersion: 2, cursors: {}, mutations: [{ ...put(scope, 'entries', 'e1', {}), op: 'delete' }] },
      });
      expect(pushed.statusCode).toBe(200);
    } finally {
      await other.close();
    }
    expect(await lanRow()).toMatchObject({ entries: 1, tietTotal: 5, rev: 3 });

    // The school moves HK1's end before 20 December: e2 leaves HK1 (the stamp holds the school's dates).
    const admin = await h.user('quantri2', [{ role: 'admin' }]);
    const auth = { authorization: `Bearer ${admin.token}` };
    const settings = (await h.app.inject({ url: '/api/admin/settings', headers: auth })).json<{ settings: Record<string, unknown> }>().settings;
    const dates = { startYear: 2024, hk1Start: '2024-09-05', hk1End: '2024-12-15', hk2Start: '2024-12-16', hk2End: '2025-05-25' };
    expect((await h.app.inject({ method: 'PUT', url: '/api/admin/settings', headers: auth, payload: { ...settings, schoolYears: [dates] } })).statusCode).toBe(200);
    expect(await lanRow()).toMatchObject({ entries: 0, tietTotal: 0, rev: 3 });
    expect(await lanRow(hieu.token, '?year=2024&semester=HK2')).toMatchObject({ entries: 1, tietTotal: 5 });

    // A confirmation, then the teacher deletes e2: flagged; the purge (here of tombstones older than a
    // minute) removes the tombstone without a new revision, and the flag goes with it.
    const read = await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: { [scope]: 0 } });
    await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: read.body.cursors, mutations: [put(scope, 'confirmations', 'c1', { ...confirmation('c1', ha, read.body.cursors[scope]!), semester: 'HK2' })] });
    await h.syncAs(lan.token, { mutations: [{ ...put(scope, 'entries', 'e2', {}), op: 'delete' }] });
    expect((await lanRow(ha.token, '?year=2024&semester=HK2')).confirmations).toEqual([expect.objectContaining({ id: 'c1', changedCount: 1 })]);
    h.clock.advanceMinutes(2);
    expect(await purgeTombstones(h.app.sbd.ctx, 1 / 24 / 60)).toBe(2);
    expect((await lanRow(ha.token, '?year=2024&semester=HK2')).confirmations).toEqual([expect.objectContaining({ id: 'c1', changedCount: 0, changedAfter: [] })]);

    // Figures kept for the principal never reach a tổ trưởng outside her tổ, nor an admin.
    expect((await overview(ha.token)).body.teachers.map((t) => t.userId)).not.toContain(mai.user.id);
    expect((await overview(admin.token)).status).toBe(403);
  });

  it('starts the PDF threads for the export once a leader has her overview, not for a refused request', async () => {
    const { lan, ha, overview } = await school();
    const pool = pdfPool();
    await pool.close();
    expect((await overview(lan.token)).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.threadCount).toBe(0);
    expect((await overview(ha.token)).status).toBe(200);
    await vi.waitFor(() => expect(pool.threadCount).toBe(pool.size));
    await overview(ha.token);
    await pool.warm();
    expect(pool.threadCount).toBe(pool.size);
  });

  it("exports the tổ's semester PDFs as a zip, with the confirmation in the signature block, and logs the export", async () => {
    const { h, lan, ha, mai, put } = await school();
    const scope = lan.user.scopeId!;
    await h.syncAs(lan.token, {
      mutations: [
        put(scope, 'schoolYears', YEAR, { id: YEAR, startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-14', hk2Start: '2025-01-15', hk2End: '2025-05-25', updatedAt: T }),
        put(scope, 'entries', 'e1', entry('e1', { schoolYearId: YEAR, content: 'Sinh hoạt tổ chuyên môn', periods: 3 })),
        put(scope, 'profile', 'profile', { id: 'profile', fullName: 'Nguyễn Thị Lan', school: 'THCS Thử Nghiệm', department: 'Toán', subject: 'Toán', position: 'Giáo viên', homeroomClass: '', district: '', province: '', updatedAt: T }),
      ],
    });
    const read = await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: { [scope]: 0 } });
    await h.syncAs(ha.token, { clientId: 'device-tt-01', cursors: read.body.cursors, mutations: [put(scope, 'confirmations', 'c1', confirmation('c1', ha, read.body.cursors[scope]!))] });

    const response = await h.app.inject({ url: '/api/leader/export?year=2024&semester=HK1', headers: { authorization: `Bearer ${ha.token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe('attachment; filename="so-boi-duong-2024-2025-HK1-toan-bo.zip"');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    // Hà never opened 2024–2025: no PDF, a note names her.
    expect(Buffer.from(files['CHUA-CO-SO.txt']!).toString()).toContain('- Phạm Thu Hà');
    const names = Object.keys(files).filter((n) => n.endsWith('.pdf'));
    expect(names).toHaveLength(1);
    expect(response.headers['x-logbook-count']).toBe('1');
    for (const name of names) expect(Buffer.from(files[name]!.slice(0, 5)).toString()).toBe('%PDF-');
    const lanPdf = names.find((n) => /lan/i.test(n))!;
    expect(lanPdf).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'sbd-zip-'));
    writeFileSync(path.join(dir, 'lan.pdf'), files[lanPdf]!);
    let text: string | null = null;
    try {
      text = execFileSync('pdftotext', ['-layout', path.join(dir, 'lan.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    } catch {
      if (process.env.REQUIRE_BROWSER === '1') throw new Error('pdftotext (poppler-utils) is required');
      console.warn('!! pdftotext missing: the PDF text of the export was not checked');
    }
    if (text !== null) {
      expect(text).toContain('Nguyễn Thị Lan');
      expect(text).toContain('Phạm Thu Hà');
    }

    // Not a leader: refused; another tổ's teachers are not in a tổ trưởng's zip.
    expect((await h.app.inject({ url: '/api/leader/export?year=2024&semester=HK1', headers: { authorization: `Bearer ${mai.token}` } })).statusCode).toBe(403);
    const admin = await h.user('quantri2', [{ role: 'admin' }]);
    const audit = await h.app.inject({ url: '/api/admin/audit?action=export', headers: { authorization: `Bearer ${admin.token}` } });
    expect(audit.json<AuditPage>().entries).toEqual([
      expect.objectContaining({ actorName: 'Phạm Thu Hà', detail: expect.objectContaining({ year: 2024, semester: 'HK1', department: null, teachers: 1, skipped: 1 }) }),
    ]);
  });
});

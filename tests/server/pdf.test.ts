import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/cli.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import type { Mutation } from '../../src/sync/protocol.ts';
import { checkTools, containsInOrder, pdfText, qpdfCheck, writeTemp } from '../unit/pdf/pdfTools.ts';
import { PROFILE, smallLogbook, YEAR } from '../unit/pdf/sampleLogbook.ts';
import { harnessFor } from './harness.ts';
import { STORES } from './stores.ts';

const tools = checkTools();

describe.each(STORES)('logbook PDF on %s', (kind) => {
  const harness = harnessFor(kind);

  async function school() {
    const h = await harness();
    const lan = await h.user('lan', [{ role: 'teacher' }], { department: 'Toán', fullName: 'Nguyễn Thị Hoà' });
    const binh = await h.user('binh', [{ role: 'teacher' }], { department: 'Văn' });
    const mai = await h.user('mai', [{ role: 'teacher' }, { role: 'mentor' }], { department: 'Văn' });
    const tt = await h.user('tt.toan', [{ role: 'teacher' }, { role: 'leader', department: 'Toán' }], { department: 'Toán' });
    await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, mai.user.id, lan.user.id);
    const scopeId = lan.user.scopeId!;
    const logbook = smallLogbook();
    let next = 0;
    const put = (table: Mutation['table'], record: { id: string }): Mutation => ({ mutationId: ++next, scopeId, table, recordId: record.id, op: 'put', fields: record });
    const mutations = [
      put('profile', PROFILE),
      put('schoolYears', YEAR),
      ...logbook.entries.map((e) => put('entries', e)),
      ...logbook.reflections.map((r) => put('reflections', r)),
      ...logbook.observations.map((o) => put('observations', o)),
    ];
    const pushed = await h.syncAs(lan.token, { mutations });
    expect(pushed.body.results.every((r) => r.status === 'applied')).toBe(true);
    const get = (token: string | null, query = 'year=2023&semester=HK1', id = scopeId) =>
      h.app.inject({ method: 'GET', url: `/api/logbooks/${id}/pdf?${query}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { h, lan, binh, mai, tt, scopeId, get, conn: h.conn };
  }

  it('gives the owner and her tổ trưởng the PDF; a mentor gets what mentors read; others get 404', async () => {
    const { lan, binh, mai, tt, get } = await school();
    const own = await get(lan.token);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain('filename="so-boi-duong_nguyen-thi-hoa_2023-2024_HK1.pdf"');
    expect(own.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const leader = await get(tt.token, 'year=2023&semester=HK1&sections=entries,observations&observations=list');
    expect(leader.statusCode).toBe(200);
    const mentor = await get(mai.token, 'year=2023&semester=HK1&sections=entries,observations&observations=list');
    expect(mentor.statusCode).toBe(200);
    if (tools) {
      const ownText = pdfText(writeTemp(own.rawPayload));
      expect(containsInOrder(ownText, 'Sinh hoạt tổ chuyên môn: nghiên cứu bài học')).toBe(true);
      expect(ownText).toContain('Học kỳ I em đã thực hiện đầy đủ kế hoạch bồi dưỡng.');
      expect(qpdfCheck(writeTemp(own.rawPayload)).ok).toBe(true);
      const leaderText = pdfText(writeTemp(leader.rawPayload));
      expect(containsInOrder(leaderText, 'Sinh hoạt tổ chuyên môn: nghiên cứu bài học')).toBe(true);
      expect(leaderText).toContain('Trần Văn Bình');
      expect(leaderText).not.toContain('PHIẾU DỰ GIỜ');
      // Mentors do not read self-study entries (SYNC_TABLES.mentorReads): the section is left out.
      const mentorText = pdfText(writeTemp(mentor.rawPayload));
      expect(containsInOrder(mentorText, 'Sinh hoạt tổ chuyên môn: nghiên cứu bài học')).toBe(false);
      expect(mentorText).toContain('I. DỰ GIỜ');
    }

    const other = await get(binh.token);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy sổ này, hoặc bạn không có quyền xem sổ này.' } });
  }, 60_000);

  it('answers 401 without a session, 400 for bad options and 404 for a year the logbook lacks', async () => {
    const { lan, get } = await school();
    expect((await get(null)).statusCode).toBe(401);
    const bad = await get(lan.token, 'year=2023&semester=HK3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const badSection = await get(lan.token, 'year=2023&sections=entries,nhat-ky');
    expect(badSection.statusCode).toBe(400);
    const missing = await get(lan.token, 'year=2019');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Sổ của Nguyễn Thị Hoà chưa có năm học 2019–2020.');
  });

  it('exports with the admin CLI: npm run admin -- export-pdf', async () => {
    const { conn } = await school();
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'sbd-cli-pdf-')), 'so.pdf');
    expect(await runCli(['export-pdf', '--user', 'lan', '--year', '2023', '--semester', 'HK1', '--out', out], {}, conn)).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    if (tools) expect(containsInOrder(pdfText(out), 'Đọc tài liệu về đánh giá thường xuyên')).toBe(true);
    expect(await runCli(['export-pdf', '--user', 'khong-co', '--year', '2023'], {}, conn)).toBe(1);
    expect(await runCli(['export-pdf', '--user', 'lan'], {}, conn)).toBe(1);
  }, 60_000);
});

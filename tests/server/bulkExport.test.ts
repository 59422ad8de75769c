import type { AddressInfo } from 'node:net';
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { LogbookInput, LogbookPdfOptions } from '../../src/pdf/types.ts';
import type { AuditPage } from '../../src/sync/leaderApi.ts';
import type { Mutation } from '../../src/sync/protocol.ts';
import { entry, harnessFor, T } from './harness.ts';
import { STORES } from './stores.ts';

/**
 * The leaders' bulk export as a client receives it over HTTP: the zip starts arriving with the first
 * PDF while later ones are still being rendered, the server answers other requests meanwhile, and
 * the PDFs are those of the single-logbook endpoint, in the teachers' order. The last teacher's PDF is
 * held back (a gate in front of the real renderer) until the test has seen all that, so nothing here
 * depends on timing: without streaming the first bytes would never come and the test would time out.
 */
const gate = vi.hoisted(() => ({ holdFor: '', hold: Promise.resolve(), heldRendered: false }));

vi.mock('../../src/server/pdf/renderPool.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/server/pdf/renderPool.ts')>();
  class GatedPool extends real.RenderPool {
    override async render(input: LogbookInput, options: LogbookPdfOptions): Promise<Uint8Array> {
      if (input.profile?.fullName !== gate.holdFor) return super.render(input, options);
      await gate.hold;
      const bytes = await super.render(input, options);
      gate.heldRendered = true;
      return bytes;
    }
  }
  const pool = new GatedPool(2);
  return { ...real, pdfPool: () => pool };
});

const YEAR = 'nam-hoc-2024';
const TEACHERS = ['Bùi Văn An', 'Hoàng Thị Bích', 'Vũ Thị Yến'];

/** The PDF without what differs between two renders: its creation time and the ID made from it. */
const comparable = (bytes: Uint8Array) =>
  Buffer.from(bytes)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '');

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(STORES)('bulk PDF export on %s', (kind) => {
  const setup = harnessFor(kind);

  async function school() {
    const h = await setup();
    const teachers = [];
    for (const [i, fullName] of TEACHERS.entries()) {
      const t = await h.user(`gv${i}`, [{ role: 'teacher' }], { fullName, department: 'Toán' });
      const scopeId = t.user.scopeId!;
      let next = 0;
      const put = (table: string, id: string, fields: Record<string, unknown>): Mutation => ({ mutationId: ++next, scopeId, table, recordId: id, op: 'put', fields }) as Mutation;
      await h.syncAs(t.token, {
        mutations: [
          put('schoolYears', YEAR, { id: YEAR, startYear: 2024, hk1Start: '2024-09-05', hk1End: '2025-01-14', hk2Start: '2025-01-15', hk2End: '2025-05-25', updatedAt: T }),
          put('profile', 'profile', { id: 'profile', fullName, school: 'THCS Thử Nghiệm', department: 'Toán', subject: 'Toán', position: 'Giáo viên', homeroomClass: '', district: '', province: '', updatedAt: T }),
          put('entries', 'e1', entry('e1', { schoolYearId: YEAR, content: `Sinh hoạt tổ chuyên môn của ${fullName}`, periods: 3 })),
          put('entries', 'e2', entry('e2', { schoolYearId: YEAR, date: '2024-10-02', content: 'Đọc tài liệu về đánh giá thường xuyên', periods: 2 })),
        ],
      });
      teachers.push(t);
    }
    // Opened no logbook for 2024–2025: named in the zip's note.
    await h.user('gv9', [{ role: 'teacher' }], { fullName: 'Đặng Văn Mới', department: 'Toán' });
    const leader = await h.user('hieu', [{ role: 'leader', department: '' }], { fullName: 'Trần Văn Hiếu' });
    const admin = await h.user('quantri', [{ role: 'admin' }], { fullName: 'Đỗ Văn Quản' });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    const auditEntries = async () =>
      (await h.app.inject({ url: '/api/admin/audit?action=export', headers: { authorization: `Bearer ${admin.token}` } })).json<AuditPage>().entries;
    return { h, teachers, leader, base, auditEntries };
  }

  function holdBack(fullName: string) {
    const release = deferred();
    gate.holdFor = fullName;
    gate.hold = release.promise;
    gate.heldRendered = false;
    return release;
  }

  it('streams the zip from the first PDF on, answers health meanwhile, and holds the same PDFs as the single endpoint, in order', async () => {
    const { h, teachers, leader, base, auditEntries } = await school();
    const release = holdBack(TEACHERS[2]!);
    const auth = { authorization: `Bearer ${leader.token}` };

    const response = await fetch(`${base}/api/leader/export?year=2024&semester=HK1`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('x-logbook-count')).toBe('3');
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    expect(first.done).toBe(false);
    chunks.push(first.value!);
    // A zip's local file header: the first PDF is on its way while the last one is not rendered yet.
    expect(Buffer.from(first.value!.subarray(0, 4))).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(gate.heldRendered).toBe(false);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(gate.heldRendered).toBe(false);
    expect(await auditEntries()).toEqual([]);

    release.resolve();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(gate.heldRendered).toBe(true);
    const zip = Buffer.concat(chunks);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files)).toEqual([
      'so-boi-duong_bui-van-an_2024-2025_HK1.pdf',
      'so-boi-duong_hoang-thi-bich_2024-2025_HK1.pdf',
      'so-boi-duong_vu-thi-yen_2024-2025_HK1.pdf',
      'CHUA-CO-SO.txt',
    ]);
    expect(Buffer.from(files['CHUA-CO-SO.txt']!).toString()).toContain('- Đặng Văn Mới');
    const pdfs = Object.values(files).slice(0, 3);
    for (const [i, t] of teachers.entries()) {
      const single = await h.app.inject({ url: `/api/logbooks/${t.user.scopeId}/pdf?year=2024&semester=HK1`, headers: auth });
      expect(single.statusCode).toBe(200);
      expect(comparable(pdfs[i]!)).toEqual(comparable(new Uint8Array(single.rawPayload)));
    }
    expect(await auditEntries()).toEqual([
      expect.objectContaining({ actorName: 'Trần Văn Hiếu', detail: { year: 2024, semester: 'HK1', department: null, teachers: 3, skipped: 1, bytes: zip.byteLength } }),
    ]);
  }, 120_000);

  it('logs an export the client stopped halfway as incomplete', async () => {
    const { h, base, leader, auditEntries } = await school();
    const release = holdBack(TEACHERS[1]!);
    const abort = new AbortController();
    const response = await fetch(`${base}/api/leader/export?year=2024&semester=HK1&department=${encodeURIComponent('Toán')}`, { headers: { authorization: `Bearer ${leader.token}` }, signal: abort.signal });
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    abort.abort();
    release.resolve();
    let entries = await auditEntries();
    for (let i = 0; i < 200 && entries.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      entries = await auditEntries();
    }
    expect(entries).toEqual([expect.objectContaining({ detail: expect.objectContaining({ department: 'Toán', complete: false, skipped: 1 }) })]);
    // fetch opens a spare connection when one is aborted; with no request on it, closing the server
    // would wait for its headers timeout.
    h.app.server.closeAllConnections();
  }, 120_000);
});

import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { runCli } from '../../src/server/cli.ts';
import { connect } from '../../src/server/db/connect.ts';
import { findOutline } from '../../src/domain/catalogs/skknOutlines.ts';
import { schoolCurrentYear } from '../../src/domain/schoolSettings.ts';
import { LOGBOOK_SCHEMA_VERSION } from '../../src/domain/records.ts';
import { semesterOf, type SchoolYearDates } from '../../src/domain/schoolYear.ts';
import { DEMO_PASSWORD } from '../../src/server/demo.ts';
import { TEST_DIST } from './harness.ts';

describe('admin CLI (SQLite in DATA_DIR)', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints help, creates a school, users and codes that activate, resets, and backs up while the server runs', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sbd-cli-'));
    const env = { DATA_DIR: dataDir };
    expect(await runCli(['--help'], env)).toBe(0);
    expect(out.join('\n')).toContain('create-school');

    expect(await runCli(['create-school', '--name', 'THCS Hoà Bình', '--admin', 'quantri', '--admin-name', 'Đỗ Văn Quản'], env)).toBe(0);
    expect(await runCli(['create-user', '--school', 'THCS Hoà Bình', '--username', 'gv.lan', '--name', 'Nguyễn Thị Lan', '--roles', 'teacher,leader:Toán', '--department', 'Toán'], env)).toBe(0);
    const codes = out.join('\n').match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/g)!;
    expect(codes).toHaveLength(2);
    expect(await runCli(['create-user', '--school', 'Không có', '--username', 'x1x', '--name', 'X', '--roles', 'teacher'], env)).toBe(1);
    expect(out.at(-1)).toContain('Không tìm thấy trường');

    const conn = connect({ dataDir });
    const app = await buildServer({ distDir: TEST_DIST, store: conn, scryptN: 2 ** 10 });
    try {
      const activate = await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'gv.lan', code: codes[1], password: 'mat-khau-dai-1' } });
      expect(activate.statusCode).toBe(200);
      expect(activate.json().user.roles).toEqual([
        { role: 'leader', department: 'Toán' },
        { role: 'teacher', department: '' },
      ]);
      out = [];
      expect(await runCli(['reset-password', 'gv.lan'], env)).toBe(0);
      const fresh = out.join('\n').match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)![0];
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gv.lan', password: 'mat-khau-dai-1' } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/auth/activate', payload: { username: 'gv.lan', code: fresh, password: 'mat-khau-dai-2' } })).statusCode).toBe(200);

      const backup = path.join(dataDir, 'copy.sqlite');
      expect(await runCli(['backup', '--out', backup], env)).toBe(0);
      const copy = new BetterSqlite3(backup, { readonly: true });
      expect(copy.prepare('select username from users order by username').all()).toEqual([{ username: 'gv.lan' }, { username: 'quantri' }]);
      copy.close();
    } finally {
      await app.close();
      await conn.close();
    }
  });

  it('seeds a demo school whose teacher logs in and sees her logbook; her mentor reads the scope but not her entries', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sbd-demo-'));
    expect(await runCli(['demo'], { DATA_DIR: dataDir })).toBe(0);
    expect(out.join('\n')).toContain('gv.lan');
    expect(await runCli(['demo'], { DATA_DIR: dataDir })).toBe(0);
    expect(out.join('\n')).toContain('đã có sẵn');
    const conn = connect({ dataDir });
    const app = await buildServer({ distDir: TEST_DIST, store: conn });
    try {
      for (const username of ['gv.lan', 'gv.hoa']) {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
        expect(login.statusCode).toBe(200);
        const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${login.json().token}` } });
        const lanScope = me.json().scopes.find((s: { ownerName: string }) => s.ownerName === 'Nguyễn Thị Lan').scopeId;
        const sync = await app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${login.json().token}` },
          payload: { clientId: `demo-test-${username}`.replace('.', '-'), schemaVersion: LOGBOOK_SCHEMA_VERSION, mutations: [], cursors: { [lanScope]: 0 } },
        });
        const changes = sync.json().changes as Array<{ table: string; scopeId: string; id: string; record: Record<string, unknown> }>;
        const entries = changes.filter((c) => c.table === 'entries' && c.scopeId === lanScope);
        const inLan = (table: string) => changes.filter((c) => c.table === table && c.scopeId === lanScope).map((c) => c.id).sort();
        // Both see the observations both ways (Hoa's of Lan's lesson mirrored into Lan's logbook) and the thread.
        expect(inLan('observations'), username).toEqual(['demo-obs-lan-01']);
        expect(inLan('observedLessons'), username).toEqual(['demo-obs-hoa-01']);
        expect(inLan('annotations'), username).toEqual(['demo-note-mentor-1', 'demo-note-reply-1']);
        expect(inLan('innovationTopics'), username).toEqual(['topic-demo-2024']);
        expect(inLan('skknSections').length, username).toBe(username === 'gv.lan' ? findOutline('chung-2024')!.sections.length : 0);
        // The mentor reads the mentee's observations and profile, never her entries (docs/sync.md).
        if (username === 'gv.lan') {
          expect(entries.length, username).toBe(12);
          expect(entries[0]!.record.content).toContain('Bộ GD&ĐT');
          // The demo is in the school year every screen opens on, whenever it is seeded.
          const year = changes.find((c) => c.table === 'schoolYears' && c.scopeId === lanScope)!.record;
          const current = schoolCurrentYear(Date.now(), null);
          expect(year.startYear).toBe(current);
          for (const entry of entries) expect(semesterOf(entry.record.date as string, year as unknown as SchoolYearDates), String(entry.record.date)).toBe('HK1');
        } else {
          expect(entries, username).toEqual([]);
          expect(me.json().scopes.find((s: { scopeId: string }) => s.scopeId === lanScope).access).toBe('mentor');
        }
      }
    } finally {
      await app.close();
      await conn.close();
    }
  });

  it('mentor pairs per school year: lists the current year by default, adds and removes for a year, copies last year’s pairs', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sbd-cli-mentors-'));
    const env = { DATA_DIR: dataDir };
    const run = async (...args: string[]) => {
      out = [];
      const code = await runCli(args, env);
      return { code, text: out.join('\n') };
    };
    expect((await run('create-school', '--name', 'THCS Hoà Bình', '--admin', 'quantri')).code).toBe(0);
    for (const [username, name, roles] of [
      ['gv.hoa', 'Trần Thị Hòa', 'teacher,mentor'],
      ['gv.lan', 'Nguyễn Thị Lan', 'teacher'],
      ['gv.binh', 'Lê Văn Bình', 'teacher'],
    ]) {
      expect((await run('create-user', '--school', 'THCS Hoà Bình', '--username', username!, '--name', name!, '--roles', roles!)).code).toBe(0);
    }
    const current = schoolCurrentYear(Date.now(), null);
    const label = (y: number) => `${y}–${y + 1}`;
    const school = ['--school', 'THCS Hoà Bình'];
    expect(await run('add-mentor', ...school, '--mentor', 'gv.hoa', '--teacher', 'gv.lan', '--year', `${current - 1}-${current}`)).toEqual({ code: 0, text: `Đã thêm cặp Trần Thị Hòa → Nguyễn Thị Lan, năm học ${label(current - 1)}.` });
    expect((await run('add-mentor', ...school, '--mentor', 'gv.hoa', '--teacher', 'gv.binh', '--year', String(current - 1))).code).toBe(0);
    expect(await run('mentors', ...school)).toEqual({ code: 0, text: `Năm học ${label(current)} (năm học hiện tại): 0 cặp hướng dẫn\nCác năm học khác: ${label(current - 1)}` });

    expect(await run('copy-mentors', ...school)).toEqual({ code: 0, text: `Đã chép 2 cặp hướng dẫn từ năm học ${label(current - 1)} sang ${label(current)}.` });
    expect((await run('remove-mentor', ...school, '--mentor', 'gv.hoa', '--teacher', 'gv.binh')).code).toBe(0);
    expect((await run('mentors', ...school)).text).toBe(`Năm học ${label(current)} (năm học hiện tại): 1 cặp hướng dẫn\n  Trần Thị Hòa → Nguyễn Thị Lan\nCác năm học khác: ${label(current - 1)}`);
    expect((await run('mentors', ...school, '--year', String(current - 1))).text).toContain('  Trần Thị Hòa → Lê Văn Bình');

    expect(await run('add-mentor', ...school, '--mentor', 'gv.hoa', '--teacher', 'gv.lan', '--year', '2025-2027')).toEqual({ code: 1, text: 'Lỗi: --year không hợp lệ: "2025-2027". Ví dụ: 2025 hoặc 2025-2026' });
    expect(await run('add-mentor', ...school, '--mentor', 'gv.hoa', '--teacher', 'khong.co')).toEqual({ code: 1, text: 'Lỗi: Không có người dùng "khong.co" trong trường' });
  });
});

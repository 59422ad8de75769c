// Part "mentor" (issue 4): a mentor with BENCH_MENTEES (default 10) mentees × BENCH_MENTEE_OBSERVATIONS
// (default 40) observations — and 100 entries each, which a mentor never receives — syncs for the
// first time into Chromium, then once more with nothing new. The server (buildServer on SQLite in a
// temp dir) is seeded through POST /api/sync as each mentee's device would; the bench page of the
// "sync" part (tests/bench/sync-page) runs the app's sync engine, which pulls the mentees' logbooks
// into db.foreign.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { buildServer } from '../../src/server/app.ts';
import { connect } from '../../src/server/db/connect.ts';
import * as accounts from '../../src/server/store/accounts.ts';
import { MAX_MUTATIONS_PER_REQUEST, type Mutation } from '../../src/sync/protocol.ts';
import { findChrome } from '../e2e/browser.ts';
import { ROOT } from '../e2e/build.ts';
import { firstPage, launchProfile } from '../e2e/harness.ts';
import { benchEntry, benchSchoolYear, envNumber, ms, PartSkipped, SCHOOL_YEAR_ID, seedTeachers, T0, type PartOutcome } from './common.ts';

const MENTEES = envNumber('BENCH_MENTEES', 10);
const OBSERVATIONS = envNumber('BENCH_MENTEE_OBSERVATIONS', 40);
const ENTRIES = 100;

/** An observation as the app syncs it (observationSchema), with a 12-row timeline: about 2 KB of JSON. */
function benchObservation(i: number, id: string): Record<string, unknown> {
  return {
    id,
    schoolYearId: SCHOOL_YEAR_ID,
    date: new Date(Date.UTC(2024, 8, 9) + (i % 200) * 86_400_000).toISOString().slice(0, 10),
    lessonPeriod: String((i % 5) + 1),
    className: `${6 + (i % 4)}A`,
    subject: 'Toán',
    lessonTitle: `Bài ${i + 1}: Luyện tập chung`,
    teacherUserId: null,
    teacherName: 'Đồng nghiệp trường bạn',
    observers: 'Tổ Toán - Tin',
    purpose: 'kemCap',
    timeline: Array.from({ length: 12 }, (_, r) => ({ id: `r${r}`, time: `${7 + Math.floor(r / 4)}:${String((r % 4) * 15).padStart(2, '0')}`, activity: 'Học sinh thảo luận nhóm, trình bày kết quả', note: r % 3 === 0 ? 'Cần gọi thêm học sinh yếu' : '' })),
    rubricId: 'khung-3x4',
    rubricVersion: 1,
    criterionComments: { '1.1': 'Mục tiêu rõ ràng, phù hợp', '2.1': 'Học sinh tích cực' },
    criterionScores: {},
    strengths: 'Tổ chức hoạt động nhóm hiệu quả; câu hỏi gợi mở.',
    weaknesses: 'Phân bố thời gian phần củng cố chưa hợp lý.',
    lessonsLearned: 'Chuẩn bị phiếu học tập phân hoá.',
    rating: null,
    createdAt: T0,
    updatedAt: T0,
  };
}

export async function runMentorSync(): Promise<PartOutcome> {
  if (!findChrome()) throw new PartSkipped('no Chromium: apt-get install -y chromium, or set CHROME_PATH');
  const work = mkdtempSync(path.join(tmpdir(), 'sbd-bench-mentor-'));
  const site = path.join(work, 'site');
  mkdirSync(site);
  await build({
    configFile: false,
    root: path.join(ROOT, 'tests', 'bench', 'sync-page'),
    base: '/__sync/',
    logLevel: 'warn',
    build: { outDir: path.join(site, '__sync'), emptyOutDir: true, target: 'es2022' },
  });

  const conn = connect({ dataDir: path.join(work, 'data') });
  const app = await buildServer({ distDir: site, store: conn, purgeTombstones: false });
  try {
    const people = await seedTeachers(app.sbd.ctx, MENTEES + 1, 'kemcap');
    const mentor = people.pop()!;
    const school = (await accounts.getUser(app.sbd.ctx, mentor.id))!.schoolId;
    const seedStart = performance.now();
    for (const [m, mentee] of people.entries()) {
      await accounts.addMentorship(app.sbd.ctx, school, mentor.id, mentee.id);
      const mutations: Mutation[] = [{ mutationId: 1, scopeId: mentee.scopeId, table: 'schoolYears', recordId: benchSchoolYear().id, op: 'put', fields: benchSchoolYear() }];
      for (let i = 0; i < OBSERVATIONS; i++) {
        const id = `obs-${m}-${i}`;
        mutations.push({ mutationId: mutations.length + 1, scopeId: mentee.scopeId, table: 'observations', recordId: id, op: 'put', fields: benchObservation(i, id) });
      }
      for (let i = 0; i < ENTRIES; i++) {
        const record = benchEntry(i);
        mutations.push({ mutationId: mutations.length + 1, scopeId: mentee.scopeId, table: 'entries', recordId: record.id as string, op: 'put', fields: record });
      }
      for (let at = 0; at < mutations.length; at += MAX_MUTATIONS_PER_REQUEST) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${mentee.token}` },
          payload: { clientId: `bench-mentee-${m}`, schemaVersion: 3, mutations: mutations.slice(at, at + MAX_MUTATIONS_PER_REQUEST), cursors: {} },
        });
        if (response.statusCode !== 200) throw new Error(`seeding sync ${response.statusCode}: ${response.body.slice(0, 300)}`);
      }
    }
    const seedMs = performance.now() - seedStart;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    const profile = await launchProfile();
    try {
      await profile.context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await firstPage(profile.context);
      await page.goto(`${url}/__sync/index.html`);
      await page.locator('#status[data-ready="1"]').waitFor();
      const args = { token: mentor.token, userId: mentor.id, scopeId: mentor.scopeId };
      const first = await page.evaluate((a) => window.syncBench.initialSync(a.token, a.userId, a.scopeId), args);
      const expected = MENTEES * (OBSERVATIONS + 1);
      if (first.foreign !== expected) throw new Error(`${first.foreign} of ${expected} mentee records reached IndexedDB`);
      const again = await page.evaluate((a) => window.syncBench.initialSync(a.token, a.userId, a.scopeId), args);
      const label = `${MENTEES} mentees × ${OBSERVATIONS} observations`;
      return {
        rows: [
          { measure: `mentor initial sync, ${label} → IndexedDB (${first.rounds} round trips)`, value: ms(first.ms), target: '' },
          { measure: '  of which waiting for /api/sync (server + loopback + JSON)', value: ms(first.waitMs), target: '' },
          { measure: `mentor sync with nothing new (${MENTEES + 1} scopes named)`, value: ms(again.ms), target: '' },
          { measure: `  (seeding: ${MENTEES} logbooks, ${OBSERVATIONS} observations + ${ENTRIES} entries each, SQLite)`, value: ms(seedMs), target: '' },
        ],
        results: { mentees: MENTEES, observations: OBSERVATIONS, seedMs, first, again },
      };
    } finally {
      await profile.close();
    }
  } finally {
    await app.close();
    await conn.close();
    rmSync(work, { recursive: true, force: true });
  }
}

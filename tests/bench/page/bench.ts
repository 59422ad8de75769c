// Built by tests/bench/run.ts into /__bench/ next to a copy of the app (same origin, same IndexedDB).
// It calls the app's own database code — the same functions the screens call — and times them.
import type { EntryInput } from '../../../src/domain/records.ts';
import { currentStartYear, defaultSchoolYearDates } from '../../../src/domain/schoolYear.ts';
import { getDatabase, toStoredEntry, type StoredEntry } from '../../../src/app/db/database.ts';
import { saveEntry, searchEntries } from '../../../src/app/db/entries.ts';
import { ensureSchoolYearNow } from '../../../src/app/db/schoolYears.ts';
import { newId, nowIso } from '../../../src/app/db/ids.ts';

const FORMS = ['tu-hoc', 'tap-trung', 'sinh-hoat-to', 'cum-truong', 'chuyen-de', 'du-gio', 'skkn', 'he'] as const;
const TOPICS = [
  'Bồi dưỡng thường xuyên mô đun',
  'Tự học tài liệu về kiểm tra, đánh giá học sinh',
  'Sinh hoạt tổ chuyên môn theo nghiên cứu bài học',
  'Dự giờ tiết Ngữ văn lớp 7A của đồng chí',
  'Chuyên đề dạy học theo định hướng phát triển năng lực',
  'Xây dựng kế hoạch dạy học môn Toán',
  'Ứng dụng công nghệ thông tin trong soạn giảng',
  'Hội thảo đổi mới phương pháp dạy học tích cực',
  'Tư vấn và hỗ trợ học sinh có hoàn cảnh khó khăn',
  'Học tiếng Anh giao tiếp bậc 2 theo khung CEFR',
];
const DETAILS = ['thảo luận nhóm', 'phiếu học tập', 'trò chơi khởi động', 'sơ đồ tư duy', 'bài giảng điện tử', 'rút kinh nghiệm', 'giáo án STEM', 'kỹ thuật khăn trải bàn'];

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

function day(from: string, offset: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface Timings {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function summarise(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

const db = getDatabase();

const bench = {
  /** Stores `count` entries spread over the current school year, through the app's schema and search index. */
  async seed(count: number): Promise<{ ms: number; total: number }> {
    const today = new Date().toISOString().slice(0, 10);
    const startYear = currentStartYear(today, await db.schoolYears.toArray());
    const { year } = await ensureSchoolYearNow(db, startYear);
    const { hk1Start } = defaultSchoolYearDates(startYear);
    const started = performance.now();
    const batch: StoredEntry[] = [];
    for (let i = 0; i < count; i++) {
      const program = pick(['01', '02', '03', null] as const, i);
      const now = nowIso();
      const entry = {
        id: newId(),
        schoolYearId: year.id,
        date: day(hk1Start, i % 262),
        content: `${pick(TOPICS, i)} ${pick(DETAILS, i * 7)} (${i + 1})`,
        form: pick(FORMS, i),
        bdtxProgram: program,
        module: program === '03' ? `GVPT ${String((i % 15) + 1).padStart(2, '0')}` : null,
        periods: (i % 8) / 2 + 0.5,
        source: i % 3 === 0 ? 'Tài liệu của Bộ GD&ĐT, temis.csdl.edu.vn' : '',
        result: i % 2 === 0 ? `Vận dụng vào tiết dạy: ${pick(DETAILS, i)}; học sinh hứng thú hơn.` : '',
        evidence: '',
        note: '',
        createdAt: now,
        updatedAt: now,
      };
      batch.push(toStoredEntry(entry));
      if (batch.length === 1000) await db.entries.bulkPut(batch.splice(0));
    }
    if (batch.length) await db.entries.bulkPut(batch);
    return { ms: performance.now() - started, total: await db.entries.count() };
  },

  /** Times `count` saves through saveEntry (validation, school-year placement, entry + outbox in one transaction). */
  async saves(count: number): Promise<Timings> {
    const today = new Date().toISOString().slice(0, 10);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const input: EntryInput = {
        date: today,
        content: `Đo thời gian lưu ${i}: ${pick(TOPICS, i)}`,
        form: pick(FORMS, i),
        bdtxProgram: '01',
        module: null,
        periods: 1,
        source: '',
        result: '',
        evidence: '',
        note: '',
      };
      const t0 = performance.now();
      const result = await saveEntry(db, input);
      samples.push(performance.now() - t0);
      if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result.errors)}`);
    }
    return summarise(samples);
  },

  /** Times searchEntries (what the search screen calls) over queries typed without diacritics. */
  async searches(queries: string[], rounds: number): Promise<Timings & { hits: Record<string, number> }> {
    const samples: number[] = [];
    const hits: Record<string, number> = {};
    for (let r = 0; r < rounds; r++) {
      for (const query of queries) {
        const t0 = performance.now();
        const found = await searchEntries(db, query);
        samples.push(performance.now() - t0);
        hits[query] = found.length;
      }
    }
    return { ...summarise(samples), hits };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')?.setAttribute('data-ready', '1');

import type { Rubric } from './catalogs/rubrics.ts';
import { rubricCriteria } from './catalogs/rubrics.ts';
import type { Observation, TimelineRow } from './observations.ts';
import type { SchoolSettings } from './schoolSettings.ts';

/** Rules of lesson observations (issue #4): scoring, rating, timeline order, semester counts. */

export type RatingThresholds = SchoolSettings['ratingThresholds'];

/** Whether `score` is one of the rubric's allowed steps (2.0 / 1.5 / 1.0 / 0.5 on the 20-point sheet). */
export function isAllowedScore(rubric: Rubric, score: number): boolean {
  return rubric.scoreSteps.includes(score);
}

export interface ScoreSummary {
  /** Sum of the allowed scores given to the rubric's criteria (others ignored). */
  total: number;
  scored: number;
  criteria: number;
  /** Every criterion has an allowed score. */
  complete: boolean;
  /** The largest total the rubric allows (20 on the 20-point sheet). */
  max: number;
}

export function scoreSummary(rubric: Rubric, scores: Readonly<Record<string, number>>): ScoreSummary {
  const criteria = rubricCriteria(rubric);
  let total = 0;
  let scored = 0;
  for (const c of criteria) {
    const score = scores[c.code];
    if (score !== undefined && isAllowedScore(rubric, score)) {
      // Halves only: quarters never appear, so this stays exact in floating point.
      total += score;
      scored += 1;
    }
  }
  const best = rubric.scoreSteps.length > 0 ? Math.max(...rubric.scoreSteps) : 0;
  return { total, scored, criteria: criteria.length, complete: rubric.scoring === 'points20' && scored === criteria.length, max: best * criteria.length };
}

/**
 * The rating of a 20-point total with the school's thresholds: Giỏi ≥ gioi, Khá ≥ kha,
 * Trung bình ≥ trungBinh, otherwise Chưa đạt.
 */
export function ratingForTotal(total: number, thresholds: RatingThresholds): 'gioi' | 'kha' | 'trungBinh' | 'chuaDat' {
  if (total >= thresholds.gioi) return 'gioi';
  if (total >= thresholds.kha) return 'kha';
  if (total >= thresholds.trungBinh) return 'trungBinh';
  return 'chuaDat';
}

/** Thresholds must go down from Giỏi to Trung bình, or a higher total could get a lower rating. */
export function thresholdsValid(thresholds: RatingThresholds): boolean {
  return thresholds.gioi >= thresholds.kha && thresholds.kha >= thresholds.trungBinh;
}

/**
 * The rating stored with an observation: computed for a scored rubric once every criterion is scored
 * (null before), the observer's choice otherwise (kept only if the rubric knows it).
 */
export function observationRating(rubric: Rubric, scores: Readonly<Record<string, number>>, chosen: string | null, thresholds: RatingThresholds): string | null {
  if (rubric.scoring === 'points20') {
    const summary = scoreSummary(rubric, scores);
    return summary.complete ? ratingForTotal(summary.total, thresholds) : null;
  }
  return chosen && rubric.ratings.some((r) => r.code === chosen) ? chosen : null;
}

/**
 * A timeline time as typed, read as minutes: a clock time ("7:15", "7h15", "7g", "07.15") or minutes
 * into the lesson ("Phút 10", "10'", "10 phút", "10"). Null when it is neither (nothing to compare).
 */
export function parseTimelineTime(value: string): { kind: 'clock' | 'minute'; minutes: number } | null {
  const text = value.trim().toLowerCase().normalize('NFC');
  if (text === '') return null;
  const clock = /^(\d{1,2})\s*(?::|h|g|\.)\s*(\d{1,2})?\s*(?:p|ph|phút)?$/u.exec(text);
  if (clock) {
    const hours = Number(clock[1]);
    const minutes = clock[2] === undefined ? 0 : Number(clock[2]);
    if (hours < 24 && minutes < 60) return { kind: 'clock', minutes: hours * 60 + minutes };
    return null;
  }
  const minute = /^(?:phút\s*)?(\d{1,3})\s*(?:'|’|p|ph|phút)?$/u.exec(text);
  if (minute) return { kind: 'minute', minutes: Number(minute[1]) };
  return null;
}

/**
 * Ids of the rows whose time comes before an earlier row's time of the same kind. Rows keep the order
 * they were typed in (issue #4: flagged, never reordered); rows without a readable time are skipped.
 */
export function outOfOrderRows(rows: readonly Pick<TimelineRow, 'id' | 'time'>[]): Set<string> {
  const flagged = new Set<string>();
  const latest: Record<'clock' | 'minute', number> = { clock: -1, minute: -1 };
  for (const row of rows) {
    const parsed = parseTimelineTime(row.time);
    if (!parsed) continue;
    if (parsed.minutes < latest[parsed.kind]) flagged.add(row.id);
    else latest[parsed.kind] = parsed.minutes;
  }
  return flagged;
}

/** Observations dated within [from, to] (inclusive, ISO dates). */
export function countBetween(observations: readonly Pick<Observation, 'date'>[], from: string, to: string): number {
  return observations.filter((o) => o.date >= from && o.date <= to).length;
}

export interface MinimumProgress {
  done: number;
  minimum: number;
  /** 0–1, 1 when the minimum is met (or is 0). */
  ratio: number;
  met: boolean;
}

export function minimumProgress(done: number, minimum: number): MinimumProgress {
  const ratio = minimum <= 0 ? 1 : Math.min(1, done / minimum);
  return { done, minimum, ratio, met: done >= minimum };
}

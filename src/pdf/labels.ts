import { OBSERVATION_PURPOSE_LABELS } from '../domain/catalogs/observationPurposes.ts';
import { findRubric, rubricCriteria } from '../domain/catalogs/rubrics.ts';
import { TRAINING_FORMS } from '../domain/catalogs/trainingForms.ts';
import type { Observation, ObservationPurpose } from '../domain/observations.ts';
import type { TopicStatus } from '../domain/innovationTopic.ts';

/** Vietnamese wording of codes in the official document (the PDF is always in Vietnamese). */
export function purposeLabel(code: ObservationPurpose): string {
  return OBSERVATION_PURPOSE_LABELS.find((p) => p.code === code)?.label.vi ?? code;
}

const RATING_LABELS: Record<string, string> = {
  gioi: 'Giỏi',
  tot: 'Tốt',
  kha: 'Khá',
  dat: 'Đạt',
  trungBinh: 'Trung bình',
  chuaDat: 'Chưa đạt',
  yeu: 'Yếu',
};

/** The rating in the words of the rubric the observation was made with. */
export function ratingLabel(o: Pick<Observation, 'rating' | 'rubricId' | 'rubricVersion'>): string {
  if (!o.rating) return '';
  const rubric = findRubric(o.rubricId, o.rubricVersion);
  return rubric?.ratings.find((r) => r.code === o.rating)?.label.vi ?? RATING_LABELS[o.rating] ?? o.rating;
}

/** Criterion codes of an observation in the rubric's order (codes the rubric lacks last), with labels. */
export function criteriaOf(o: Observation): Array<{ code: string; label: string }> {
  const rubric = findRubric(o.rubricId, o.rubricVersion);
  const known = rubric ? rubricCriteria(rubric) : [];
  const used = new Set([...Object.keys(o.criterionComments), ...Object.keys(o.criterionScores)]);
  const ordered = known.filter((c) => used.has(c.code)).map((c) => ({ code: c.code, label: c.label.vi }));
  const rest = [...used].filter((code) => !known.some((c) => c.code === code)).map((code) => ({ code, label: code }));
  return [...ordered, ...rest];
}

export function criterionLabel(o: Observation, code: string): string {
  const rubric = findRubric(o.rubricId, o.rubricVersion);
  return (rubric ? rubricCriteria(rubric).find((c) => c.code === code)?.label.vi : undefined) ?? code;
}

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  registered: 'Đã đăng ký',
  inProgress: 'Đang thực hiện',
  summarised: 'Đã tổng kết',
};

export const SKKN_STATUS_LABELS: Record<string, string> = {
  draft: 'Đang viết',
  submitted: 'Đã nộp',
  recognised: 'Đã được công nhận',
};

export function formLabel(code: string): string {
  return TRAINING_FORMS.find((f) => f.code === code)?.label.vi ?? code;
}

export function periodLabel(period: 'HK1' | 'HK2' | 'year'): string {
  return period === 'HK1' ? 'Học kỳ I' : period === 'HK2' ? 'Học kỳ II' : 'Cả năm học';
}

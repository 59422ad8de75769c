import type { Rubric } from '../../../domain/catalogs/rubrics.ts';
import type { Observation, ObservationInput, ObservationPurpose, TimelineRow } from '../../../domain/observations.ts';

/** The observation form's state: the record's fields as edited (drafts store exactly this). */
export interface ObservationFormValues {
  date: string;
  lessonPeriod: string;
  className: string;
  subject: string;
  lessonTitle: string;
  /** '' when the teacher is typed as free text (someone outside the school). */
  teacherUserId: string;
  teacherName: string;
  observers: string;
  purpose: ObservationPurpose;
  timeline: TimelineRow[];
  rubricId: string;
  rubricVersion: number;
  criterionComments: Record<string, string>;
  criterionScores: Record<string, number>;
  strengths: string;
  weaknesses: string;
  lessonsLearned: string;
  /** '' = no rating. */
  rating: string;
}

export function newObservationValues(today: string, rubric: Rubric, observerName: string): ObservationFormValues {
  return {
    date: today,
    lessonPeriod: '',
    className: '',
    subject: '',
    lessonTitle: '',
    teacherUserId: '',
    teacherName: '',
    observers: observerName,
    purpose: 'kemCap',
    timeline: [],
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    criterionComments: {},
    criterionScores: {},
    strengths: '',
    weaknesses: '',
    lessonsLearned: '',
    rating: '',
  };
}

export function observationValues(o: Observation): ObservationFormValues {
  return {
    date: o.date,
    lessonPeriod: o.lessonPeriod,
    className: o.className,
    subject: o.subject,
    lessonTitle: o.lessonTitle,
    teacherUserId: o.teacherUserId ?? '',
    teacherName: o.teacherName,
    observers: o.observers,
    purpose: o.purpose,
    timeline: o.timeline,
    rubricId: o.rubricId,
    rubricVersion: o.rubricVersion,
    criterionComments: o.criterionComments,
    criterionScores: o.criterionScores,
    strengths: o.strengths,
    weaknesses: o.weaknesses,
    lessonsLearned: o.lessonsLearned,
    rating: o.rating ?? '',
  };
}

/** Empty comments are dropped, so an untouched criterion stores nothing. */
export function toObservationInput(values: ObservationFormValues): ObservationInput {
  const comments = Object.fromEntries(Object.entries(values.criterionComments).filter(([, text]) => text.trim() !== ''));
  return {
    ...values,
    teacherUserId: values.teacherUserId === '' ? null : values.teacherUserId,
    criterionComments: comments,
    rating: values.rating === '' ? null : values.rating,
  };
}

/** Structural equality of two form states (a draft equal to its base is removed, not kept). */
export function sameObservationValues(a: ObservationFormValues, b: ObservationFormValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

import type { Annotation } from '../domain/annotations.ts';
import type { Confirmation } from '../domain/confirmations.ts';
import type { InnovationTopic } from '../domain/innovationTopic.ts';
import type { Observation, ObservedLesson } from '../domain/observations.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../domain/records.ts';
import type { SchoolSettings } from '../domain/schoolSettings.ts';
import type { Skkn } from '../domain/skkn.ts';

/**
 * Everything the logbook PDF is made of, read from one teacher's scope (the app from Dexie, the
 * server from its records table). Records of other school years may be passed: the builder keeps
 * those of `schoolYear` in the chosen period.
 */
export interface LogbookInput {
  readonly settings: SchoolSettings;
  readonly profile: Profile | null;
  readonly schoolYear: SchoolYear;
  readonly entries: readonly Entry[];
  readonly reflections: readonly Reflection[];
  readonly observations: readonly Observation[];
  readonly observedLessons: readonly ObservedLesson[];
  readonly annotations: readonly Annotation[];
  readonly innovationTopic: InnovationTopic | null;
  readonly skkn: readonly Skkn[];
  readonly confirmations: readonly Confirmation[];
}

export const SECTION_KEYS = ['profile', 'entries', 'bdtx', 'observations', 'innovation', 'skkn', 'semesterReflection'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export type ExportPeriod = 'HK1' | 'HK2' | 'year';

export interface LogbookPdfOptions {
  readonly period: ExportPeriod;
  /** Sections to include; a chosen section without data is still left out. Default: all. */
  readonly sections?: readonly SectionKey[];
  /** Observations as full sheets (default) or the summary table only. */
  readonly observations?: 'sheets' | 'list';
  /** Day written in the place-and-date line, 'yyyy-MM-dd' (the export day). */
  readonly signedOn: string;
}

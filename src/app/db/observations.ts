import { latestRubric } from '../../domain/catalogs/rubrics.ts';
import { findRubric } from '../../domain/catalogs/rubrics.ts';
import { observationRating } from '../../domain/observationRules.ts';
import { observationFieldErrors, observationInputSchema, observationSchema, observedLessonSchema, type Observation, type ObservationInput, type ObservedLesson } from '../../domain/observations.ts';
import { DEFAULT_SCHOOL_SETTINGS, schoolSettingsSchema, type DirectoryUser, type SchoolSettings } from '../../domain/schoolSettings.ts';
import { startYearForDate } from '../../domain/schoolYear.ts';
import type { MentorshipPeer } from '../../sync/protocol.ts';
import type { LogbookDatabase } from './database.ts';
import { newId, nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';
import { ensureSchoolYear } from './schoolYears.ts';

/** Lesson observations of the user's own scope (issue #4), with the write pattern of entries.ts. */

export type SaveObservationResult = { ok: true; observation: Observation } | { ok: false; errors: Partial<Record<keyof ObservationInput, string>> };

export function observationDraftKey(id?: string): string {
  return `draft:observation:${id ?? 'new'}`;
}

/**
 * Validates and saves an observation (new, or `id` edited). The rating of a scored rubric is
 * recomputed here from its scores and the school's thresholds, so a stored rating always matches.
 */
export async function saveObservation(db: LogbookDatabase, input: ObservationInput, id?: string, thresholds = DEFAULT_SCHOOL_SETTINGS.ratingThresholds): Promise<SaveObservationResult> {
  const parsed = observationInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: observationFieldErrors(parsed.error) };
  const valid = parsed.data;
  const rubric = findRubric(valid.rubricId, valid.rubricVersion);
  const rating = rubric ? observationRating(rubric, valid.criterionScores, valid.rating, thresholds) : valid.rating;

  return db.transaction('rw', [db.observations, db.schoolYears, db.outbox], async () => {
    const years = await db.schoolYears.toArray();
    const { year } = await ensureSchoolYear(db, startYearForDate(valid.date, years));
    const previous = id ? await db.observations.get(id) : undefined;
    const now = nowIso();
    const observation: Observation = {
      ...valid,
      rating,
      id: previous?.id ?? id ?? newId(),
      schoolYearId: year.id,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await db.observations.put(observation);
    await enqueue(db, 'observations', observation.id, 'put');
    return { ok: true as const, observation };
  });
}

/** Deletes an observation and returns it for "Hoàn tác". Its annotations stay (they are other people's records). */
export async function deleteObservation(db: LogbookDatabase, id: string): Promise<Observation | null> {
  return db.transaction('rw', db.observations, db.outbox, async () => {
    const found = await db.observations.get(id);
    if (!found) return null;
    await db.observations.delete(id);
    await enqueue(db, 'observations', id, 'delete');
    return found;
  });
}

export async function restoreObservation(db: LogbookDatabase, observation: Observation): Promise<void> {
  await db.transaction('rw', db.observations, db.outbox, async () => {
    await db.observations.put(observation);
    await enqueue(db, 'observations', observation.id, 'put');
  });
}

const byNewest = <T extends { date: string; createdAt: string }>(a: T, b: T) =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

/** Observations of a school year, newest first. */
export async function observationsOfYear(db: LogbookDatabase, schoolYearId: string): Promise<Observation[]> {
  const rows = await db.observations.where('[schoolYearId+date]').between([schoolYearId, ''], [schoolYearId, '\uffff']).toArray();
  return rows.sort(byNewest);
}

export async function observedLessonsOfYear(db: LogbookDatabase, schoolYearId: string): Promise<ObservedLesson[]> {
  const rows = await db.observedLessons.where('[schoolYearId+date]').between([schoolYearId, ''], [schoolYearId, '\uffff']).toArray();
  return rows.sort(byNewest);
}

/**
 * "Tiết dự" counted toward the semester minimum: observations the user wrote between two days,
 * except those of her own lessons (teacherUserId = herself), which are lessons she taught.
 */
export async function countObservedBetween(db: LogbookDatabase, schoolYearId: string, from: string, to: string, userId: string | null): Promise<number> {
  const collection = db.observations.where('[schoolYearId+date]').between([schoolYearId, from], [schoolYearId, to], true, true);
  return userId ? collection.filter((o) => o.teacherUserId !== userId).count() : collection.count();
}

// ─── Who am I, and the school context ─────────────────────────────────────────────────────────────

export interface CurrentUser {
  id: string;
  fullName: string;
  scopeId: string | null;
}

/** The connected account (kept after logout for display and authorship), or null on a device never connected. */
export async function currentUser(db: LogbookDatabase): Promise<CurrentUser | null> {
  const row = await db.meta.get('sync.connection');
  const user = (row?.value as { user?: Partial<CurrentUser> } | undefined)?.user;
  if (!user || typeof user.id !== 'string') return null;
  return { id: user.id, fullName: typeof user.fullName === 'string' ? user.fullName : '', scopeId: typeof user.scopeId === 'string' ? user.scopeId : null };
}

export interface SchoolContextView {
  settings: SchoolSettings;
  directory: DirectoryUser[];
  /** The user's mentees and mentors (SchoolContext.mentorships in src/sync/protocol.ts). */
  mentees: MentorshipPeer[];
  mentors: MentorshipPeer[];
}

/**
 * The school context the sync engine stores in meta 'school.context' (docs/sync.md, school context):
 * read defensively — a device that never synced, or an older server, has none and gets the defaults.
 */
export async function readSchoolContext(db: LogbookDatabase): Promise<SchoolContextView> {
  const row = await db.meta.get('school.context');
  return parseSchoolContext(row?.value);
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

function peers(value: unknown): MentorshipPeer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const p = asRecord(item);
    return typeof p.userId === 'string' ? [{ userId: p.userId, fullName: typeof p.fullName === 'string' ? p.fullName : '', department: typeof p.department === 'string' ? p.department : '' }] : [];
  });
}

export function parseSchoolContext(value: unknown): SchoolContextView {
  const raw = asRecord(value);
  const settings = schoolSettingsSchema.safeParse({ ...DEFAULT_SCHOOL_SETTINGS, ...asRecord(raw.settings) });
  const directory = Array.isArray(raw.directory)
    ? raw.directory.flatMap((item) => {
        const u = asRecord(item);
        return typeof u.userId === 'string' && typeof u.fullName === 'string'
          ? [{ userId: u.userId, fullName: u.fullName, department: typeof u.department === 'string' ? u.department : '', active: u.active !== false }]
          : [];
      })
    : [];
  const mentorships = asRecord(raw.mentorships);
  return { settings: settings.success ? settings.data : DEFAULT_SCHOOL_SETTINGS, directory, mentees: peers(mentorships.mentees), mentors: peers(mentorships.mentors) };
}

/** The rubric new observations use: the school's choice, newest version. */
export function rubricForNewObservation(settings: SchoolSettings) {
  return latestRubric(settings.observationRubricId);
}

// ─── Other teachers' logbooks (a mentor reading her mentees') ─────────────────────────────────────

export interface ReadableScope {
  scopeId: string;
  ownerId: string;
  ownerName: string;
  access: string;
  /** The owner's last sync from any of her devices, when the server said. */
  ownerLastSyncAt: string | null;
}

/**
 * Logbooks the user reads, as the sync engine last stored them (meta 'sync.scopes', the sync
 * answer's `scopes`), read defensively: none before the first sync.
 */
export async function readReadableScopes(db: LogbookDatabase): Promise<ReadableScope[]> {
  const row = await db.meta.get('sync.scopes');
  const value = row?.value;
  const list = Array.isArray(value) ? value : Array.isArray(asRecord(value).scopes) ? (asRecord(value).scopes as unknown[]) : [];
  return list.flatMap((item) => {
    const s = asRecord(item);
    if (typeof s.scopeId !== 'string' || typeof s.ownerId !== 'string') return [];
    return [
      {
        scopeId: s.scopeId,
        ownerId: s.ownerId,
        ownerName: typeof s.ownerName === 'string' ? s.ownerName : '',
        access: typeof s.access === 'string' ? s.access : 'read',
        ownerLastSyncAt: typeof s.ownerLastSyncAt === 'string' ? s.ownerLastSyncAt : typeof s.lastSyncedAt === 'string' ? s.lastSyncedAt : null,
      },
    ];
  });
}

/** The mentees' logbooks: scopes read as mentor, or owned by a mentee named in the school context. */
export async function menteeScopes(db: LogbookDatabase): Promise<ReadableScope[]> {
  const [scopes, context] = await Promise.all([readReadableScopes(db), readSchoolContext(db)]);
  const mentees = new Set(context.mentees.map((m) => m.userId));
  return scopes.filter((s) => s.access !== 'owner' && (s.access === 'mentor' || mentees.has(s.ownerId))).sort((a, b) => a.ownerName.localeCompare(b.ownerName, 'vi'));
}

/** The observations of another teacher's logbook: those she wrote and those written about her lessons. */
export async function foreignObservations(db: LogbookDatabase, scopeId: string): Promise<{ observations: Observation[]; observedLessons: ObservedLesson[] }> {
  const [own, mirrored] = await Promise.all([
    db.foreign.where('[scopeId+table]').equals([scopeId, 'observations']).toArray(),
    db.foreign.where('[scopeId+table]').equals([scopeId, 'observedLessons']).toArray(),
  ]);
  const parse = <T,>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, rows: Array<{ data: unknown }>): T[] =>
    rows.flatMap((r) => {
      const parsed = schema.safeParse(r.data);
      return parsed.success ? [parsed.data] : [];
    });
  return {
    observations: parse(observationSchema, own).sort(byNewest),
    observedLessons: parse(observedLessonSchema, mirrored).sort(byNewest),
  };
}

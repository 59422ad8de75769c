/**
 * Rules of the innovation topic needed on the home screen (its id, overdue milestones). Kept apart
 * from innovationTopic.ts, which carries the zod schema, so the first screen does not load zod.
 */

/** One topic per school year: its id comes from the year, so two devices creating it offline merge. */
export function innovationTopicId(schoolYearId: string): string {
  return `topic-${schoolYearId}`;
}

export interface MilestoneLike {
  id: string;
  due: string;
  task: string;
  done: boolean;
}

/** Not done and due before `today` (ISO dates), oldest first. */
export function overdueMilestones<M extends MilestoneLike>(milestones: readonly M[], today: string): M[] {
  return milestones.filter((m) => !m.done && m.due < today).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

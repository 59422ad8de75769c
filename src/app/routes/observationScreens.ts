import { useLiveQuery } from 'dexie-react-hooks';
import { currentUser, readSchoolContext, type CurrentUser, type SchoolContextView } from '../db/observations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { annotationsEn, annotationsVi } from '../features/annotations/messages.ts';
import { mentorEn, mentorVi } from '../features/mentor/messages.ts';
import { observationsEn, observationsVi } from '../features/observations/messages.ts';
import { registerMessages } from '../i18n/lazyMessages.ts';
import '../features/observations/observations.css';
import '../features/annotations/annotations.css';

/** Messages and styles of the observation, annotation and mentor screens (lazy chunks only). */
export function useObservationScreens(): void {
  registerMessages('observations', observationsVi, observationsEn);
  registerMessages('annotations', annotationsVi, annotationsEn);
  registerMessages('mentor', mentorVi, mentorEn);
}

/** The connected account (null on a device never connected); undefined while loading. */
export function useCurrentUser(): CurrentUser | null | undefined {
  const db = useDatabase();
  return useLiveQuery(() => currentUser(db), [db]);
}

export function useSchoolContextView(): SchoolContextView | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readSchoolContext(db), [db]);
}

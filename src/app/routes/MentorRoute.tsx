import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { countBetween } from '../../domain/observationRules.ts';
import { semesterOf, semesterRange } from '../../domain/schoolYear.ts';
import { foreignAnnotations, unreadRepliesIn } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { foreignObservations, menteeScopes } from '../db/observations.ts';
import { groupThreads, threadBalance } from '../features/annotations/threads.ts';
import { MentorScreen, type MenteeSummary } from '../features/mentor/MentorScreen.tsx';
import { Loading } from '../ui/Loading.tsx';
import { todayIso } from '../ui/format.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser, useObservationScreens } from './observationScreens.ts';
import { useSchoolYear } from './useSchoolYear.ts';

/** /kem-cap — "Người được kèm cặp", from the logbooks this device has synced (offline too). */
export function MentorRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const db = useDatabase();
  const me = useCurrentUser();
  const year = useSchoolYear();
  usePageTitle(t('mentor.title'));
  const mentees = useLiveQuery(async (): Promise<MenteeSummary[] | undefined> => {
    if (!year || me === undefined) return undefined;
    const today = todayIso();
    const range = semesterRange(year, semesterOf(today, year) ?? (today <= year.hk1End ? 'HK1' : 'HK2'));
    const scopes = await menteeScopes(db);
    return Promise.all(
      scopes.map(async (scope) => {
        const [{ observations, observedLessons }, notes, unread] = await Promise.all([
          foreignObservations(db, scope.scopeId),
          foreignAnnotations(db, scope.scopeId),
          me ? unreadRepliesIn(db, scope.scopeId, me.id) : [],
        ]);
        const balance = threadBalance(groupThreads(notes), me?.id ?? '');
        return {
          scopeId: scope.scopeId,
          name: scope.ownerName,
          observationsThisSemester: countBetween([...observations, ...observedLessons], range.from, range.to),
          waitingForMe: balance.waitingForMe,
          waitingForThem: balance.waitingForThem,
          unreadReplies: unread.length,
          lastSyncAt: scope.ownerLastSyncAt,
        };
      }),
    );
  }, [db, year, me]);
  return (
    <div className="page page--narrow">
      <h1>{t('mentor.title')}</h1>
      {mentees ? <MentorScreen mentees={mentees} /> : <Loading />}
    </div>
  );
}

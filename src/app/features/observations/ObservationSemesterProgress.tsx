import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { minimumProgress } from '../../../domain/observationRules.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { countObservedBetween, currentUser, readSchoolContext } from '../../db/observations.ts';
import { registerMessages } from '../../i18n/lazyMessages.ts';
import { observationsEn, observationsVi } from './messages.ts';

interface Props {
  schoolYearId: string;
  from: string;
  to: string;
}

/** On the semester summary: tiết dự of the semester against the school's minimum. */
export function ObservationSemesterProgress({ schoolYearId, from, to }: Props) {
  registerMessages('observations', observationsVi, observationsEn);
  const { t } = useTranslation();
  const db = useDatabase();
  const data = useLiveQuery(async () => {
    const [me, context] = await Promise.all([currentUser(db), readSchoolContext(db)]);
    const done = await countObservedBetween(db, schoolYearId, from, to, me?.id ?? null);
    return minimumProgress(done, context.settings.minObservationsPerSemester);
  }, [db, schoolYearId, from, to]);
  return (
    <section className="panel" aria-labelledby="semester-observations">
      <h2 id="semester-observations">{t('observations.title')}</h2>
      {data ? (
        <p>
          <progress max={data.minimum || 1} value={Math.min(data.done, data.minimum || 1)} aria-labelledby="semester-observations" />{' '}
          {data.met ? t('observations.progressMet', { done: data.done, minimum: data.minimum }) : t('observations.progress', { done: data.done, minimum: data.minimum })}{' '}
          <Link to="/du-gio">{t('observations.iObserved')}</Link>
        </p>
      ) : (
        <p>…</p>
      )}
    </section>
  );
}

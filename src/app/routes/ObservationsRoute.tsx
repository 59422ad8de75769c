import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useSearchParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { countBetween, minimumProgress } from '../../domain/observationRules.ts';
import { schoolYearLabel, semesterOf, semesterRange } from '../../domain/schoolYear.ts';
import { unreadAnnotations } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { menteeScopes, observationsOfYear, observedLessonsOfYear } from '../db/observations.ts';
import { OrphanAnnotations } from '../features/annotations/OrphanAnnotations.tsx';
import { ObservationLists, type ListTab } from '../features/observations/ObservationLists.tsx';
import { Loading } from '../ui/Loading.tsx';
import { todayIso } from '../ui/format.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser, useObservationScreens, useSchoolContextView } from './observationScreens.ts';
import { startYearParam, useSchoolYear } from './useSchoolYear.ts';

/** /du-gio: "Tiết tôi dự" and "Tiết tôi dạy được dự", the semester minimum, unread notes. */
export function ObservationsRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const db = useDatabase();
  const [params, setParams] = useSearchParams();
  const tab: ListTab = params.get('loai') === 'duoc-du' ? 'taught' : 'observed';
  const year = useSchoolYear(startYearParam(params.get('nam')));
  const yearId = year?.id;
  const me = useCurrentUser();
  const context = useSchoolContextView();
  usePageTitle(t('observations.title'));

  const data = useLiveQuery(async () => {
    if (!yearId || me === undefined) return undefined;
    const [mine, mirrored, unread, ownNotes] = await Promise.all([
      observationsOfYear(db, yearId),
      observedLessonsOfYear(db, yearId),
      unreadAnnotations(db, me?.id ?? null),
      me ? db.annotations.toArray() : Promise.resolve([]),
    ]);
    const targets = new Set([...(await db.observations.toCollection().primaryKeys()), ...(await db.observedLessons.toCollection().primaryKeys())]);
    const orphans = ownNotes.filter((a) => a.authorUserId === me?.id && (a.targetTable === 'observations' || a.targetTable === 'observedLessons') && !targets.has(a.targetId));
    return { mine, mirrored, unread, orphans, mentees: (await menteeScopes(db)).length };
  }, [db, yearId, me]);

  if (!year || !data || !context) return <Loading />;

  const myId = me?.id ?? null;
  const observed = data.mine.filter((o) => myId === null || o.teacherUserId !== myId);
  const taught = [
    ...data.mirrored.map((o) => ({ observation: o, observerName: o.observerName })),
    ...data.mine.filter((o) => myId !== null && o.teacherUserId === myId).map((o) => ({ observation: o, observerName: o.observers })),
  ].sort((a, b) => (a.observation.date < b.observation.date ? 1 : a.observation.date > b.observation.date ? -1 : 0));
  const unread = new Map<string, number>();
  for (const a of data.unread) unread.set(a.targetId, (unread.get(a.targetId) ?? 0) + 1);
  const today = todayIso();
  const semester = semesterOf(today, year) ?? (today <= year.hk1End ? 'HK1' : 'HK2');
  const range = semesterRange(year, semester);
  const progress = minimumProgress(countBetween(observed, range.from, range.to), context.settings.minObservationsPerSemester);

  return (
    <div className="page">
      <h1>
        {t('observations.title')} — {t('common.schoolYear', { label: schoolYearLabel(year.startYear) })}
      </h1>
      <p className="actions">
        <Link to="/du-gio/moi" className="button button--primary">
          + {t('observations.newButton')}
        </Link>
        {data.mentees > 0 ? (
          <Link to="/kem-cap" className="button button--secondary">
            {t('mentor.title')}
          </Link>
        ) : null}
      </p>
      <p className="subtotal">
        <progress max={progress.minimum || 1} value={Math.min(progress.done, progress.minimum || 1)} aria-label={t(`semester.${semester}`)} />{' '}
        {t(`semester.${semester}`)}: {progress.met ? t('observations.progressMet', { done: progress.done, minimum: progress.minimum }) : t('observations.progress', { done: progress.done, minimum: progress.minimum })}
      </p>
      <ObservationLists
        tab={tab}
        onTab={(next) => {
          const query = new URLSearchParams(params);
          if (next === 'taught') query.set('loai', 'duoc-du');
          else query.delete('loai');
          setParams(query, { replace: true });
        }}
        observed={observed}
        taught={taught}
        unread={unread}
      />
      <OrphanAnnotations annotations={data.orphans} />
    </div>
  );
}

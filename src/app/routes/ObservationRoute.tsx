import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { AnnotationAnchor } from '../../domain/annotations.ts';
import type { Observation, ObservedLesson } from '../../domain/observations.ts';
import { OWN_PLACE } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { AnnotationThreads } from '../features/annotations/AnnotationThreads.tsx';
import { useMarkReadOnOpen, useTargetThreads } from '../features/annotations/useTargetAnnotations.ts';
import { ObservationDetails } from '../features/observations/ObservationDetails.tsx';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser, useObservationScreens } from './observationScreens.ts';

type Found = { table: 'observations'; record: Observation } | { table: 'observedLessons'; record: ObservedLesson } | null;

/**
 * /du-gio/:id — one observation of her own logbook: one she wrote (editable) or a colleague's of her
 * lesson (read-only), with the notes of her mentor or leaders; opening it marks those read.
 */
export function ObservationRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const db = useDatabase();
  const { id = '' } = useParams<{ id?: string }>();
  const me = useCurrentUser();
  const found = useLiveQuery(async (): Promise<Found> => {
    const own = await db.observations.get(id);
    if (own) return { table: 'observations', record: own };
    const mirrored = await db.observedLessons.get(id);
    return mirrored ? { table: 'observedLessons', record: mirrored } : null;
  }, [db, id]);
  const table = found?.table ?? 'observations';
  const notes = useTargetThreads(OWN_PLACE, table, id);
  const fresh = useMarkReadOnOpen(notes?.annotations, me?.id ?? null, found !== undefined && found !== null && me !== undefined);
  usePageTitle(t('observations.viewTitle'));

  if (found === undefined || me === undefined || !notes) return <Loading />;
  if (found === null)
    return (
      <div className="page page--narrow">
        <p className="panel">{t('observations.notFound')}</p>
        <Link to="/du-gio">{t('observations.back')}</Link>
      </div>
    );

  const author = me ? { id: me.id, fullName: me.fullName } : null;
  const renderNotes = (anchor: AnnotationAnchor) => (
    <AnnotationThreads place={OWN_PLACE} targetTable={found.table} targetId={id} anchor={anchor} threads={notes.threads} me={author} canStart={false} fresh={fresh} />
  );
  return (
    <div className="page page--narrow">
      <h1>{found.record.lessonTitle || t('observations.viewTitle')}</h1>
      <p className="actions">
        <Link to="/du-gio">{t('observations.back')}</Link>
        {found.table === 'observations' ? (
          <Link to={`/du-gio/${id}/sua`} className="button button--secondary">
            {t('observations.edit')}
          </Link>
        ) : null}
      </p>
      {found.table === 'observedLessons' ? <p className="banner">{t('observations.readOnly', { name: found.record.observerName })}</p> : null}
      <ObservationDetails observation={found.record} renderNotes={renderNotes} />
    </div>
  );
}

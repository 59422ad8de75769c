import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { AnnotationAnchor } from '../../domain/annotations.ts';
import { repliesTo, type AnnotationPlace } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { foreignObservations, readReadableScopes } from '../db/observations.ts';
import { AnnotationThreads } from '../features/annotations/AnnotationThreads.tsx';
import { useMarkReadOnOpen, useTargetThreads } from '../features/annotations/useTargetAnnotations.ts';
import { ObservationDetails } from '../features/observations/ObservationDetails.tsx';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser, useObservationScreens } from './observationScreens.ts';

/** /kem-cap/:scopeId/:id — a mentee's observation, read-only, annotated by the mentor. */
export function MenteeObservationRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const db = useDatabase();
  const { scopeId = '', id = '' } = useParams<{ scopeId?: string; id?: string }>();
  const me = useCurrentUser();
  const data = useLiveQuery(async () => {
    const scope = (await readReadableScopes(db)).find((s) => s.scopeId === scopeId) ?? null;
    const { observations, observedLessons } = await foreignObservations(db, scopeId);
    const own = observations.find((o) => o.id === id);
    const mirrored = observedLessons.find((o) => o.id === id);
    const found = own ? { table: 'observations' as const, record: own } : mirrored ? { table: 'observedLessons' as const, record: mirrored } : null;
    return { name: scope?.ownerName ?? '', found };
  }, [db, scopeId, id]);
  const place: AnnotationPlace = { kind: 'foreign', scopeId };
  const notes = useTargetThreads(place, data?.found?.table ?? 'observations', id);
  // Replies to her notes are new until she opens the observation (marked on all her devices).
  const replies = useMemo(() => (notes && me ? repliesTo(notes.annotations, me.id) : undefined), [notes, me]);
  const fresh = useMarkReadOnOpen(replies, me?.id ?? null, Boolean(data?.found && me), Boolean(me?.scopeId));
  usePageTitle(t('observations.viewTitle'));
  if (!data || !notes || me === undefined) return <Loading />;
  const back = (
    <Link to={`/kem-cap/${encodeURIComponent(scopeId)}`}>{t('mentor.backToMentee', { name: data.name })}</Link>
  );
  const found = data.found;
  if (!found)
    return (
      <div className="page page--narrow">
        <p className="panel">{t('observations.notFound')}</p>
        {back}
      </div>
    );
  const author = me ? { id: me.id, fullName: me.fullName } : null;
  const renderNotes = (anchor: AnnotationAnchor) => (
    <AnnotationThreads place={place} targetTable={found.table} targetId={id} anchor={anchor} threads={notes.threads} me={author} canStart={author !== null} fresh={fresh} />
  );
  return (
    <div className="page page--narrow">
      <h1>{found.record.lessonTitle || t('observations.viewTitle')}</h1>
      <p className="actions">{back}</p>
      <p className="banner">{author ? t('mentor.readOnly') : t('annotations.needAccount')}</p>
      <ObservationDetails observation={found.record} renderNotes={renderNotes} />
    </div>
  );
}

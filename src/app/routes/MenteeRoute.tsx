import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { foreignAnnotations, unreadRepliesIn } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { foreignObservations, readReadableScopes } from '../db/observations.ts';
import { OrphanAnnotations } from '../features/annotations/OrphanAnnotations.tsx';
import { ObservationListItem } from '../features/observations/ObservationListItem.tsx';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser, useObservationScreens } from './observationScreens.ts';

/** /kem-cap/:scopeId — a mentee's observations (those she wrote and those of her lessons), read-only. */
export function MenteeRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const db = useDatabase();
  const { scopeId = '' } = useParams<{ scopeId?: string }>();
  const me = useCurrentUser();
  const meId = me?.id ?? null;
  const data = useLiveQuery(async () => {
    const scope = (await readReadableScopes(db)).find((s) => s.scopeId === scopeId) ?? null;
    const [{ observations, observedLessons }, notes, unread] = await Promise.all([
      foreignObservations(db, scopeId),
      foreignAnnotations(db, scopeId),
      meId ? unreadRepliesIn(db, scopeId, meId) : [],
    ]);
    return { scope, observations, observedLessons, notes, unread };
  }, [db, scopeId, meId]);
  const name = data?.scope?.ownerName ?? '';
  usePageTitle(t('mentor.menteeTitle', { name }));
  if (!data || me === undefined) return <Loading />;
  if (!data.scope && data.observations.length === 0 && data.observedLessons.length === 0)
    return (
      <div className="page page--narrow">
        <p className="panel">{t('mentor.notReadable')}</p>
        <Link to="/kem-cap">{t('mentor.back')}</Link>
      </div>
    );

  const present = new Set([...data.observations, ...data.observedLessons].map((o) => o.id));
  const orphans = data.notes.filter((a) => a.authorUserId === me?.id && !present.has(a.targetId));
  // New replies to the mentor's notes, per observation (highlighted like the mentee's unread notes).
  const unread = new Map<string, number>();
  for (const a of data.unread) unread.set(a.targetId, (unread.get(a.targetId) ?? 0) + 1);
  const base = `/kem-cap/${encodeURIComponent(scopeId)}`;
  return (
    <div className="page page--narrow">
      <h1>{t('mentor.menteeTitle', { name })}</h1>
      <p className="actions">
        <Link to="/kem-cap">{t('mentor.back')}</Link>
      </p>
      <section className="panel" aria-labelledby="mentee-wrote">
        <h2 id="mentee-wrote">{t('mentor.wrote', { name })}</h2>
        {data.observations.length === 0 ? (
          <p className="empty">{t('mentor.empty')}</p>
        ) : (
          <ul className="observation-list">
            {data.observations.map((o) => (
              <ObservationListItem key={o.id} observation={o} href={`${base}/${o.id}`} person={{ role: 'teacher', name: o.teacherName }} unread={unread.get(o.id) ?? 0} />
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="mentee-about">
        <h2 id="mentee-about">{t('mentor.about', { name })}</h2>
        {data.observedLessons.length === 0 ? (
          <p className="empty">{t('mentor.empty')}</p>
        ) : (
          <ul className="observation-list">
            {data.observedLessons.map((o) => (
              <ObservationListItem key={o.id} observation={o} href={`${base}/${o.id}`} person={{ role: 'observer', name: o.observerName }} unread={unread.get(o.id) ?? 0} />
            ))}
          </ul>
        )}
      </section>
      <OrphanAnnotations annotations={orphans} />
    </div>
  );
}

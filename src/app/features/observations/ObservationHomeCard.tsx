import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { registerMessages } from '../../i18n/lazyMessages.ts';

// The card's own few messages: it loads after the first screen, and so do they.
const vi = { label: 'Dự giờ học kỳ này', progress: '{{done}}/{{minimum}} tiết', unread: '{{count}} ghi chú mới' };
const en = { label: 'Observations this semester', progress: '{{done}}/{{minimum}}', unread: '{{count}} new notes' };

interface Props {
  schoolYearId: string;
  from: string;
  to: string;
  /** Start reading only once the home list and its totals are read (they must never wait for this card). */
  ready: boolean;
}

/**
 * Home card: "tiết dự" this semester against the school's minimum, and unread notes. Loaded right after
 * the first screen, so it stays small: it reads IndexedDB directly and imports nothing of the observation screens.
 */
export function ObservationHomeCard({ schoolYearId, from, to, ready }: Props) {
  registerMessages('observationHome', vi, en);
  const { t } = useTranslation();
  const db = useDatabase();
  const data = useLiveQuery(async () => {
    if (!ready) return undefined;
    const [connection, context] = await Promise.all([db.meta.get('sync.connection'), db.meta.get('school.context')]);
    const me = (connection?.value as { user?: { id?: unknown } } | undefined)?.user?.id;
    const minimum = (context?.value as { settings?: { minObservationsPerSemester?: unknown } } | undefined)?.settings?.minObservationsPerSemester;
    const done = await db.observations
      .where('[schoolYearId+date]')
      .between([schoolYearId, from], [schoolYearId, to], true, true)
      // Her own lessons (teacherUserId = herself) are lessons she taught, not tiết dự.
      .filter((o) => typeof me !== 'string' || o.teacherUserId !== me)
      .count();
    const readIds = new Set(await db.annotationReads.toCollection().primaryKeys());
    // Notes on observations only: leaders' notes on a semester are shown (and read) elsewhere.
    const unread = await db.annotations
      .filter((a) => (a.targetTable === 'observations' || a.targetTable === 'observedLessons') && a.authorUserId !== me && !readIds.has(a.id))
      .count();
    return { done, minimum: typeof minimum === 'number' ? minimum : 4, unread };
  }, [db, schoolYearId, from, to, ready]);
  return (
    <Link to="/du-gio" className="stat-card">
      <span className="stat-card__label">{t('observationHome.label')}</span>
      <span className="stat-card__value">{data ? t('observationHome.progress', { done: data.done, minimum: data.minimum }) : '…'}</span>
      {data && data.unread > 0 ? <strong className="stat-card__label">{t('observationHome.unread', { count: data.unread })}</strong> : null}
    </Link>
  );
}

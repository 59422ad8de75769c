import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { innovationTopicId, overdueMilestones } from '../../../domain/innovationTopicRules.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { todayIso } from '../../ui/format.ts';

/**
 * Home screen: links to the innovation topic and SKKN, and the topic's overdue milestones. Tiny on
 * purpose (first-screen budget): one primary-key read, no schema library.
 */
export function OverdueMilestones({ schoolYearId }: { schoolYearId: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const overdue = useLiveQuery(async () => {
    const topic = await db.innovationTopics.get(innovationTopicId(schoolYearId));
    return topic && topic.status !== 'summarised' ? overdueMilestones(topic.milestones, todayIso()) : [];
  }, [db, schoolYearId]);
  return (
    <section className="panel" aria-labelledby="home-writing-heading">
      <h2 id="home-writing-heading">{t('home.writing')}</h2>
      {overdue && overdue.length > 0 ? (
        <p className="field__error">
          <Link to="/doi-moi">{t('home.overdueMilestones', { count: overdue.length, tasks: overdue.map((m) => m.task || m.due).join('; ') })}</Link>
        </p>
      ) : null}
      <p className="actions">
        <Link to="/doi-moi">{t('home.innovationLink')}</Link>
        <Link to="/skkn">{t('home.skknLink')}</Link>
      </p>
    </section>
  );
}

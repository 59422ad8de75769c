import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../domain/observations.ts';
import { formatDate } from '../../ui/format.ts';

interface Props {
  observation: Observation;
  href: string;
  /** Who is shown: the teacher (lessons I observed) or the observer (my lessons observed). */
  person: { role: 'teacher' | 'observer'; name: string };
  unread?: number;
}

export function ObservationListItem({ observation: o, href, person, unread = 0 }: Props) {
  const { t } = useTranslation();
  return (
    <li className={unread > 0 ? 'observation-item observation-item--unread' : 'observation-item'}>
      <Link to={href} className="observation-item__link">
        <span className="observation-item__title">{o.lessonTitle || o.subject}</span>
        <span className="observation-item__meta">
          {t('observations.rowSummary', { date: formatDate(o.date), period: o.lessonPeriod || '—', className: o.className, subject: o.subject })}
        </span>
        <span className="observation-item__meta">{t(person.role === 'teacher' ? 'observations.rowTeacher' : 'observations.rowObserver', { name: person.name })}</span>
        {unread > 0 ? <span className="badge">{t('observations.unread', { count: unread })}</span> : null}
      </Link>
    </li>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { SemesterCode } from '../../domain/schoolYear.ts';
import { OWN_PLACE } from '../db/annotations.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { AnnotationThreads } from '../features/annotations/AnnotationThreads.tsx';
import { annotationsEn, annotationsVi } from '../features/annotations/messages.ts';
import { useTargetThreads } from '../features/annotations/useTargetAnnotations.ts';
import { confirmationEn, confirmationVi } from '../features/confirmation/messages.ts';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { formatDate } from '../ui/format.ts';
import { useCurrentUser } from './observationScreens.ts';

const NO_FRESH: ReadonlySet<string> = new Set();

/** dd/MM/yyyy of an ISO time, in the device's time zone (a confirmation at 22:00 in Vietnam is that day). */
function localDay(iso: string): string {
  const d = new Date(iso);
  return formatDate(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
}

/**
 * On the teacher's own semester screen: the leaders' confirmations of it and their comment thread on
 * the semester (written into her logbook, synced), where she replies. Nothing shows until a leader
 * has confirmed or commented.
 */
export function SemesterLeaderNotes({ schoolYearId, semester }: { schoolYearId: string; semester: SemesterCode }) {
  registerMessages('annotations', annotationsVi, annotationsEn);
  registerMessages('confirmation', confirmationVi, confirmationEn);
  const { t } = useTranslation();
  const db = useDatabase();
  const me = useCurrentUser();
  const confirmations = useLiveQuery(() => db.confirmations.where('[schoolYearId+semester]').equals([schoolYearId, semester]).toArray(), [db, schoolYearId, semester]);
  const notes = useTargetThreads(OWN_PLACE, 'semester', `${schoolYearId}:${semester}`);
  if (!confirmations || !notes || (confirmations.length === 0 && notes.threads.length === 0)) return null;
  return (
    <section className="panel" aria-labelledby="semester-leader-notes">
      <h2 id="semester-leader-notes">{t('confirmation.teacherTitle')}</h2>
      <ul>
        {confirmations.map((c) => (
          <li key={c.id}>
            {t('confirmation.by', { role: t(`confirmation.role.${c.authorRole}`), name: c.authorName, date: localDay(c.confirmedAt) })}
            {c.remark ? `: ${c.remark}` : ''}
          </li>
        ))}
      </ul>
      <AnnotationThreads
        place={OWN_PLACE}
        targetTable="semester"
        targetId={`${schoolYearId}:${semester}`}
        anchor={{ kind: 'whole' }}
        threads={notes.threads}
        me={me ? { id: me.id, fullName: me.fullName } : null}
        canStart={false}
        fresh={NO_FRESH}
      />
    </section>
  );
}

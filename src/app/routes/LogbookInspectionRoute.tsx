import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type { AnnotationPlace } from '../db/annotations.ts';
import { useReadableScopes } from '../db/foreign.ts';
import { AnnotationThreads } from '../features/annotations/AnnotationThreads.tsx';
import { annotationsEn, annotationsVi } from '../features/annotations/messages.ts';
import { useTargetThreads } from '../features/annotations/useTargetAnnotations.ts';
import { ConfirmSemester } from '../features/confirmation/ConfirmSemester.tsx';
import { LogbookView, useLogbookSemester } from '../features/inspection/LogbookView.tsx';
import { inspectionEn, inspectionVi } from '../features/inspection/messages.ts';
import { inspectionSearch, useInspectionParams } from '../features/inspection/params.ts';
import { useLeaderClient } from '../features/inspection/useLeaderClient.ts';
import { useTeacherOverview } from '../features/inspection/useTeacherOverview.ts';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import '../features/inspection/inspection.css';
import { formatDateTime } from '../ui/format.ts';

const NO_FRESH: ReadonlySet<string> = new Set();

/** /kiem-tra/:scopeId — a teacher's semester, read-only, with the leader's confirmation and comment thread. */
export function LogbookInspectionRoute() {
  registerMessages('inspection', inspectionVi, inspectionEn);
  registerMessages('annotations', annotationsVi, annotationsEn);
  const { t } = useTranslation();
  const { scopeId = '' } = useParams<{ scopeId?: string }>();
  const params = useInspectionParams();
  const state = useLeaderClient();
  const scopes = useReadableScopes();
  const scope = scopes?.find((s) => s.scopeId === scopeId && s.access === 'leader');
  const period = useLogbookSemester(scopeId, params.year, params.semester);
  const row = useTeacherOverview(state, scopeId, params.year, params.semester);
  const place: AnnotationPlace = { kind: 'foreign', scopeId };
  const targetId = period ? `${period.yearId}:${period.semester}` : '';
  const notes = useTargetThreads(place, 'semester', targetId);
  const name = scope?.ownerName ?? row?.fullName ?? '';
  usePageTitle(t('inspection.logbookTitle', { name }));
  if (scopes === undefined || !period || !notes) return <Loading />;
  const me = state.kind === 'ready' ? state.client.user : null;
  const back = <Link to={`/kiem-tra?${inspectionSearch(params)}`}>{t('inspection.back')}</Link>;
  if (!scope) {
    return (
      <div className="page page--narrow">
        <h1>{t('inspection.title')}</h1>
        <p className="panel">{t('inspection.notSynced')}</p>
        <p>{back}</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t('inspection.logbookTitle', { name })}</h1>
      <p>{back}</p>
      <p className="banner">{t('inspection.readOnly')}</p>
      {scope.lastSyncedAt ? <p className="field__hint">{t('inspection.lastSynced', { time: formatDateTime(scope.lastSyncedAt) })}</p> : null}
      <p>
        <strong>{t(params.semester === 'HK1' ? 'inspection.hk1' : 'inspection.hk2')}</strong> · {params.year}–{params.year + 1}
      </p>
      {me ? <ConfirmSemester scopeId={scopeId} yearId={period.yearId} semester={period.semester} me={me} summaries={row ? row.confirmations : null} /> : null}
      <LogbookView scopeId={scopeId} period={period} />
      <section className="panel logbook-section" aria-labelledby="logbook-thread">
        <h2 id="logbook-thread">{t('inspection.threadTitle')}</h2>
        <AnnotationThreads
          place={place}
          targetTable="semester"
          targetId={targetId}
          anchor={{ kind: 'whole' }}
          threads={notes.threads}
          me={me ? { id: me.id, fullName: me.fullName } : null}
          canStart={me !== null}
          fresh={NO_FRESH}
        />
      </section>
    </div>
  );
}

import { useSearchParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { innovationTopicId } from '../../domain/innovationTopicRules.ts';
import { OWN_PLACE } from '../db/annotations.ts';
import { AnnotationThreads } from '../features/annotations/AnnotationThreads.tsx';
import { annotationsEn, annotationsVi } from '../features/annotations/messages.ts';
import { useMarkReadOnOpen, useTargetThreads } from '../features/annotations/useTargetAnnotations.ts';
import { InnovationTopicForm } from '../features/innovation/InnovationTopicForm.tsx';
import { innovationEn, innovationVi } from '../features/innovation/messages.ts';
import '../features/innovation/innovation.css';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { Loading } from '../ui/Loading.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useCurrentUser } from './observationScreens.ts';
import { startYearParam, useSchoolYear } from './useSchoolYear.ts';

const WHOLE = { kind: 'whole' } as const;

/**
 * /doi-moi: the school year's innovation topic (?nam=2025 for an earlier year), with the notes her
 * mentor or leaders wrote on it (the annotation machinery of the observations); she replies there.
 */
export function InnovationRoute() {
  registerMessages('innovation', innovationVi, innovationEn);
  registerMessages('annotations', annotationsVi, annotationsEn);
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const year = useSchoolYear(startYearParam(params.get('nam')));
  const topicId = year ? innovationTopicId(year.id) : '';
  const me = useCurrentUser();
  const notes = useTargetThreads(OWN_PLACE, 'innovationTopics', topicId);
  const fresh = useMarkReadOnOpen(notes?.annotations, me?.id ?? null, year !== undefined && me !== undefined);
  usePageTitle(t('innovation.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('innovation.title')}</h1>
      <p className="field__hint">{t('innovation.intro')}</p>
      {year && notes && me !== undefined ? (
        <AnnotationThreads
          place={OWN_PLACE}
          targetTable="innovationTopics"
          targetId={topicId}
          anchor={WHOLE}
          threads={notes.threads}
          me={me ? { id: me.id, fullName: me.fullName } : null}
          canStart={false}
          fresh={fresh}
        />
      ) : null}
      {year ? <InnovationTopicForm year={year} /> : <Loading />}
    </div>
  );
}

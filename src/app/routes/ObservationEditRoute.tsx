import { useLocation, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { ObservationEditor } from '../features/observations/ObservationEditor.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useObservationScreens } from './observationScreens.ts';

/** /du-gio/moi (new, fast capture) and /du-gio/:id/sua (edit). */
export function ObservationEditRoute() {
  useObservationScreens();
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { id } = useParams<{ id?: string }>();
  const title = id ? t('observations.editTitle') : t('observations.newTitle');
  usePageTitle(title);
  return (
    <section className="page page--narrow">
      <h1>{title}</h1>
      <ObservationEditor
        key={id ?? 'new'}
        id={id}
        onDone={(savedId) => navigate(savedId ? `/du-gio/${savedId}` : '/du-gio', { replace: true })}
      />
    </section>
  );
}

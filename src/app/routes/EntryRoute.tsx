import { useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { EntryEditor } from '../features/entries/EntryEditor.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function EntryRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id?: string }>();
  const title = id ? t('entry.editTitle') : t('entry.newTitle');
  usePageTitle(title);
  return (
    <section className="page page--narrow">
      <h1>{title}</h1>
      <EntryEditor key={id ?? 'new'} id={id} />
    </section>
  );
}

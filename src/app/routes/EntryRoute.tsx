import { useState } from 'react';
import { useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { EntryEditor } from '../features/entries/EntryEditor.tsx';
import { RecordConflicts } from '../ui/RecordConflicts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function EntryRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id?: string }>();
  // Bumped when a conflict resolution changed the entry: the form reopens with the stored text.
  const [version, setVersion] = useState(0);
  const title = id ? t('entry.editTitle') : t('entry.newTitle');
  usePageTitle(title);
  return (
    <section className="page page--narrow">
      <h1>{title}</h1>
      {id ? <RecordConflicts table="entries" recordId={id} onRecordChanged={() => setVersion((v) => v + 1)} /> : null}
      <EntryEditor key={`${id ?? 'new'}-${version}`} id={id} />
    </section>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { deleteEntry, getEntry, restoreEntry, saveEntry, type SaveEntryResult } from '../../db/entries.ts';
import { storageErrorKey } from '../../db/errors.ts';
import { getMeta } from '../../db/meta.ts';
import { requestPersistenceAfterFirstSave } from '../../db/storage.ts';
import { Loading } from '../../ui/Loading.tsx';
import { useNotify } from '../../ui/Notices.tsx';
import { preview, todayIso } from '../../ui/format.ts';
import { useGoBack } from '../../ui/location.ts';
import { EntryForm, type EntryErrors } from './EntryForm.tsx';
import { entryValues, newEntryValues, toEntryInput, type EntryFormValues } from './entryFormValues.ts';

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; values: EntryFormValues };

/** Loads the entry (or the defaults of the last form used), saves it, deletes it with undo. */
export function EntryEditor({ id }: { id?: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const goBack = useGoBack();
  const notify = useNotify();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = id
      ? getEntry(db, id).then((entry): Loaded => (entry ? { status: 'ready', values: entryValues(entry) } : { status: 'missing' }))
      : getMeta(db, 'lastEntryForm').then((last): Loaded => ({ status: 'ready', values: newEntryValues(todayIso(), last) }));
    load
      .catch((): Loaded => ({ status: 'ready', values: newEntryValues(todayIso(), undefined) }))
      .then((result) => {
        if (live) setLoaded(result);
      });
    return () => {
      live = false;
    };
  }, [db, id]);

  async function submit(values: EntryFormValues): Promise<EntryErrors | null> {
    setSaveError(null);
    let result: SaveEntryResult;
    try {
      result = await saveEntry(db, toEntryInput(values), id);
    } catch (err) {
      // Nothing is lost: the form keeps its values and says why.
      setSaveError(t(storageErrorKey(err)));
      return null;
    }
    if (!result.ok) return result.errors;
    const label = schoolYearLabel(result.schoolYear.startYear);
    const { createdSchoolYear, outsideSemesters } = result.placement;
    notify({
      message: outsideSemesters ? t('entry.savedOutside', { label }) : createdSchoolYear ? t('entry.savedIn', { label }) : t('entry.saved'),
    });
    void requestPersistenceAfterFirstSave(db).catch(() => {});
    goBack();
    return null;
  }

  async function remove() {
    if (!id) return;
    setSaveError(null);
    try {
      const removed = await deleteEntry(db, id);
      if (removed) {
        notify({
          message: t('entry.deleted', { preview: preview(removed.content, 40) }),
          action: {
            label: t('entry.undo'),
            run: () => {
              restoreEntry(db, removed).then(
                () => notify({ message: t('entry.restored') }),
                (err: unknown) => notify({ message: t(storageErrorKey(err)), tone: 'error' }),
              );
            },
          },
        });
      }
      goBack();
    } catch (err) {
      setSaveError(t(storageErrorKey(err)));
    }
  }

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'missing') return <p className="panel">{t('entry.notFound')}</p>;
  return <EntryForm initial={loaded.values} onSubmit={submit} onDelete={id ? () => void remove() : undefined} saveError={saveError} />;
}

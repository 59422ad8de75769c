import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { entryDraftKey, getDraft } from '../../db/drafts.ts';
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
import { useEntryDraft } from './useEntryDraft.ts';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  /** base: the stored entry or the new-entry defaults; values: what the form opens with (a restored draft). */
  | { status: 'ready'; base: EntryFormValues; values: EntryFormValues; restored: boolean };

/**
 * Loads the entry (or the defaults of the last form used) and any unsaved draft of it, saves it,
 * deletes it with undo. What is typed is kept as a draft until it is saved or deleted.
 */
export function EntryEditor({ id }: { id?: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const goBack = useGoBack();
  const notify = useNotify();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);
  // Bumped to reopen the form with other values (a discarded draft).
  const [formVersion, setFormVersion] = useState(0);
  const focusContent = useRef(false);
  const draftKey = entryDraftKey(id);
  const draft = useEntryDraft(db, draftKey, loaded.status === 'ready' ? loaded.base : null);

  useEffect(() => {
    let live = true;
    const loadBase = id
      ? getEntry(db, id).then((entry) => (entry ? entryValues(entry) : null))
      : getMeta(db, 'lastEntryForm').then((last) => newEntryValues(todayIso(), last));
    const loadDraft = getDraft<Partial<EntryFormValues>>(db, draftKey).catch(() => undefined);
    Promise.all([loadBase.catch(() => (id ? null : newEntryValues(todayIso(), undefined))), loadDraft]).then(([base, saved]) => {
      if (!live) return;
      if (!base) return setLoaded({ status: 'missing' });
      setLoaded(saved ? { status: 'ready', base, values: { ...base, ...saved.values }, restored: true } : { status: 'ready', base, values: base, restored: false });
    });
    return () => {
      live = false;
    };
  }, [db, id, draftKey]);

  useEffect(() => {
    if (!focusContent.current) return;
    focusContent.current = false;
    document.getElementById('entry-content')?.focus();
  }, [formVersion]);

  function discardDraft() {
    if (loaded.status !== 'ready') return;
    void draft.clear();
    setLoaded({ ...loaded, values: loaded.base, restored: false });
    focusContent.current = true;
    setFormVersion((v) => v + 1);
  }

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
    void draft.clear({ done: true });
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
      void draft.clear({ done: true });
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
  return (
    <>
      {loaded.restored ? (
        <div className="banner" role="status">
          <p>{t('entry.draftRestored')}</p>
          <button type="button" className="button button--light" onClick={discardDraft}>
            {t('entry.discardDraft')}
          </button>
        </div>
      ) : null}
      <EntryForm
        key={formVersion}
        initial={loaded.values}
        onSubmit={submit}
        onDelete={id ? () => void remove() : undefined}
        onChange={draft.change}
        saveError={saveError}
      />
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../domain/schoolSettings.ts';
import type { DirectoryUser, SchoolSettings } from '../../../domain/schoolSettings.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { getDraft } from '../../db/drafts.ts';
import { storageErrorKey } from '../../db/errors.ts';
import { deleteObservation, observationDraftKey, readSchoolContext, restoreObservation, rubricForNewObservation, saveObservation, type SaveObservationResult } from '../../db/observations.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { useNotify } from '../../ui/Notices.tsx';
import { formatDate, todayIso } from '../../ui/format.ts';
import { ObservationForm, type ObservationErrors } from './ObservationForm.tsx';
import { newObservationValues, observationValues, sameObservationValues, toObservationInput, type ObservationFormValues } from './observationFormValues.ts';
import { useFormDraft } from '../../ui/useFormDraft.ts';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; base: ObservationFormValues; values: ObservationFormValues; restored: boolean; settings: SchoolSettings; directory: DirectoryUser[] };

interface Props {
  id?: string;
  /** After a save or a delete (e.g. back to the list or to the saved observation). */
  onDone: (savedId: string | null) => void;
}

/**
 * Loads an observation (or the defaults for a new one) with any unsaved draft, saves it, deletes it
 * after a confirmation with undo. What is typed is kept as a draft until saved or deleted.
 */
export function ObservationEditor({ id, onDone }: Props) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [formVersion, setFormVersion] = useState(0);
  const draftKey = observationDraftKey(id);
  const draft = useFormDraft(db, draftKey, loaded.status === 'ready' ? loaded.base : null, sameObservationValues);
  const focusFirst = useRef(false);

  useEffect(() => {
    let live = true;
    async function load() {
      const context = await readSchoolContext(db).catch(() => ({ settings: DEFAULT_SCHOOL_SETTINGS, directory: [] as DirectoryUser[] }));
      let base: ObservationFormValues | null;
      if (id) {
        const found = await db.observations.get(id);
        base = found ? observationValues(found) : null;
      } else {
        const profile = await db.profile.get('profile').catch(() => undefined);
        base = newObservationValues(todayIso(), rubricForNewObservation(context.settings), profile?.fullName ?? '');
      }
      const saved = await getDraft<ObservationFormValues>(db, draftKey).catch(() => undefined);
      if (!live) return;
      if (!base) return setLoaded({ status: 'missing' });
      const values = saved ? { ...base, ...saved.values } : base;
      setLoaded({ status: 'ready', base, values, restored: Boolean(saved), settings: context.settings, directory: context.directory });
    }
    void load();
    return () => {
      live = false;
    };
  }, [db, id, draftKey]);

  useEffect(() => {
    if (!focusFirst.current) return;
    focusFirst.current = false;
    document.getElementById('obs-className')?.focus();
  }, [formVersion]);

  function discardDraft() {
    if (loaded.status !== 'ready') return;
    void draft.clear();
    setLoaded({ ...loaded, values: loaded.base, restored: false });
    focusFirst.current = true;
    setFormVersion((v) => v + 1);
  }

  async function submit(values: ObservationFormValues): Promise<ObservationErrors | null> {
    if (loaded.status !== 'ready') return null;
    setSaveError(null);
    let result: SaveObservationResult;
    try {
      result = await saveObservation(db, toObservationInput(values), id, loaded.settings.ratingThresholds);
    } catch (err) {
      setSaveError(t(storageErrorKey(err)));
      return null;
    }
    if (!result.ok) return result.errors;
    void draft.clear({ done: true });
    notify({ message: t('observations.saved') });
    onDone(result.observation.id);
    return null;
  }

  async function remove() {
    setConfirming(false);
    if (!id) return;
    try {
      const removed = await deleteObservation(db, id);
      void draft.clear({ done: true });
      if (removed) {
        notify({
          message: t('observations.deleted', { date: formatDate(removed.date) }),
          action: {
            label: t('observations.undo'),
            run: () => {
              restoreObservation(db, removed).then(
                () => notify({ message: t('observations.restored') }),
                (err: unknown) => notify({ message: t(storageErrorKey(err)), tone: 'error' }),
              );
            },
          },
        });
      }
      onDone(null);
    } catch (err) {
      setSaveError(t(storageErrorKey(err)));
    }
  }

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'missing') return <p className="panel">{t('observations.notFound')}</p>;
  return (
    <>
      {loaded.restored ? (
        <div className="banner" role="status">
          <p>{t('observations.draftRestored')}</p>
          <button type="button" className="button button--light" onClick={discardDraft}>
            {t('observations.discardDraft')}
          </button>
        </div>
      ) : null}
      <ObservationForm
        key={formVersion}
        initial={loaded.values}
        directory={loaded.directory}
        thresholds={loaded.settings.ratingThresholds}
        onSubmit={submit}
        onChange={draft.change}
        onDelete={id ? () => setConfirming(true) : undefined}
        saveError={saveError}
      />
      <ConfirmDialog
        open={confirming}
        title={t('observations.deleteTitle')}
        confirmLabel={t('observations.delete')}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('observations.deleteBody', { date: formatDate(loaded.base.date), title: loaded.base.lessonTitle || loaded.base.subject })}</p>
      </ConfirmDialog>
    </>
  );
}

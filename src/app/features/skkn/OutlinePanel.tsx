import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { headingNumbers } from '../../../domain/catalogs/skknOutlines.ts';
import type { Skkn, SkknSection, SkknSectionRef } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { addSection, moveSection, removeSection, restoreSection, updateSectionRef, updateSkkn } from '../../db/skkn.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useNotify } from '../../ui/Notices.tsx';

interface Props {
  skkn: Skkn;
  sections: readonly SkknSection[];
  words: ReadonlyMap<string, number>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A section was opened from the outline (not added): the screen may bring its editor into view. */
  onOpened?: () => void;
}

/**
 * The draft's outline: open a section, add one; in "Sắp xếp dàn ý" mode also move, rename (title, level,
 * numbering) and remove with undo. The tools stay out of the way otherwise: on a phone four buttons under
 * each of twenty sections pushed the editor a dozen screens down.
 */
export function OutlinePanel({ skkn, sections, words, selectedId, onSelect, onOpened }: Props) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const titleId = useId();
  const [editing, setEditing] = useState<SkknSectionRef | null>(null);
  const [removing, setRemoving] = useState<SkknSectionRef | null>(null);
  const [arranging, setArranging] = useState(false);
  const numbers = headingNumbers(skkn.sections);
  const fail = (error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' });
  const inOutline = new Set(skkn.sections.map((s) => s.id));
  // A section record whose id left the outline (the outline was edited on another device meanwhile).
  const orphans = sections.filter((s) => !inOutline.has(s.id) && s.content !== '');

  return (
    <nav className="panel skkn-outline" aria-labelledby={titleId}>
      <div className="skkn-outline__head">
        <h2 id={titleId}>{t('skkn.outlinePanel.title')}</h2>
        <button type="button" className="button button--light skkn-outline__arrange" aria-pressed={arranging} onClick={() => setArranging((on) => !on)}>
          {t('skkn.outlinePanel.arrange')}
        </button>
      </div>
      <ol className="skkn-outline__list" aria-label={t('skkn.outlinePanel.sectionList')}>
        {skkn.sections.map((ref, index) => (
          <li key={ref.id} className={`skkn-outline__item skkn-outline__item--l${ref.level}`}>
            {editing?.id === ref.id ? (
              <SectionRefForm
                value={editing}
                onChange={setEditing}
                onCancel={() => setEditing(null)}
                onSave={() => {
                  const { id: _id, ...change } = editing;
                  void updateSectionRef(db, skkn.id, ref.id, change).then(() => setEditing(null), fail);
                }}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="skkn-outline__open"
                  aria-current={selectedId === ref.id ? 'true' : undefined}
                  aria-label={t('skkn.outlinePanel.select', { title: `${numbers[index]} ${ref.title}`.trim() })}
                  onClick={() => {
                    onSelect(ref.id);
                    onOpened?.();
                  }}
                >
                  <span>{`${numbers[index]} ${ref.title}`.trim()}</span>
                  <span className="skkn-outline__words">{t('skkn.outlinePanel.words', { count: words.get(ref.id) ?? 0 })}</span>
                </button>
                {arranging ? (
                  <span className="skkn-outline__tools">
                    <button type="button" className="button button--icon" aria-label={t('skkn.outlinePanel.up', { title: ref.title })} disabled={index === 0} onClick={() => void moveSection(db, skkn.id, ref.id, -1).catch(fail)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--icon"
                      aria-label={t('skkn.outlinePanel.down', { title: ref.title })}
                      disabled={index === skkn.sections.length - 1}
                      onClick={() => void moveSection(db, skkn.id, ref.id, 1).catch(fail)}
                    >
                      ↓
                    </button>
                    <button type="button" className="button button--light" onClick={() => setEditing(ref)}>
                      {t('skkn.outlinePanel.rename')}{' '}
                      <span className="visually-hidden">{ref.title}</span>
                    </button>
                    <button type="button" className="button button--danger-outline" onClick={() => setRemoving(ref)}>
                      {t('skkn.outlinePanel.remove')}{' '}
                      <span className="visually-hidden">{ref.title}</span>
                    </button>
                  </span>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          const current = skkn.sections.find((s) => s.id === selectedId);
          void addSection(db, skkn.id, t('skkn.outlinePanel.newSection'), current ? Math.max(2, current.level) : 1, selectedId).then((ref) => {
            onSelect(ref.id);
            setEditing(ref);
          }, fail);
        }}
      >
        {t('skkn.outlinePanel.add')}
      </button>
      {orphans.length > 0 ? (
        <div className="skkn-outline__orphans">
          <h3>{t('skkn.outlinePanel.orphans')}</h3>
          <ul>
            {orphans.map((section) => (
              <li key={section.id}>
                <span>{t('skkn.outlinePanel.words', { count: words.get(section.id) ?? 0 })}</span>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void updateSkkn(db, skkn.id, { sections: [...skkn.sections, { id: section.id, title: t('skkn.outlinePanel.newSection'), level: 2, numbered: true }] }).catch(fail)}
                >
                  {t('skkn.outlinePanel.putBack')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('skkn.outlinePanel.removeTitle', { title: removing.title }) : ''}
        confirmLabel={t('skkn.outlinePanel.remove')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const ref = removing;
          setRemoving(null);
          if (!ref) return;
          void removeSection(db, skkn.id, ref.id).then((removed) => {
            if (!removed) return;
            if (selectedId === ref.id) onSelect(skkn.sections.find((s) => s.id !== ref.id)?.id ?? '');
            notify({
              message: t('skkn.outlinePanel.removed', { title: ref.title }),
              action: { label: t('skkn.outlinePanel.undo'), run: () => void restoreSection(db, removed).catch(fail) },
            });
          }, fail);
        }}
      >
        <p>{t('skkn.outlinePanel.removeBody')}</p>
      </ConfirmDialog>
    </nav>
  );
}

function SectionRefForm({ value, onChange, onSave, onCancel }: { value: SkknSectionRef; onChange: (v: SkknSectionRef) => void; onSave: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <form
      className="skkn-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.title.trim() !== '') onSave();
      }}
    >
      <label htmlFor={`${id}-title`}>{t('skkn.outlinePanel.renameLabel')}</label>
      <input id={`${id}-title`} value={value.title} maxLength={500} autoFocus required onChange={(e) => onChange({ ...value, title: e.target.value })} />
      <label htmlFor={`${id}-level`}>{t('skkn.outlinePanel.level')}</label>
      <select id={`${id}-level`} value={value.level} onChange={(e) => onChange({ ...value, level: Number(e.target.value) })}>
        {[1, 2, 3].map((level) => (
          <option key={level} value={level}>
            {t(`skkn.outlinePanel.levelOption.${level}`)}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={value.numbered} onChange={(e) => onChange({ ...value, numbered: e.target.checked })} /> {t('skkn.outlinePanel.numbered')}
      </label>
      <button type="submit" className="button button--primary">
        {t('skkn.outlinePanel.save')}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('skkn.outlinePanel.cancel')}
      </button>
    </form>
  );
}

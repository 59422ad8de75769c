import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCitation, orderReferences } from '../../../domain/citation.ts';
import type { Skkn, SkknReference } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { newReference, updateSkkn } from '../../db/skkn.ts';
import { Field } from '../../ui/Field.tsx';
import { useNotify } from '../../ui/Notices.tsx';

/** "Tài liệu tham khảo": the list in its export order and format, add / edit / delete (with undo). */
export function ReferencesPanel({ skkn }: { skkn: Skkn }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [editing, setEditing] = useState<SkknReference | null>(null);
  const ordered = orderReferences(skkn.references);

  const write = (references: SkknReference[]) => updateSkkn(db, skkn.id, { references });
  const fail = (error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' });

  return (
    <section className="panel" aria-labelledby="skkn-refs-title">
      <h2 id="skkn-refs-title">{t('skkn.references.title')}</h2>
      <p className="field__hint">{t('skkn.references.intro')}</p>
      {ordered.length === 0 ? (
        <p className="empty">{t('skkn.references.empty')}</p>
      ) : (
        <ol className="skkn-references">
          {ordered.map((reference, index) => (
            <li key={reference.id}>
              <span>
                [{index + 1}] {formatCitation(reference)}
              </span>
              <span className="actions">
                <button type="button" className="button button--light" onClick={() => setEditing(reference)}>
                  {t('skkn.references.edit')}
                  <span className="visually-hidden"> [{index + 1}]</span>
                </button>
                <button
                  type="button"
                  className="button button--danger-outline"
                  onClick={() => {
                    const before = skkn.references;
                    write(before.filter((r) => r.id !== reference.id)).then(
                      () => notify({ message: t('skkn.references.removed'), action: { label: t('skkn.references.undo'), run: () => void write(before).catch(fail) } }),
                      fail,
                    );
                  }}
                >
                  {t('skkn.references.remove')}
                  <span className="visually-hidden"> [{index + 1}]</span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {editing ? (
        <ReferenceForm
          initial={editing}
          onCancel={() => setEditing(null)}
          onSave={(reference) => {
            const exists = skkn.references.some((r) => r.id === reference.id);
            write(exists ? skkn.references.map((r) => (r.id === reference.id ? reference : r)) : [...skkn.references, reference]).then(() => setEditing(null), fail);
          }}
        />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setEditing(newReference())}>
          {t('skkn.references.add')}
        </button>
      )}
    </section>
  );
}

function ReferenceForm({ initial, onSave, onCancel }: { initial: SkknReference; onSave: (r: SkknReference) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [tried, setTried] = useState(false);
  const missingTitle = value.title.trim() === '';
  const input = (key: 'authors' | 'year' | 'title' | 'publisher' | 'url', label: string, hint?: string) => (
    <Field id={`ref-${key}`} label={label} hint={hint} error={key === 'title' && tried && missingTitle ? t('skkn.references.titleRequired') : undefined}>
      <input value={value[key]} maxLength={key === 'url' ? 2000 : key === 'year' ? 20 : 500} onChange={(e) => setValue({ ...value, [key]: e.target.value })} />
    </Field>
  );
  return (
    <form
      className="skkn-reference-form"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!missingTitle) onSave(value);
      }}
    >
      {input('authors', t('skkn.references.authors'), t('skkn.references.authorsHint'))}
      {input('year', t('skkn.references.year'))}
      {input('title', t('skkn.references.titleField'))}
      {input('publisher', t('skkn.references.publisher'))}
      {input('url', t('skkn.references.url'))}
      <p className="field__hint">
        {t('skkn.references.preview')}: {formatCitation(value)}
      </p>
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          {t('skkn.references.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('skkn.references.cancel')}
        </button>
      </div>
    </form>
  );
}

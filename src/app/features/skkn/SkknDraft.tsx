import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { headingNumbers, sectionHint } from '../../../domain/catalogs/skknOutlines.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { sectionsOf } from '../../db/skkn.ts';
import { Loading } from '../../ui/Loading.tsx';
import { CoverForm } from './CoverForm.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { OutlinePanel } from './OutlinePanel.tsx';
import { ReferencesPanel } from './ReferencesPanel.tsx';
import { SectionEditor } from './SectionEditor.tsx';
import { draftWordCounts } from './wordCounts.ts';

const TABS = ['sections', 'cover', 'references', 'export'] as const;
/** Where the outline moves beside the editor (skkn.css). */
const WIDE_LAYOUT = '(min-width: 60rem)';
type Tab = (typeof TABS)[number];

/** One SKKN draft: its content section by section, its cover, references and export. */
export function SkknDraft({ id }: { id: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const skkn = useLiveQuery(async () => (await db.skkn.get(id)) ?? null, [db, id]);
  const sections = useLiveQuery(() => sectionsOf(db, id), [db, id]);
  const [tab, setTab] = useState<Tab>('sections');
  // The open section is in the address (?muc=…), so a reload or a reopened tab comes back to it.
  const [params, setParams] = useSearchParams();
  const selected = params.get('muc');
  const setSelected = (id: string) => setParams(id ? { muc: id } : {}, { replace: true });
  const counts = useMemo(() => draftWordCounts(sections ?? []), [sections]);
  // Lets the export wait for the open editor's pending save (set by the editor's own autosave).
  const flushEditor = useRef<() => Promise<void>>(() => Promise.resolve());
  const registerFlush = useCallback((flush: () => Promise<void>) => {
    flushEditor.current = flush;
  }, []);
  const editorRef = useRef<HTMLDivElement>(null);
  // On a phone the outline sits above the editor: opening a section brings its editor into view.
  const revealEditor = useCallback(() => {
    if (window.matchMedia?.(WIDE_LAYOUT).matches) return;
    requestAnimationFrame(() => editorRef.current?.scrollIntoView?.({ block: 'start' }));
  }, []);

  if (skkn === undefined || sections === undefined) return <Loading />;
  if (skkn === null) {
    return (
      <div className="page page--narrow">
        <p className="empty">{t('skkn.notFound')}</p>
        <Link to="/skkn">{t('skkn.back')}</Link>
      </div>
    );
  }
  const selectedId = selected && skkn.sections.some((s) => s.id === selected) ? selected : (skkn.sections[0]?.id ?? null);
  const index = skkn.sections.findIndex((s) => s.id === selectedId);
  const ref = skkn.sections[index];
  const section = sections.find((s) => s.id === selectedId);
  const number = index >= 0 ? headingNumbers(skkn.sections)[index] : '';

  return (
    <div className="page skkn-page">
      <p>
        <Link to="/skkn">← {t('skkn.back')}</Link>
      </p>
      <h1>{skkn.title || t('skkn.newTitle')}</h1>
      <p className="skkn-total" aria-live="off">
        {t('skkn.totalWords', { count: counts.total })} · {t(`skkn.status.${skkn.status}`)}
      </p>
      <div className="skkn-tabs" role="tablist" aria-label={t('skkn.tabs.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`skkn-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`skkn-panel-${name}`}
            className={tab === name ? 'button button--primary' : 'button button--light'}
            onClick={() => setTab(name)}
          >
            {t(`skkn.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`skkn-panel-${tab}`} aria-labelledby={`skkn-tab-${tab}`}>
        {tab === 'sections' ? (
          <div className="skkn-layout">
            <OutlinePanel skkn={skkn} sections={sections} words={counts.bySection} selectedId={selectedId} onSelect={setSelected} onOpened={revealEditor} />
            <div ref={editorRef} className="skkn-layout__editor">
              {ref && section ? (
                <SectionEditor
                  key={section.id}
                  section={section}
                  title={`${number} ${ref.title}`.trim()}
                  hint={sectionHint(skkn.outlineId, ref.title)}
                  words={counts.bySection.get(section.id) ?? 0}
                  references={skkn.references}
                  registerFlush={registerFlush}
                />
              ) : null}
            </div>
          </div>
        ) : tab === 'cover' ? (
          <CoverForm skkn={skkn} />
        ) : tab === 'references' ? (
          <ReferencesPanel skkn={skkn} />
        ) : (
          <ExportPanel skkn={skkn} beforeExport={() => flushEditor.current()} />
        )}
      </div>
    </div>
  );
}

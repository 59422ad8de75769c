import { redoDepth, undoDepth } from '@tiptap/pm/history';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { orderReferences } from '../../../domain/citation.ts';
import type { SkknReference, SkknSection } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { saveSectionNotes } from '../../db/skkn.ts';
import { Loading } from '../../ui/Loading.tsx';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import { SectionConflicts } from './SectionConflicts.tsx';
import { cleanPastedHtml, skknExtensions } from './editorExtensions.ts';
import { crossPartKey } from './partNavigation.ts';
import { splitSectionHtml } from './sectionParts.ts';
import { useSaveStatus, useSectionAutosave, type StatusStore } from './useSectionAutosave.ts';
import { rememberSectionWords } from './wordCounts.ts';

interface Props {
  section: SkknSection;
  title: string;
  hint: string;
  words: number;
  references: readonly SkknReference[];
  /** Receives the editor's "save now", for actions outside it (export). */
  registerFlush?: (flush: () => Promise<void>) => void;
}

/**
 * One section's rich-text editor (Tiptap) with its toolbar, save status, word count and notes.
 * Mounted per section (keyed by id): the editor holds only that section's text, which keeps typing
 * fast in a long SKKN. Text changed by sync or a restore reloads into the editor when nothing typed
 * here is waiting to be saved.
 *
 * A keystroke re-renders no React component: the editor does not re-render on transactions, the
 * toolbar only when a button's state changes, the status line only when the save state changes; a
 * save (at most once per 0.9 s of typing) re-renders this component with the stored text, and the
 * word counts reuse what the autosave counted per changed paragraph.
 */
export function SectionEditor({ section, title, hint, words, references, registerFlush }: Props) {
  const { t } = useTranslation();
  const db = useDatabase();
  const labelId = useId();
  const [updatedElsewhere, setUpdatedElsewhere] = useState(false);
  // The text the editors were made from: a long section is edited in parts (sectionParts.ts); a
  // text replaced from outside (sync, restore) that changes how it splits makes new parts.
  const [source, setSource] = useState(() => ({ content: section.content, generation: 0 }));
  const parts = useMemo(() => splitSectionHtml(source.content), [source]);
  const [made, setMade] = useState<readonly (TiptapEditor | null)[]>([]);
  const onEditor = useCallback((index: number, editor: TiptapEditor | null) => {
    setMade((list) => {
      if (list[index] === editor) return list;
      const next = [...list];
      next[index] = editor;
      return next;
    });
  }, []);
  const editors = useMemo(() => {
    const ready = made.slice(0, parts.length);
    return ready.length === parts.length && ready.every((editor) => editor !== null && !editor.isDestroyed) ? (ready as TiptapEditor[]) : null;
  }, [made, parts.length]);
  const editorsRef = useRef(editors);
  editorsRef.current = editors;
  const [active, setActive] = useState(0);

  const replace = useCallback((content: string) => {
    const current = editorsRef.current;
    if (current?.length === 1 && splitSectionHtml(content).length === 1) current[0]!.commands.setContent(content, { emitUpdate: false });
    else setSource((previous) => ({ content, generation: previous.generation + 1 }));
  }, []);
  const sectionId = section.id;
  const onWords = useCallback((words: number, html: string) => rememberSectionWords(sectionId, html, words), [sectionId]);
  const autosave = useSectionAutosave(db, editors, section.id, section.content, undefined, onWords, replace);
  useEffect(() => registerFlush?.(autosave.flush), [registerFlush, autosave.flush]);

  const { isExternal, reload } = autosave;
  const ready = editors !== null;
  useEffect(() => {
    if (!ready || !isExternal(section.content)) return;
    reload(section.content);
    setUpdatedElsewhere(true);
  }, [ready, section.content, isExternal, reload]);

  const toolbarEditor = editors?.[Math.min(active, editors.length - 1)];
  return (
    <div className="skkn-editor">
      <h2 id={labelId} className="skkn-editor__title">
        {title}
      </h2>
      <SectionConflicts section={section} beforeChange={autosave.flush} afterChange={reload} />
      {hint && section.content === '' ? <p className="field__hint">{t('skkn.editor.emptyHint', { hint })}</p> : null}
      {toolbarEditor ? <Toolbar editor={toolbarEditor} references={references} /> : <Loading />}
      {parts.length > 1 ? <p className="field__hint">{t('skkn.editor.partsHint', { count: parts.length })}</p> : null}
      <div className={parts.length > 1 ? 'skkn-editor__frame skkn-editor__parts' : undefined}>
        {parts.map((content, index) => (
          <SectionPart
            key={`${source.generation}-${index}`}
            index={index}
            count={parts.length}
            content={content}
            title={title}
            labelId={labelId}
            editorsRef={editorsRef}
            onEditor={onEditor}
            onFocus={setActive}
          />
        ))}
      </div>
      <p className="skkn-editor__status">
        <SaveStatus store={autosave.status} />
        <span>{t('skkn.editor.words', { count: words })}</span>
      </p>
      {updatedElsewhere ? <p className="field__hint">{t('skkn.editor.updatedElsewhere')}</p> : null}
      <SectionNotes sectionId={section.id} notes={section.notes} />
      <RevisionsPanel section={section} beforeChange={autosave.flush} afterChange={reload} />
    </div>
  );
}

interface PartProps {
  index: number;
  count: number;
  /** The part's HTML when it was made (the editor owns it from then on). */
  content: string;
  title: string;
  labelId: string;
  editorsRef: RefObject<readonly TiptapEditor[] | null>;
  onEditor: (index: number, editor: TiptapEditor | null) => void;
  onFocus: (index: number) => void;
}

/** One editor: the whole section, or one part of a long one. */
const SectionPart = memo(function SectionPart({ index, count, content, title, labelId, editorsRef, onEditor, onFocus }: PartProps) {
  const { t } = useTranslation();
  const label: Record<string, string> = count > 1 ? { 'aria-label': t('skkn.editor.partLabel', { title, index: index + 1, count }) } : { 'aria-labelledby': labelId };
  const editor = useEditor({
    extensions: skknExtensions(),
    content,
    shouldRerenderOnTransaction: false,
    // The CSP (style-src 'self') forbids the <style> tag Tiptap would add; its rules are in skkn.css.
    injectCSS: false,
    editorProps: {
      attributes: { class: 'skkn-editor__content', ...label, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true', lang: 'vi' },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (view, event) => count > 1 && crossPartKey(view, event, editorsRef.current?.[index - 1] ?? null, editorsRef.current?.[index + 1] ?? null),
    },
    onFocus: () => onFocus(index),
  });
  useEffect(() => {
    onEditor(index, editor);
    return () => onEditor(index, null);
  }, [editor, index, onEditor]);
  if (count === 1) return <EditorContent editor={editor} className="skkn-editor__frame" />;
  return (
    <>
      {index > 0 ? (
        <p className="skkn-editor__part-break" aria-hidden="true">
          {t('skkn.editor.part', { index: index + 1, count })}
        </p>
      ) : null}
      <EditorContent editor={editor} />
    </>
  );
});

function SaveStatus({ store }: { store: StatusStore }) {
  const { t } = useTranslation();
  const status = useSaveStatus(store);
  const text =
    status.state === 'saved' ? t('skkn.editor.saved') : status.state === 'saving' ? t('skkn.editor.saving') : status.state === 'dirty' ? t('skkn.editor.unsaved') : t('skkn.editor.saveFailed', { message: t(status.key) });
  return (
    <span className={status.state === 'error' ? 'field__error' : undefined} role={status.state === 'error' ? 'alert' : undefined} data-testid="save-status">
      {text}
    </span>
  );
}

type TiptapEditor = NonNullable<ReturnType<typeof useEditor>>;

const Toolbar = memo(function Toolbar({ editor, references }: { editor: TiptapEditor; references: readonly SkknReference[] }) {
  const { t } = useTranslation();
  // Runs on every transaction, so it stays cheap (no can().undo(), which builds a command chain);
  // the toolbar re-renders only when one of these changes, not on every keystroke.
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      table: e.isActive('table'),
      canUndo: undoDepth(e.state) > 0,
      canRedo: redoDepth(e.state) > 0,
    }),
  });
  const button = (label: string, run: () => void, pressed?: boolean, disabled?: boolean, text?: string) => (
    <button type="button" className="button button--light skkn-tool" aria-label={label} title={label} aria-pressed={pressed} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {text ?? label}
    </button>
  );
  const ordered = orderReferences(references);
  const chain = () => editor.chain().focus();
  return (
    <div className="skkn-toolbar" role="toolbar" aria-label={t('skkn.editor.toolbar')}>
      {button(t('skkn.editor.heading'), () => chain().toggleHeading({ level: 3 }).run(), active.heading, false, 'H')}
      {button(t('skkn.editor.bold'), () => chain().toggleBold().run(), active.bold, false, 'B')}
      {button(t('skkn.editor.italic'), () => chain().toggleItalic().run(), active.italic, false, 'I')}
      {button(t('skkn.editor.bulletList'), () => chain().toggleBulletList().run(), active.bullet, false, '•≡')}
      {button(t('skkn.editor.orderedList'), () => chain().toggleOrderedList().run(), active.ordered, false, '1≡')}
      {button(t('skkn.editor.table'), () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), undefined, active.table, '▦')}
      {active.table ? (
        <>
          {button(t('skkn.editor.addRow'), () => chain().addRowAfter().run())}
          {button(t('skkn.editor.addColumn'), () => chain().addColumnAfter().run())}
          {button(t('skkn.editor.deleteRow'), () => chain().deleteRow().run())}
          {button(t('skkn.editor.deleteColumn'), () => chain().deleteColumn().run())}
          {button(t('skkn.editor.deleteTable'), () => chain().deleteTable().run())}
        </>
      ) : null}
      <select
        className="skkn-tool skkn-tool--select"
        aria-label={t('skkn.editor.citeLabel')}
        value=""
        disabled={ordered.length === 0}
        onChange={(event) => {
          const index = ordered.findIndex((r) => r.id === event.target.value);
          if (index < 0) return;
          chain()
            .insertContent({ type: 'text', text: `[${index + 1}]`, marks: [{ type: 'citeRef', attrs: { refId: ordered[index]!.id } }] })
            .run();
        }}
      >
        <option value="">{ordered.length === 0 ? t('skkn.editor.citeNone') : t('skkn.editor.cite')}</option>
        {ordered.map((reference, index) => (
          <option key={reference.id} value={reference.id}>
            [{index + 1}] {reference.authors ? `${reference.authors} – ` : ''}
            {reference.title}
          </option>
        ))}
      </select>
      {button(t('skkn.editor.undo'), () => chain().undo().run(), undefined, !active.canUndo, '↶')}
      {button(t('skkn.editor.redo'), () => chain().redo().run(), undefined, !active.canRedo, '↷')}
    </div>
  );
});

const SectionNotes = memo(function SectionNotes({ sectionId, notes: stored }: { sectionId: string; notes: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const id = useId();
  const [notes, setNotes] = useState(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const save = () => {
      clearTimeout(timer.current);
      if (pending.current !== null) void saveSectionNotes(db, sectionId, pending.current).catch(() => {});
      pending.current = null;
    };
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      save();
    };
  }, [db, sectionId]);
  return (
    <details className="skkn-notes" open={stored !== '' ? true : undefined}>
      <summary>{t('skkn.editor.notes')}</summary>
      <p id={`${id}-hint`} className="field__hint">
        {t('skkn.editor.notesHint')}
      </p>
      <textarea
        aria-label={t('skkn.editor.notes')}
        aria-describedby={`${id}-hint`}
        rows={3}
        value={notes}
        onChange={(event) => {
          setNotes(event.target.value);
          pending.current = event.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            if (pending.current !== null) void saveSectionNotes(db, sectionId, pending.current).catch(() => {});
            pending.current = null;
          }, 800);
        }}
      />
    </details>
  );
});

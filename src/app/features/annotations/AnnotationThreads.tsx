import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationAnchor, AnnotationTargetTable } from '../../../domain/annotations.ts';
import { addAnnotation, deleteAnnotation, editAnnotation, restoreAnnotation, type AnnotationPlace, type Author, type WriteAnnotationResult } from '../../db/annotations.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { formatDate } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';
import { threadsAt, type Thread } from './threads.ts';

interface Props {
  place: AnnotationPlace;
  targetTable: AnnotationTargetTable;
  targetId: string;
  anchor: AnnotationAnchor;
  /** Threads of the whole target (grouped once by the caller). */
  threads: readonly Thread[];
  me: Author | null;
  /** Whether the user may start a thread here (mentor, leader); the owner only replies. */
  canStart: boolean;
  /** Annotations shown as new (unread when the screen opened). */
  fresh: ReadonlySet<string>;
}

/** The annotation threads on one part of a record: read, reply, start (mentor), edit or delete one's own. */
export function AnnotationThreads({ place, targetTable, targetId, anchor, threads, me, canStart, fresh }: Props) {
  const { t } = useTranslation();
  const db = useDatabase();
  const here = threadsAt(threads, anchor);
  const [starting, setStarting] = useState(false);
  if (here.length === 0 && !canStart) return null;
  return (
    <div className="annotations">
      {here.map((thread) => (
        <ThreadView key={thread.id} thread={thread} place={place} me={me} fresh={fresh} />
      ))}
      {canStart && me ? (
        starting ? (
          <Composer
            label={t('annotations.newLabel')}
            submitLabel={t('annotations.send')}
            initial=""
            onCancel={() => setStarting(false)}
            onSubmit={(text) =>
              addAnnotation(db, place, { targetTable, targetId, anchor, threadId: null, text }, me).then((result) => {
                if (result.ok) setStarting(false);
                return result;
              })
            }
          />
        ) : (
          <button type="button" className="button button--light annotations__add" onClick={() => setStarting(true)}>
            {anchor.kind === 'whole' ? t('annotations.add') : t('annotations.addOn')}
          </button>
        )
      ) : null}
    </div>
  );
}

function ThreadView({ thread, place, me, fresh }: { thread: Thread; place: AnnotationPlace; me: Author | null; fresh: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [replying, setReplying] = useState(false);
  const root = thread.messages[0]!;
  return (
    <section className="thread" aria-label={t('annotations.heading')}>
      <ol className="thread__messages">
        {thread.messages.map((message) => (
          <MessageView key={message.id} message={message} place={place} me={me} fresh={fresh.has(message.id)} />
        ))}
      </ol>
      {me ? (
        replying ? (
          <Composer
            label={t('annotations.replyLabel', { name: root.authorName })}
            submitLabel={t('annotations.send')}
            initial=""
            onCancel={() => setReplying(false)}
            onSubmit={(text) =>
              addAnnotation(db, place, { targetTable: root.targetTable, targetId: root.targetId, anchor: root.anchor, threadId: thread.id, text }, me).then((result) => {
                if (result.ok) setReplying(false);
                return result;
              })
            }
          />
        ) : (
          <button type="button" className="button button--light" onClick={() => setReplying(true)}>
            {t('annotations.reply')}
          </button>
        )
      ) : null}
    </section>
  );
}

function MessageView({ message, place, me, fresh }: { message: Annotation; place: AnnotationPlace; me: Author | null; fresh: boolean }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // Deleted at once, with "Hoàn tác" in the notice: the record is put back as it was (same id), and
  // sync sends the delete and the put in order, so the other side ends with the note either way.
  async function remove(author: Author) {
    setDeleteError(null);
    try {
      const result = await deleteAnnotation(db, place, message, author);
      if (!result.ok) return setDeleteError(result.error);
      notify({
        message: t(message.threadId ? 'annotations.replyDeleted' : 'annotations.deleted'),
        action: {
          label: t('annotations.undo'),
          run: () => {
            void restoreAnnotation(db, place, message, author).then(
              () => notify({ message: t('annotations.restored') }),
              (err: unknown) => notify({ message: t(storageErrorKey(err)) }),
            );
          },
        },
      });
    } catch (err) {
      setDeleteError(storageErrorKey(err));
    }
  }
  const mine = me !== null && message.authorUserId === me.id;
  const time = new Date(message.createdAt);
  const when = `${formatDate(message.createdAt.slice(0, 10))} ${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
  return (
    <li className={fresh ? 'thread__message thread__message--new' : 'thread__message'}>
      <p className="thread__by">
        {fresh ? <span className="badge">{t('annotations.isNew')}</span> : null} {t('annotations.by', { name: mine ? t('annotations.you') : message.authorName, date: when })}
        {message.updatedAt !== message.createdAt ? ` ${t('annotations.edited')}` : ''}
      </p>
      {editing && me ? (
        <Composer
          label={t('annotations.editLabel')}
          submitLabel={t('annotations.save')}
          initial={message.text}
          onCancel={() => setEditing(false)}
          onSubmit={(text) =>
            editAnnotation(db, place, message, text, me).then((result) => {
              if (result.ok) setEditing(false);
              return result;
            })
          }
        />
      ) : (
        <>
          <p className="thread__text">{message.text}</p>
          {mine && me ? (
            <div className="thread__actions">
              <button type="button" className="button button--light" onClick={() => setEditing(true)}>
                {t('annotations.edit')}
              </button>
              <button type="button" className="button button--light" aria-label={t(message.threadId ? 'annotations.deleteReplyOf' : 'annotations.deleteOf', { date: when })} onClick={() => void remove(me)}>
                {t('annotations.delete')}
              </button>
            </div>
          ) : null}
          {deleteError ? (
            <p className="field__error" role="alert">
              {t(deleteError)}
            </p>
          ) : null}
        </>
      )}
    </li>
  );
}

interface ComposerProps {
  label: string;
  submitLabel: string;
  initial: string;
  onSubmit: (text: string) => Promise<WriteAnnotationResult>;
  onCancel: () => void;
}

function Composer({ label, submitLabel, initial, onSubmit, onCancel }: ComposerProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await onSubmit(text);
      if (!result.ok) setError(result.error);
      else notify({ message: t('annotations.saved') });
    } catch (err) {
      setError(storageErrorKey(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="thread__composer" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        autoFocus
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {t(error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('annotations.cancel')}
        </button>
      </div>
    </form>
  );
}

import type { Annotation, AnnotationAnchor } from '../../../domain/annotations.ts';

export interface Thread {
  id: string;
  anchor: AnnotationAnchor;
  /** The first annotation, then the replies, oldest first. */
  messages: Annotation[];
  last: Annotation;
}

export function sameAnchor(a: AnnotationAnchor, b: AnnotationAnchor): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'criterion' && b.kind === 'criterion') return a.code === b.code;
  if (a.kind === 'timelineRow' && b.kind === 'timelineRow') return a.rowId === b.rowId;
  return true;
}

const byCreated = (a: Annotation, b: Annotation) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);

/**
 * Threads of a set of annotations (one thread = a first annotation and the replies naming it), oldest
 * thread first. A reply whose first annotation is not (yet) here still shows, as its own thread.
 */
export function groupThreads(annotations: readonly Annotation[]): Thread[] {
  const groups = new Map<string, Annotation[]>();
  for (const a of [...annotations].sort(byCreated)) {
    const key = a.threadId ?? a.id;
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.entries()].map(([id, messages]) => {
    const root = messages.find((m) => m.id === id) ?? messages[0]!;
    return { id, anchor: root.anchor, messages, last: messages[messages.length - 1]! };
  });
}

export function threadsAt(threads: readonly Thread[], anchor: AnnotationAnchor): Thread[] {
  return threads.filter((t) => sameAnchor(t.anchor, anchor));
}

/** For a mentor: threads whose last message is the mentee's (waiting for the mentor) and the others. */
export function threadBalance(threads: readonly Thread[], userId: string): { waitingForMe: number; waitingForThem: number } {
  let waitingForMe = 0;
  let waitingForThem = 0;
  for (const thread of threads) {
    if (thread.last.authorUserId === userId) waitingForThem += 1;
    else waitingForMe += 1;
  }
  return { waitingForMe, waitingForThem };
}

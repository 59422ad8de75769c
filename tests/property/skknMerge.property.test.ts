import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/domain/richTextBlocks.ts';
import { mergeMutation, type StoredRecord } from '../../src/sync/merge.ts';
import type { Mutation } from '../../src/sync/protocol.ts';

/**
 * Two devices edit one SKKN section offline from the same text (changing, inserting and deleting
 * paragraphs), then push in either order through the server's merge. Every sentence typed on either
 * device must be in the section or in the conflict copy the teacher is shown; the first arrival's
 * text is always in the section; edits to different paragraphs never make a conflict copy.
 */

type Edit = { kind: 'change' | 'insert' | 'delete'; at: number };
const editArb: fc.Arbitrary<Edit> = fc.record({ kind: fc.constantFrom('change', 'insert', 'delete'), at: fc.nat({ max: 30 }) });
const paragraph = (text: string) => (text.startsWith('H:') ? `<h3>${text.slice(2)}</h3>` : `<p>${text}</p>`);

/** Applies edits to a paragraph list; new sentences are unique so they can be looked for afterwards. */
function applyEdits(paragraphs: string[], edits: readonly Edit[], device: string): { html: string; typed: string[] } {
  const list = [...paragraphs];
  const typed: string[] = [];
  edits.forEach((edit, n) => {
    const sentence = `Câu ${device}${n} của thiết bị ${device}.`;
    const at = list.length === 0 ? 0 : edit.at % (edit.kind === 'insert' ? list.length + 1 : list.length);
    if (edit.kind === 'insert' || list.length === 0) {
      list.splice(at, 0, paragraph(sentence));
      typed.push(sentence);
    } else if (edit.kind === 'change') {
      list[at] = list[at]!.replace(/<\/(p|h3)>$/, ` ${sentence}</$1>`);
      typed.push(sentence);
    } else {
      list.splice(at, 1);
    }
  });
  const html = list.join('');
  // A sentence the device itself deleted again was never meant to survive.
  return { html, typed: typed.filter((sentence) => html.includes(sentence)) };
}

const section = (content: string) => ({ id: 's1', skknId: 'k1', content, notes: '', updatedAt: '2026-11-01T00:00:00.000Z' });
const put = (mutationId: number, content: string, base: string): Mutation => ({
  mutationId,
  scopeId: 'scope',
  table: 'skknSections',
  recordId: 's1',
  op: 'put',
  fields: { content },
  base: { content: base },
});

function push(record: StoredRecord, mutation: Mutation, clientId: string) {
  const outcome = mergeMutation(record, mutation, { clientId, now: '2026-11-02T00:00:00.000Z' });
  if (outcome.kind !== 'write') throw new Error(`unexpected ${outcome.kind}`);
  return outcome;
}

const baseArb = fc.array(fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[<>&]/g, 'x')), { minLength: 0, maxLength: 12 }).map((texts) =>
  // Some paragraphs repeat (empty lines, equal headings): the merge must cope with equal blocks.
  texts.map((text, i) => paragraph(i % 5 === 4 ? 'H:Giải pháp' : `Đoạn gốc ${i} ${text}`)),
);

describe('paragraph-level merge of SKKN sections', () => {
  it('random concurrent paragraph edits on two devices: every typed sentence is in the section or in the conflict copy', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), fc.boolean(), (base, editsA, editsB, aFirst) => {
        const baseHtml = base.join('');
        const a = applyEdits(base, editsA, 'A');
        const b = applyEdits(base, editsB, 'B');
        const [first, second] = aFirst ? [a, b] : [b, a];
        const start: StoredRecord = { deleted: false, data: section(baseHtml) };
        const one = push(start, put(1, first.html, baseHtml), 'first');
        expect(one.conflict).toBeNull();
        const two = push(one.record, put(1, second.html, baseHtml), 'second');
        const kept = htmlToText(String(two.record.data.content));
        const copy = two.conflict ? htmlToText(two.conflict.fields.content ?? '') : '';
        for (const sentence of first.typed) expect(kept).toContain(sentence);
        for (const sentence of second.typed) expect(kept.includes(sentence) || copy.includes(sentence)).toBe(true);
        if (two.conflict) {
          // The copy shows what was kept beside the other device's whole text.
          expect(two.conflict.kept.content).toBe(two.record.data.content);
          expect(two.conflict.fields.content).toBe(second.html);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('edits to different paragraphs, neighbours included, merge without a conflict copy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.nat(), fc.boolean(), (count, x, y, aFirst) => {
        const base = Array.from({ length: count }, (_, i) => paragraph(`Đoạn ${i}.`));
        const i = x % count;
        const j = (i + 1 + (y % (count - 1))) % count;
        const a = applyEdits(base, [{ kind: 'change', at: i }], 'A');
        const b = applyEdits(base, [{ kind: 'change', at: j }], 'B');
        const [first, second] = aFirst ? [a, b] : [b, a];
        const baseHtml = base.join('');
        const one = push({ deleted: false, data: section(baseHtml) }, put(1, first.html, baseHtml), 'first');
        const two = push(one.record, put(2, second.html, baseHtml), 'second');
        expect(two.conflict).toBeNull();
        const text = htmlToText(String(two.record.data.content));
        expect(text).toContain(a.typed[0]);
        expect(text).toContain(b.typed[0]);
        expect(text.split('\n')).toHaveLength(count);
      }),
      { numRuns: 200 },
    );
  });

  it('the same paragraph changed on both devices: one version kept, the other whole in a conflict copy', () => {
    const base = '<p>Một.</p><p>Hai.</p><p>Ba.</p>';
    const one = push({ deleted: false, data: section(base) }, put(1, '<p>Một.</p><p>Hai, máy A.</p><p>Ba.</p>', base), 'a');
    const two = push(one.record, put(1, '<p>Một, máy B.</p><p>Hai, máy B.</p><p>Ba.</p>', base), 'b');
    // B's change to "Một" has no rival and applies; "Hai" keeps A's text and B's goes to the copy.
    expect(two.record.data.content).toBe('<p>Một, máy B.</p><p>Hai, máy A.</p><p>Ba.</p>');
    expect(two.conflict?.fields.content).toBe('<p>Một, máy B.</p><p>Hai, máy B.</p><p>Ba.</p>');
    expect(two.conflict?.kept.content).toBe('<p>Một, máy B.</p><p>Hai, máy A.</p><p>Ba.</p>');
  });

  it('other long texts keep the whole-field rule', () => {
    const notes = push({ deleted: false, data: { ...section(''), notes: 'Việc cần làm: A' } }, { mutationId: 1, scopeId: 'scope', table: 'skknSections', recordId: 's1', op: 'put', fields: { notes: 'Việc cần làm: B' }, base: { notes: 'Việc' } }, 'b');
    expect(notes.record.data.notes).toBe('Việc cần làm: A');
    expect(notes.conflict?.fields.notes).toBe('Việc cần làm: B');
  });
});

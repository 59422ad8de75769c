import type { BdtxProgramCode } from '../../../domain/catalogs/bdtx.ts';
import type { TrainingFormCode } from '../../../domain/catalogs/trainingForms.ts';
import type { Entry, EntryInput } from '../../../domain/records.ts';
import type { MetaValues } from '../../db/meta.ts';
import { formatPeriods } from '../../ui/format.ts';

/** What the inputs hold: strings, as typed, so nothing the teacher typed is reformatted under her. */
export interface EntryFormValues {
  date: string;
  content: string;
  form: string;
  bdtxProgram: string;
  module: string;
  periods: string;
  source: string;
  result: string;
  evidence: string;
  note: string;
}

export type EntryField = keyof EntryFormValues;

/** Order of the fields on screen: the first invalid one in this order gets focus. */
export const ENTRY_FIELDS: readonly EntryField[] = ['date', 'content', 'form', 'bdtxProgram', 'module', 'periods', 'source', 'result', 'evidence', 'note'];

export function newEntryValues(today: string, last: MetaValues['lastEntryForm'] | undefined): EntryFormValues {
  return {
    date: today,
    content: '',
    form: last?.form ?? 'tu-hoc',
    bdtxProgram: last?.bdtxProgram ?? '',
    module: last?.module ?? '',
    periods: last ? formatPeriods(last.periods) : '',
    source: '',
    result: '',
    evidence: '',
    note: '',
  };
}

export function entryValues(entry: Entry): EntryFormValues {
  return {
    date: entry.date,
    content: entry.content,
    form: entry.form,
    bdtxProgram: entry.bdtxProgram ?? '',
    module: entry.module ?? '',
    periods: formatPeriods(entry.periods),
    source: entry.source,
    result: entry.result,
    evidence: entry.evidence,
    note: entry.note,
  };
}

/** "1,5" and "1.5" both mean one and a half tiết; an empty box is not a number. */
export function parsePeriods(value: string): number {
  const trimmed = value.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

export function toEntryInput(values: EntryFormValues): EntryInput {
  const program = values.bdtxProgram === '' ? null : (values.bdtxProgram as BdtxProgramCode);
  return {
    date: values.date,
    content: values.content,
    form: values.form as TrainingFormCode,
    bdtxProgram: program,
    module: program === '03' && values.module !== '' ? values.module : null,
    periods: parsePeriods(values.periods),
    source: values.source,
    result: values.result,
    evidence: values.evidence,
    note: values.note,
  };
}

import { z } from 'zod';
import { MAX_TEXT_LENGTH } from './recordRules.ts';
import { normalizeLine, normalizeText } from './text.ts';

/**
 * A leader's "Xác nhận" of a teacher's semester (issue #7): a separate record in the teacher's scope,
 * written by the leader (authorUserId), never by the teacher. logbookRev is the revision of the
 * teacher's scope the leader had seen; records changed after it are "đã sửa sau khi xác nhận".
 */
const id = z.string().min(1).max(64);
const timestamp = z.string().datetime({ offset: true });

export const CONFIRMER_ROLES = ['toTruong', 'hieuTruong'] as const;
export type ConfirmerRole = (typeof CONFIRMER_ROLES)[number];

export const confirmationSchema = z.object({
  id: id,
  schoolYearId: id,
  semester: z.enum(['HK1', 'HK2']),
  authorUserId: id,
  authorName: z.string().max(200).transform(normalizeLine),
  authorRole: z.enum(CONFIRMER_ROLES),
  remark: z.string().max(MAX_TEXT_LENGTH, 'errors.tooLong').transform(normalizeText),
  logbookRev: z.number().int().nonnegative(),
  confirmedAt: timestamp,
  updatedAt: timestamp,
});
export type Confirmation = z.infer<typeof confirmationSchema>;

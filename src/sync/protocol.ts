import { z } from 'zod';
import { LOGBOOK_SCHEMA_VERSION } from '../domain/records.ts';
import type { DirectoryUser, SchoolSettings } from '../domain/schoolSettings.ts';
import { SYNC_TABLE_NAMES, type SyncTable } from './tables.ts';

/**
 * The sync wire protocol shared by the app's sync engine and the server (docs/sync.md explains it;
 * docs/api.md lists every endpoint). Everything a client sends is parsed with these schemas on the
 * server; the client may parse responses with them too.
 *
 * One round trip: `POST /api/sync` pushes the device's outbox (mutations) and pulls what changed
 * since the client's cursors. The client loops while `hasMore` is true, applying each page together
 * with its cursors in one local transaction.
 */

/** The oldest client schema the server still accepts; older clients get HTTP 426. */
export const MIN_CLIENT_SCHEMA_VERSION = 2;
/** The newest client schema this server understands; newer clients get HTTP 409 (update the server). */
export const MAX_CLIENT_SCHEMA_VERSION = LOGBOOK_SCHEMA_VERSION;

export const MAX_MUTATIONS_PER_REQUEST = 500;
/** Scopes a request may name in `cursors`. */
export const MAX_SCOPES_PER_REQUEST = 500;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/** Request bodies above this many bytes are refused with 413. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A pull page stops adding records once it holds about this many bytes of record JSON. */
export const PULL_PAGE_BYTES = 4 * 1024 * 1024;
/** Tombstones (deleted records) are kept at least this long; older cursors must resync. */
export const TOMBSTONE_DAYS = 180;

/** Client-chosen id of one device/browser profile: stable for the life of its local database. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const scopeIdSchema = z.string().min(1).max(64);
/** Record ids: client UUIDs, or server-made conflict-copy ids (`recordId~clientId~mutationId`). */
export const recordIdSchema = z.string().min(1).max(200);

/**
 * One local edit from the outbox.
 * - `mutationId`: per-device, strictly increasing (the outbox `seq` works). The server remembers the
 *   last one it processed per (user, clientId); anything at or below it is answered `duplicate`.
 * - `put`: `fields` holds the changed fields (all fields when the record is new). For every long-text
 *   field in `fields` (see SYNC_TABLES[table].longText), `base` holds the value the edit started from
 *   (omit it, or send null, when the record was new on this device).
 * - `delete`: leaves a tombstone; a later `put` of the same record brings it back.
 */
export const mutationSchema = z.discriminatedUnion('op', [
  z.object({
    mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    scopeId: scopeIdSchema,
    table: z.enum(SYNC_TABLE_NAMES),
    recordId: recordIdSchema,
    op: z.literal('put'),
    fields: z.record(z.string().max(64), z.unknown()),
    base: z.record(z.string().max(64), z.string().nullable()).optional(),
  }),
  z.object({
    mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    scopeId: scopeIdSchema,
    table: z.enum(SYNC_TABLE_NAMES),
    recordId: recordIdSchema,
    op: z.literal('delete'),
  }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
export type PutMutation = Extract<Mutation, { op: 'put' }>;

export const syncRequestSchema = z.object({
  clientId: clientIdSchema,
  /** The client's LOGBOOK_SCHEMA_VERSION. */
  schemaVersion: z.number().int().nonnegative(),
  mutations: z.array(mutationSchema).max(MAX_MUTATIONS_PER_REQUEST),
  /**
   * Last revision received per scope (0 or absent: nothing yet). The server always includes the
   * user's own logbook scope; other readable scopes (a mentee's, a tổ member's) are pulled only when
   * named here.
   */
  // A ban giám hiệu names every logbook of her school: room for a large school.
  cursors: z.record(scopeIdSchema, z.number().int().nonnegative()).refine((c) => Object.keys(c).length <= MAX_SCOPES_PER_REQUEST, 'too many scopes'),
  /** Page size wish, capped by MAX_PULL_LIMIT. */
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).optional(),
  /** `school.version` of the client's copy of the school context; the answer carries `school` when it differs. */
  schoolVersion: z.string().max(40).optional(),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/** Codes of a permanently rejected mutation: the client removes it from the outbox and tells the teacher. */
export const REJECTION_CODES = [
  'forbidden', // no write access to this table of this logbook (docs/sync.md, write rules), or no such scope
  'invalid_record', // the merged record fails the table's schema
  'invalid_id', // e.g. a profile whose id is not 'profile'
  'read_only_table', // clients cannot put into this table (conflicts)
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type MutationResult =
  /** Applied now; `rev` is the record's new revision (absent when nothing changed, e.g. deleting a missing record). */
  | {
      mutationId: number;
      status: 'applied';
      rev?: number;
      /** Some long-text fields were kept as on the server; the other values are in this conflict copy. */
      conflictId?: string;
      /** The record had been deleted elsewhere; this edit brought it back. */
      resurrected?: boolean;
      notice?: string;
    }
  /** Already processed in an earlier request (a retry): drop it from the outbox. */
  | { mutationId: number; status: 'duplicate' }
  /** Permanently refused: drop it from the outbox and show `message`. Never retried. */
  | { mutationId: number; status: 'rejected'; code: RejectionCode; message: string };

/** One record as it is now on the server. `record` is null for a tombstone (deleted). */
export interface Change {
  scopeId: string;
  rev: number;
  table: SyncTable;
  id: string;
  deleted: boolean;
  record: Record<string, unknown> | null;
}

/**
 * How the user reads a scope (docs/sync.md, access levels): 'owner' every table; 'leader' (ban giám
 * hiệu, or tổ trưởng of the owner's tổ) every table but conflict copies; 'mentor' (assigned to the
 * owner, not a leader over her) the tables with `mentorReads` in SYNC_TABLES.
 */
export type ScopeAccess = 'owner' | 'leader' | 'mentor';

export interface ScopeInfo {
  scopeId: string;
  ownerId: string;
  ownerName: string;
  /** When it changes for a scope the client already pulled, the client restarts that scope from 0. */
  access: ScopeAccess;
  /** The owner's last push from any of her devices (ISO), or null when she never synced. */
  ownerLastSyncAt?: string | null;
  /**
   * True when the client's cursor for this scope was older than the tombstone horizon (or ahead of the
   * server): this response restarts the scope from revision 0. Once the client has paged to the end
   * (hasMore false), it removes local records of the scope that it did not receive and that have no
   * pending outbox row. It never drops its outbox.
   */
  resync?: boolean;
}

export interface SyncResponse {
  results: MutationResult[];
  /** Ordered by scope, then by rev. */
  changes: Change[];
  /** The cursor to send next time, per scope pulled. */
  cursors: Record<string, number>;
  /** More changes are waiting: send another request (with no mutations, or the next outbox batch). */
  hasMore: boolean;
  /** Every scope the user may read, with per-scope flags. */
  scopes: ScopeInfo[];
  /** Scopes named in `cursors` that the user may not (or no longer) read: forget them. */
  denied: string[];
  serverTime: string;
  /** The school context, present when the request's `schoolVersion` differs from the server's. */
  school?: SchoolContext;
}

/** A colleague named in the user's mentor pairs. */
export interface MentorshipPeer {
  userId: string;
  fullName: string;
  department: string;
}

/**
 * What the app needs of the school offline: its settings, the directory of its users (active and
 * not), and the caller's mentor pairs. `version` changes with every users/roles/mentorships/settings
 * change of the school.
 */
export interface SchoolContext {
  version: string;
  schoolId: string;
  schoolName: string;
  settings: SchoolSettings;
  directory: DirectoryUser[];
  mentorships: { mentees: MentorshipPeer[]; mentors: MentorshipPeer[] };
}

/** One mentor pair of the school for one school year (GET /api/admin/mentorships). */
export interface MentorshipInfo {
  mentorId: string;
  mentorName: string;
  teacherId: string;
  teacherName: string;
  /** Opening calendar year of the pair's school year (2025 for 2025–2026). */
  year: number;
  createdAt: string;
}

/** GET /api/admin/mentorships?year=: the pairs of one school year, and which years have pairs. */
export interface MentorshipList {
  year: number;
  /** The school's current school year: its pairs grant access. */
  currentYear: number;
  /** Years with at least one pair, and the current year, newest first. */
  years: number[];
  mentorships: MentorshipInfo[];
}

/** JSON error body of every non-2xx answer. */
export interface ApiErrorBody {
  error: {
    code: string;
    /** Vietnamese, ready to show. */
    message: string;
    /** For 429: seconds until a retry may succeed. */
    retryAfterSeconds?: number;
    /** For 426: the oldest schema the server accepts. */
    minSchemaVersion?: number;
    /** For 400: which fields were wrong. */
    issues?: Array<{ path: string; message: string }>;
  };
}

/** Error codes (HTTP status in brackets). Messages are in Vietnamese; see docs/api.md. */
export const ERROR_CODES = {
  invalid_request: 400,
  unauthorized: 401,
  account_disabled: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  server_too_old: 409,
  username_taken: 409,
  too_large: 413,
  client_too_old: 426,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** Roles (a user may hold several). leader with department '' = ban giám hiệu; with a tổ = tổ trưởng. */
export const ROLES = ['teacher', 'mentor', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 8;
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch.');

export const loginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});
export const activateRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  code: z.string().trim().min(1).max(40),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`).max(200),
});

export interface UserInfo {
  id: string;
  schoolId: string;
  schoolName: string;
  username: string;
  fullName: string;
  department: string;
  roles: Array<{ role: Role; department: string }>;
  active: boolean;
  /** The user's own logbook scope (teachers), else null. */
  scopeId: string | null;
}

/** Answer of login and activate. Send the token as `Authorization: Bearer <token>`. */
export interface SessionResponse {
  token: string;
  /** The session ends after this many days without use. */
  idleDays: number;
  user: UserInfo;
}

export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  /** For leader: '' = ban giám hiệu (whole school), a tổ name = tổ trưởng of that tổ. Ignored otherwise. */
  department: z.string().trim().max(100).optional(),
});

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  fullName: z.string().trim().min(1).max(200),
  /** The user's tổ chuyên môn (e.g. 'Toán - Tin'). */
  department: z.string().trim().max(100).default(''),
  roles: z.array(roleGrantSchema).min(1).max(8),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  fullName: z.string().trim().min(1).max(200).optional(),
  department: z.string().trim().max(100).optional(),
  roles: z.array(roleGrantSchema).min(1).max(8).optional(),
  active: z.boolean().optional(),
});

/** A school year by its opening calendar year; absent = the school's current year. */
const pairYear = z.coerce.number().int().min(2000).max(2099).optional();
export const mentorshipRequestSchema = z.object({ mentorId: z.string().min(1).max(64), teacherId: z.string().min(1).max(64), year: pairYear });
export const mentorshipYearQuerySchema = z.object({ year: pairYear });
/** POST /api/admin/mentorships/copy: last year's pairs (or `from`'s) into `to` (default: the current year). */
export const mentorshipCopySchema = z.object({ from: pairYear, to: pairYear });

/** Answer of creating a user or resetting a password: give the code to the person, once. */
export interface ActivationResponse {
  user: UserInfo;
  activationCode: string;
  expiresAt: string;
}

import type { Generated, Kysely } from 'kysely';

/**
 * Tables of the server store, as of the latest migration. Times are epoch milliseconds, booleans are
 * 0/1 integers and record data is JSON text, so the same queries run on SQLite and PostgreSQL.
 */
export interface Database {
  /** settings (since migration 3): JSON over DEFAULT_SCHOOL_SETTINGS; version: bumped by every users/roles/mentorships/settings change. */
  schools: { id: string; name: string; created_at: number; settings: Generated<string>; version: Generated<number> };
  users: {
    id: string;
    school_id: string;
    username: string;
    full_name: string;
    /** The tổ chuyên môn the user belongs to ('' when none). */
    department: string;
    password_hash: string | null;
    activation_hash: string | null;
    activation_expires_at: number | null;
    active: number;
    created_at: number;
  };
  /** Since migration 2. leader with department '' = ban giám hiệu; otherwise tổ trưởng of that tổ. */
  user_roles: { user_id: string; role: string; department: string };
  /**
   * Since migration 2: a mentor may read the logbook of the teachers assigned to her. Since migration 5
   * per school year (start_year = the year's opening calendar year); only the current year's pairs grant access.
   */
  mentorships: { mentor_id: string; teacher_id: string; start_year: number; created_at: number };
  sessions: { token_hash: string; user_id: string; created_at: number; last_used_at: number; revoked_at: number | null };
  /** One logbook scope per teacher. rev: last revision given out; purged_rev: newest purged tombstone. */
  scopes: { id: string; school_id: string; owner_id: string; rev: number; purged_rev: number; created_at: number };
  records: {
    scope_id: string;
    tbl: string;
    record_id: string;
    rev: number;
    deleted: number;
    data: string;
    updated_at: number;
    deleted_at: number | null;
  };
  /** Last mutation processed per (user, device). */
  devices: { user_id: string; client_id: string; last_mutation_id: number; last_seen_at: number };
  /** Since migration 4: who did what, when (insert only). detail is JSON text. */
  audit_log: {
    id: string;
    school_id: string;
    at: number;
    action: string;
    actor_id: string | null;
    actor_name: string;
    target_id: string | null;
    target_name: string;
    detail: string;
    ip: string | null;
  };
}

export type Db = Kysely<Database>;

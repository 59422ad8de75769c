import { Migrator, sql, SqliteAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { DEFAULT_SCHOOL_SETTINGS, parseSchoolSettings, schoolCurrentYear } from '../../domain/schoolSettings.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the schema of their own time, not today's types. */

/**
 * Schema migrations, run at start in order (Kysely Migrator). Never edit a shipped migration: add one.
 * Each is tested from data of the version before (tests/server/migrations.test.ts).
 */
const v1: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('schools')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
      .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
      // Version 1 kept roles as a comma-separated list ('teacher,leader'); leader meant ban giám hiệu.
      .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('password_hash', 'text')
      .addColumn('activation_hash', 'text')
      .addColumn('activation_expires_at', 'bigint')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_school').on('users').column('school_id').execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('scopes')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
      .addColumn('owner_id', 'varchar(64)', (c) => c.notNull().unique().references('users.id'))
      .addColumn('rev', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('records')
      .addColumn('scope_id', 'varchar(64)', (c) => c.notNull().references('scopes.id'))
      .addColumn('tbl', 'varchar(40)', (c) => c.notNull())
      .addColumn('record_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('rev', 'bigint', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .addPrimaryKeyConstraint('records_pk', ['scope_id', 'tbl', 'record_id'])
      .execute();
    // Pulls read `WHERE scope_id = ? AND rev > ? ORDER BY rev`: this index answers them.
    await db.schema.createIndex('records_scope_rev').on('records').columns(['scope_id', 'rev']).unique().execute();
    await db.schema
      .createTable('devices')
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('client_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('last_mutation_id', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('devices_pk', ['user_id', 'client_id'])
      .execute();
  },
};

/**
 * Version 2: roles move to their own table so a leader can be tổ trưởng of one tổ (department) or ban
 * giám hiệu (department ''); mentorships; tombstone purge horizon per scope; an index for the purge.
 */
const v2: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('user_roles')
      .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      .addColumn('department', 'varchar(100)', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role', 'department'])
      .execute();
    const users = await db.selectFrom('users').select(['id', 'roles']).execute();
    for (const user of users as Array<{ id: string; roles: string }>) {
      const roles = [...new Set(user.roles.split(',').map((r) => r.trim()).filter(Boolean))];
      for (const role of roles) {
        await db.insertInto('user_roles').values({ user_id: user.id, role, department: '' }).execute();
      }
    }
    await db.schema.alterTable('users').dropColumn('roles').execute();
    await db.schema
      .createTable('mentorships')
      .addColumn('mentor_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('teacher_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('mentorships_pk', ['mentor_id', 'teacher_id'])
      .execute();
    await db.schema.alterTable('scopes').addColumn('purged_rev', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('records_tombstones').on('records').columns(['deleted', 'deleted_at']).execute();
  },
};

/**
 * Version 3 (scopes): school settings (JSON over DEFAULT_SCHOOL_SETTINGS) and a version counter that a
 * sync answer compares with the client's copy of the school context. Triggers bump the counter on
 * every change of the school's users, roles and mentor pairs, whoever makes it (server, admin CLI,
 * a future endpoint); updateSchoolSettings bumps it with the settings. Scope lists look mentorships up
 * by teacher too.
 */
const v3: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('schools').addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
    await db.schema.alterTable('schools').addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.createIndex('mentorships_teacher').on('mentorships').column('teacher_id').execute();
    const bumpFor = (userIdExpr: string) => `UPDATE schools SET version = version + 1 WHERE id = (SELECT school_id FROM users WHERE id = ${userIdExpr})`;
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      const triggers: Array<[string, string, string]> = [
        ['users_school_version_ins', 'AFTER INSERT ON users', 'UPDATE schools SET version = version + 1 WHERE id = NEW.school_id'],
        ['users_school_version_upd', 'AFTER UPDATE OF full_name, department, active, school_id ON users', 'UPDATE schools SET version = version + 1 WHERE id IN (NEW.school_id, OLD.school_id)'],
        ['roles_school_version_ins', 'AFTER INSERT ON user_roles', bumpFor('NEW.user_id')],
        ['roles_school_version_del', 'AFTER DELETE ON user_roles', bumpFor('OLD.user_id')],
        ['mentorships_school_version_ins', 'AFTER INSERT ON mentorships', bumpFor('NEW.teacher_id')],
        ['mentorships_school_version_del', 'AFTER DELETE ON mentorships', bumpFor('OLD.teacher_id')],
      ];
      for (const [name, when, body] of triggers) await sql.raw(`CREATE TRIGGER ${name} ${when} FOR EACH ROW BEGIN ${body}; END`).execute(db);
      return;
    }
    await sql
      .raw(
        `CREATE FUNCTION sbd_bump_school_version() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE uid varchar(64);
        BEGIN
          IF TG_TABLE_NAME = 'users' THEN
            UPDATE schools SET version = version + 1 WHERE id = NEW.school_id;
            IF TG_OP = 'UPDATE' AND OLD.school_id <> NEW.school_id THEN
              UPDATE schools SET version = version + 1 WHERE id = OLD.school_id;
            END IF;
            RETURN NULL;
          END IF;
          IF TG_OP = 'DELETE' THEN
            IF TG_TABLE_NAME = 'user_roles' THEN uid := OLD.user_id; ELSE uid := OLD.teacher_id; END IF;
          ELSE
            IF TG_TABLE_NAME = 'user_roles' THEN uid := NEW.user_id; ELSE uid := NEW.teacher_id; END IF;
          END IF;
          ${bumpFor('uid')};
          RETURN NULL;
        END $$`,
      )
      .execute(db);
    await sql.raw('CREATE TRIGGER users_school_version AFTER INSERT OR UPDATE OF full_name, department, active, school_id ON users FOR EACH ROW EXECUTE FUNCTION sbd_bump_school_version()').execute(db);
    await sql.raw('CREATE TRIGGER roles_school_version AFTER INSERT OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION sbd_bump_school_version()').execute(db);
    await sql.raw('CREATE TRIGGER mentorships_school_version AFTER INSERT OR DELETE ON mentorships FOR EACH ROW EXECUTE FUNCTION sbd_bump_school_version()').execute(db);
  },
};

/**
 * Version 4 (leaders): the audit log. Rows are only ever inserted (no endpoint updates or deletes
 * them), each in the same transaction as the action it records. Reads filter by school and time,
 * optionally by action or by the user who acted or was acted on.
 */
const v4: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('school_id', 'varchar(64)', (c) => c.notNull().references('schools.id'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('action', 'varchar(40)', (c) => c.notNull())
      .addColumn('actor_id', 'varchar(64)')
      .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('target_id', 'varchar(64)')
      .addColumn('target_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('ip', 'varchar(64)')
      .execute();
    await db.schema.createIndex('audit_school_at').on('audit_log').columns(['school_id', 'at']).execute();
    await db.schema.createIndex('audit_school_action_at').on('audit_log').columns(['school_id', 'action', 'at']).execute();
    await db.schema.createIndex('audit_actor_at').on('audit_log').columns(['actor_id', 'at']).execute();
    await db.schema.createIndex('audit_target_at').on('audit_log').columns(['target_id', 'at']).execute();
  },
};

/**
 * Version 5: mentor pairs belong to a school year (start_year, the year's opening calendar year).
 * A pair grants access only while its year is the school's current one (scopeAccess.ts). Existing
 * pairs are given their school's current year at the time of the upgrade (schoolCurrentYear: the
 * school's semester dates when set, else the calendar rule), so nobody loses access by upgrading.
 * SQLite cannot change a primary key: the table is rebuilt, with its index and its version triggers.
 */
const v5: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('mentorships_v5')
      .addColumn('mentor_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('teacher_id', 'varchar(64)', (c) => c.notNull().references('users.id'))
      .addColumn('start_year', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('mentorships_year_pk', ['mentor_id', 'teacher_id', 'start_year'])
      .execute();
    const now = Date.now();
    const schools = (await db.selectFrom('schools').select(['id', 'settings']).execute()) as Array<{ id: string; settings: string }>;
    const yearOf = new Map(schools.map((school) => [school.id, schoolCurrentYear(now, parseSchoolSettings(school.settings))]));
    const pairs = (await db
      .selectFrom('mentorships as m')
      .innerJoin('users as t', 't.id', 'm.teacher_id')
      .select(['m.mentor_id', 'm.teacher_id', 'm.created_at', 't.school_id'])
      .execute()) as Array<{ mentor_id: string; teacher_id: string; created_at: number | string; school_id: string }>;
    for (const p of pairs) {
      const startYear = yearOf.get(p.school_id) ?? schoolCurrentYear(now, DEFAULT_SCHOOL_SETTINGS);
      await db.insertInto('mentorships_v5').values({ mentor_id: p.mentor_id, teacher_id: p.teacher_id, start_year: startYear, created_at: Number(p.created_at) }).execute();
    }
    await db.schema.dropTable('mentorships').execute();
    await db.schema.alterTable('mentorships_v5').renameTo('mentorships').execute();
    await db.schema.createIndex('mentorships_teacher').on('mentorships').columns(['teacher_id', 'start_year']).execute();
    // Listing a school's pairs of one year, and a mentor's pairs of the current year.
    await db.schema.createIndex('mentorships_mentor_year').on('mentorships').columns(['mentor_id', 'start_year']).execute();
    const bump = `UPDATE schools SET version = version + 1 WHERE id = (SELECT school_id FROM users WHERE id = %)`;
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      await sql.raw(`CREATE TRIGGER mentorships_school_version_ins AFTER INSERT ON mentorships FOR EACH ROW BEGIN ${bump.replace('%', 'NEW.teacher_id')}; END`).execute(db);
      await sql.raw(`CREATE TRIGGER mentorships_school_version_del AFTER DELETE ON mentorships FOR EACH ROW BEGIN ${bump.replace('%', 'OLD.teacher_id')}; END`).execute(db);
      return;
    }
    // sbd_bump_school_version (migration 3) reads teacher_id of any table other than user_roles.
    await sql.raw('CREATE TRIGGER mentorships_school_version AFTER INSERT OR DELETE ON mentorships FOR EACH ROW EXECUTE FUNCTION sbd_bump_school_version()').execute(db);
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': v1,
  '0002_roles_mentorships_purge': v2,
  '0003_school_settings_version': v3,
  '0004_audit_log': v4,
  '0005_mentorships_per_year': v5,
};
export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).length;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Migrates up to `target` migrations (default: all). Returns the schema version reached. */
export async function migrate(db: Kysely<any>, target = LATEST_SCHEMA_VERSION): Promise<number> {
  const names = Object.keys(MIGRATIONS).slice(0, target);
  const migrator = new Migrator({ db, provider: new StaticProvider(Object.fromEntries(names.map((n) => [n, MIGRATIONS[n]!]))) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return schemaVersion(db);
}

/** Number of migrations applied (0 for an empty database). */
export async function schemaVersion(db: Kysely<any>): Promise<number> {
  try {
    const row = await sql<{ n: number | string }>`select count(*) as n from kysely_migration`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': v1,
  '0002_roles_mentorships_purge': v2,
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

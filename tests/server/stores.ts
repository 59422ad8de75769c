import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { connect, type Connection } from '../../src/server/db/connect.ts';

/**
 * The store matrix: every server suite runs on SQLite, and on PostgreSQL when DATABASE_URL points
 * at one or a server answers on 127.0.0.1:5432 (user postgres). Each test file creates its own
 * database (sbd_test_<random>) and drops it at the end. REQUIRE_POSTGRES=1 turns a missing
 * PostgreSQL into a failure.
 */
export type StoreKind = 'sqlite' | 'postgres';

const adminUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const hasPostgres = await postgresAnswers();
if (!hasPostgres) {
  const banner = [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!!  PostgreSQL SUITE DID NOT RUN: no server at DATABASE_URL or 127.0.0.1:5432  !!',
    '!!  Only SQLite was tested. Set REQUIRE_POSTGRES=1 to make this a failure.      !!',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}`);
  console.warn(banner);
}

export const STORES: StoreKind[] = hasPostgres ? ['sqlite', 'postgres'] : ['sqlite'];

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Registers beforeAll/afterAll for `kind` and returns `fresh()`, which gives an empty store for one
 * test (SQLite: a new in-memory database; PostgreSQL: the file's database with its schema wiped).
 */
export function storeFactory(kind: StoreKind): { fresh: () => Promise<Connection>; databaseUrl: () => string } {
  const name = `sbd_test_${randomBytes(6).toString('hex')}`;
  let open: Connection[] = [];
  if (kind === 'postgres') {
    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
    });
    afterAll(async () => {
      await Promise.all(open.map((c) => c.close()));
      open = [];
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
  } else {
    afterAll(async () => {
      await Promise.all(open.map((c) => c.close()));
      open = [];
    });
  }
  return {
    databaseUrl: () => databaseUrl(name),
    async fresh() {
      await Promise.all(open.map((c) => c.close()));
      open = [];
      let conn: Connection;
      if (kind === 'postgres') {
        conn = connect({ databaseUrl: databaseUrl(name) });
        const client = new pg.Client({ connectionString: databaseUrl(name) });
        await client.connect();
        await client.query('drop schema if exists public cascade; create schema public;');
        await client.end();
      } else {
        conn = connect({ sqliteFile: ':memory:' });
      }
      open.push(conn);
      return conn;
    },
  };
}

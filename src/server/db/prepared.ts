import { sql, type Compilable, type CompiledQuery, type Expression, type RawBuilder } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { StoreKind } from './connect.ts';
import type { Db } from './schema.ts';

/**
 * Queries built with Kysely once per connection and then run with new parameters: building and
 * compiling a query costs more than SQLite takes to run the small ones of the sync hot path.
 * `defineQuery` takes a builder that names its parameters with `p('name')` (or `p.list('name')` for an
 * array compared with `inList`); the compiled SQL is the dialect's own, so the same definition runs on
 * SQLite and PostgreSQL. A QueryRunner (Connection.query, or the second argument of writeTransaction)
 * runs it: on SQLite straight on the better-sqlite3 statement, on PostgreSQL through Kysely's executor.
 */

const MARK = '\u0000sbd-param\u0000';
const LIST = '\u0000list';

/** Placeholders for a query's parameters while it is compiled once. */
export interface ParamFn<P> {
  <K extends keyof P & string>(name: K): P[K];
  /** An array parameter, for `inList`. */
  list<K extends keyof P & string>(name: K): RawBuilder<unknown>;
}

type Slot = { name: string; list: boolean } | { value: unknown };

/** One query compiled for one connection's dialect. */
export class CompiledStatement<P, R> {
  readonly sql: string;
  private readonly slots: Slot[];
  private readonly constant: boolean;
  /** SQLite: the prepared statement, made on first use. */
  statement?: BetterSqlite3.Statement;
  constructor(
    readonly compiled: CompiledQuery<R>,
    private readonly kind: StoreKind,
  ) {
    this.sql = compiled.sql;
    this.slots = compiled.parameters.map((value) => {
      if (typeof value === 'string' && value.startsWith(MARK)) {
        const rest = value.slice(MARK.length);
        const list = rest.endsWith(LIST);
        return { name: list ? rest.slice(0, -LIST.length) : rest, list };
      }
      return { value };
    });
    this.constant = this.slots.every((s) => 'value' in s);
  }

  parameters(params: P): unknown[] {
    if (this.constant) return this.compiled.parameters as unknown[];
    const values = params as Record<string, unknown>;
    return this.slots.map((slot) => {
      if ('value' in slot) return slot.value;
      const value = values[slot.name];
      if (value === undefined) throw new Error(`query parameter "${slot.name}" is missing`);
      // SQLite reads a list through json_each(?); PostgreSQL binds the array itself.
      return slot.list && this.kind === 'sqlite' ? JSON.stringify(value) : value;
    });
  }
}

export class QueryDef<P, R> {
  private readonly byDb = new WeakMap<Db, CompiledStatement<P, R>>();
  constructor(
    readonly name: string,
    private readonly build: (db: Db, p: ParamFn<P>, kind: StoreKind) => Compilable<R>,
  ) {}

  /** The query compiled for `db` (the connection's Kysely instance; transactions share its dialect). */
  on(db: Db, kind: StoreKind): CompiledStatement<P, R> {
    let compiled = this.byDb.get(db);
    if (!compiled) {
      const p = ((name: string) => `${MARK}${name}`) as ParamFn<P>;
      p.list = (name: string) => {
        const marker = `${MARK}${name}${LIST}`;
        return sql`${marker}`;
      };
      compiled = new CompiledStatement(this.build(db, p, kind).compile(), kind);
      this.byDb.set(db, compiled);
    }
    return compiled;
  }
}

/**
 * A query compiled once per connection. `build` must not branch on parameter values (they are
 * placeholders); it may branch on `kind` (FOR UPDATE on PostgreSQL, list syntax).
 */
export function defineQuery<P = Record<string, never>, R = unknown>(name: string, build: (db: Db, p: ParamFn<P>, kind: StoreKind) => Compilable<R>): QueryDef<P, R> {
  return new QueryDef(name, build);
}

/** `ref IN (the list parameter)`, in the dialect's own form. */
export function inList(kind: StoreKind, ref: Expression<unknown> | RawBuilder<unknown>, list: RawBuilder<unknown>): RawBuilder<boolean> {
  return kind === 'sqlite' ? sql<boolean>`${ref} in (select value from json_each(${list}))` : sql<boolean>`${ref} = any(${list})`;
}

/** Runs compiled queries: outside a transaction (Connection.query) or inside one (writeTransaction). */
export interface QueryRunner {
  all<P, R>(query: QueryDef<P, R>, params: P): Promise<R[]>;
  first<P, R>(query: QueryDef<P, R>, params: P): Promise<R | undefined>;
  /** Runs a write; answers the number of rows it changed. */
  run<P>(query: QueryDef<P, unknown>, params: P): Promise<number>;
}

/**
 * SQLite: statements run synchronously on the one better-sqlite3 handle. `ready` is awaited before a
 * query outside a transaction, so it never runs inside another request's open write transaction.
 */
export function sqliteRunner(handle: BetterSqlite3.Database, db: Db, ready: () => Promise<void> | undefined): QueryRunner {
  const statement = <P, R>(query: QueryDef<P, R>) => {
    const compiled = query.on(db, 'sqlite');
    compiled.statement ??= handle.prepare(compiled.sql);
    return compiled;
  };
  return {
    async all(query, params) {
      for (let wait = ready(); wait; wait = ready()) await wait;
      const compiled = statement(query);
      return compiled.statement!.all(compiled.parameters(params)) as never[];
    },
    async first(query, params) {
      for (let wait = ready(); wait; wait = ready()) await wait;
      const compiled = statement(query);
      return compiled.statement!.get(compiled.parameters(params)) as never;
    },
    async run(query, params) {
      for (let wait = ready(); wait; wait = ready()) await wait;
      const compiled = statement(query);
      return compiled.statement!.run(compiled.parameters(params)).changes;
    },
  };
}

/** PostgreSQL (or any Kysely instance): the compiled query through Kysely's executor, parameters replaced. */
export function kyselyRunner(db: Db, compileOn: Db, kind: StoreKind): QueryRunner {
  const execute = async <P, R>(query: QueryDef<P, R>, params: P) => {
    const compiled = query.on(compileOn, kind);
    return db.executeQuery<R>({ ...compiled.compiled, parameters: compiled.parameters(params) });
  };
  return {
    async all(query, params) {
      return (await execute(query, params)).rows;
    },
    async first(query, params) {
      return (await execute(query, params)).rows[0];
    },
    async run(query, params) {
      return Number((await execute(query, params)).numAffectedRows ?? 0);
    },
  };
}

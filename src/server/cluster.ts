import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { FailureLimiter, LOGIN_LIMITS, localLoginGuard, type LoginGuard } from './auth/rateLimit.ts';

/**
 * Several server processes on one port (WORKERS, node:cluster): the primary forks the workers, keeps
 * the login rate limits for all of them, and relays "forget what you cached" notices between them.
 * The store is shared (SQLite in WAL mode, or PostgreSQL); every in-memory cache stays true across
 * processes (docs/deploy.md, Several processes).
 */

/** Notices one worker sends the others. */
export type BusMessage =
  /** Users, roles, mentor pairs or sessions changed: session and access caches are dropped. */
  | { type: 'accountsChanged' }
  /** One session ended (logout). */
  | { type: 'sessionEnded'; tokenHash: string }
  /** Revisions of these logbooks moved (PostgreSQL: other workers cannot watch the store). */
  | { type: 'scopesChanged'; scopeIds: string[] };

/** A worker's line to the primary and, through it, to the other workers. */
export interface ClusterLink {
  /** Which worker this is (0 … workers − 1): worker 0 runs the daily tombstone purge. */
  index: number;
  /** Sends to every other worker; resolves when each has handled it (or after a short timeout). */
  broadcast(message: BusMessage): Promise<void>;
  /** Handles notices from the other workers. */
  onMessage(handler: (message: BusMessage) => void): void;
  /** Login rate limits kept by the primary, so that N processes do not allow N times the failures. */
  loginGuard: LoginGuard;
}

/**
 * WORKERS: a number, or "auto"/unset. Auto is one process on SQLite — measured on 2 cores, a second
 * process made pushes slower (each commit empties the other's page cache; writers queue for the one
 * write lock) — and one per CPU core on PostgreSQL, where writes run in parallel. Tests and the admin
 * CLI run one process.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKERS?.trim();
  if (!raw || raw === 'auto') return env.DATABASE_URL ? availableParallelism() : 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WORKERS phải là số nguyên từ 1 đến 64 hoặc "auto" (đang là "${raw}").`);
  return n;
}

/** How long a worker waits for the others to handle a notice before it answers its request anyway. */
const BROADCAST_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 5000;

type ToPrimary =
  | { sbd: 'broadcast'; id: number; message: BusMessage }
  | { sbd: 'ack'; id: number }
  | { sbd: 'guard'; id: number; op: 'retryAfter' | 'failed' | 'succeeded'; ip: string; username: string }
  | { sbd: 'listening'; address: string };

type ToWorker = { sbd: 'bus'; id: number; message: BusMessage } | { sbd: 'reply'; id: number; value: number };

function isOurs(message: unknown): message is { sbd: string } {
  return typeof message === 'object' && message !== null && typeof (message as { sbd?: unknown }).sbd === 'string';
}

/** In a worker: the link to the primary. */
export function workerLink(): ClusterLink {
  if (!cluster.isWorker || !process.send) throw new Error('workerLink() runs in a cluster worker');
  const send = process.send.bind(process);
  const handlers: Array<(message: BusMessage) => void> = [];
  const pending = new Map<number, (value: number) => void>();
  let nextId = 1;

  process.on('message', (raw: unknown) => {
    if (!isOurs(raw)) return;
    const message = raw as ToWorker;
    if (message.sbd === 'bus') {
      for (const handler of handlers) handler(message.message);
      send({ sbd: 'ack', id: message.id } satisfies ToPrimary);
    } else if (message.sbd === 'reply') {
      pending.get(message.id)?.(message.value);
      pending.delete(message.id);
    }
  });

  const request = (build: (id: number) => ToPrimary, timeoutMs: number, fallback: number) =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(fallback);
      }, timeoutMs);
      timer.unref();
      pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      send(build(id));
    });

  const guard = (op: 'retryAfter' | 'failed' | 'succeeded', ip: string, username: string) =>
    // Without an answer from the primary a login is refused for a minute rather than left unlimited.
    request((id) => ({ sbd: 'guard', id, op, ip, username }), REQUEST_TIMEOUT_MS, op === 'retryAfter' ? 60_000 : 0);

  return {
    index: Number(process.env.SBD_WORKER_INDEX ?? cluster.worker?.id ?? 0),
    async broadcast(message) {
      await request((id) => ({ sbd: 'broadcast', id, message }), BROADCAST_TIMEOUT_MS, 0);
    },
    onMessage(handler) {
      handlers.push(handler);
    },
    loginGuard: {
      retryAfter: (ip, username) => guard('retryAfter', ip, username),
      failed: async (ip, username) => void (await guard('failed', ip, username)),
      succeeded: async (username) => void (await guard('succeeded', '', username)),
    },
  };
}

export interface PrimaryOptions {
  workers: number;
  /** Called once every worker listens, with the address the first one reported. */
  onListening: (address: string) => void;
  log?: (line: string) => void;
}

/**
 * In the primary: forks the workers (restarting one that dies), serves the login guard and relays
 * notices. Resolves with a stop function that ends the workers (SIGTERM) and waits for them.
 */
export function runPrimary(options: PrimaryOptions): { stop: () => Promise<void> } {
  const log = options.log ?? ((line: string) => console.error(line));
  const guard = localLoginGuard(new FailureLimiter({ ...LOGIN_LIMITS.ip, now: Date.now }), new FailureLimiter({ ...LOGIN_LIMITS.account, now: Date.now }));
  const byIndex = new Map<number, Worker>();
  const indexOf = new Map<Worker, number>();
  /** Broadcasts waiting for acks: origin worker, its id, and who still has to answer. */
  const relays = new Map<number, { origin: Worker; originId: number; waiting: Set<Worker> }>();
  let relayId = 1;
  let stopping = false;
  let listening = 0;
  let announced = false;
  const recentDeaths: number[] = [];

  const reply = (worker: Worker, id: number, value: number) => {
    if (worker.isConnected()) worker.send({ sbd: 'reply', id, value } satisfies ToWorker);
  };
  const settle = (key: number) => {
    const relay = relays.get(key);
    if (relay && relay.waiting.size === 0) {
      relays.delete(key);
      reply(relay.origin, relay.originId, 0);
    }
  };

  const fork = (index: number) => {
    const worker = cluster.fork({ SBD_WORKER_INDEX: String(index) });
    byIndex.set(index, worker);
    indexOf.set(worker, index);
    worker.on('message', (raw: unknown) => {
      if (!isOurs(raw)) return;
      const message = raw as ToPrimary;
      switch (message.sbd) {
        case 'broadcast': {
          const others = [...byIndex.values()].filter((w) => w !== worker && w.isConnected());
          const key = relayId++;
          relays.set(key, { origin: worker, originId: message.id, waiting: new Set(others) });
          for (const other of others) other.send({ sbd: 'bus', id: key, message: message.message } satisfies ToWorker);
          settle(key);
          break;
        }
        case 'ack': {
          const relay = relays.get(message.id);
          relay?.waiting.delete(worker);
          settle(message.id);
          break;
        }
        case 'guard': {
          const done = (value: number) => reply(worker, message.id, value);
          if (message.op === 'retryAfter') void guard.retryAfter(message.ip, message.username).then(done);
          else if (message.op === 'failed') void guard.failed(message.ip, message.username).then(() => done(0));
          else void guard.succeeded(message.username).then(() => done(0));
          break;
        }
        case 'listening':
          listening += 1;
          if (!announced && listening >= options.workers) {
            announced = true;
            options.onListening(message.address);
          }
          break;
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker);
    indexOf.delete(worker);
    // A dead worker answers no acks: the broadcasts waiting on it complete without it.
    for (const [key, relay] of relays) {
      relay.waiting.delete(worker);
      settle(key);
    }
    if (index === undefined || byIndex.get(index) !== worker) return;
    byIndex.delete(index);
    if (stopping) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length > 0 && recentDeaths[0]! < now - 60_000) recentDeaths.shift();
    log(`Tiến trình phục vụ ${index + 1} dừng (${signal ?? `mã ${code}`}); khởi động lại.`);
    // A worker that dies at once, again and again (a broken store, a port taken) is not restarted forever.
    if (recentDeaths.length > 10 * options.workers) {
      log('Các tiến trình phục vụ dừng liên tục; máy chủ dừng.');
      process.exitCode = 1;
      void stop();
      return;
    }
    setTimeout(() => {
      if (!stopping) fork(index);
    }, Math.min(5000, 200 * recentDeaths.length));
  });

  const stop = async () => {
    stopping = true;
    const alive = [...byIndex.values()];
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };

  for (let index = 0; index < options.workers; index++) fork(index);
  return { stop };
}

/** In a worker: tells the primary that this worker accepts connections. */
export function reportListening(address: string): void {
  process.send?.({ sbd: 'listening', address } satisfies ToPrimary);
}

import type { SchoolSettings } from '../../domain/schoolSettings.ts';
import type { AuditPage, AuditQuery, OverviewQuery, OverviewResponse } from '../../sync/leaderApi.ts';
import type { ActivationResponse, ApiErrorBody, CreateUserRequest, MentorshipList, ScopeInfo, SessionResponse, SyncRequest, SyncResponse, UserInfo } from '../../sync/protocol.ts';

/** Body of PATCH /api/admin/users/:id (every field optional). */
export type UpdateUserBody = Partial<Pick<CreateUserRequest, 'fullName' | 'department' | 'roles'>> & { active?: boolean };

/**
 * The school server's HTTP API as the app uses it (docs/api.md). No React, no Dexie: a fetch is
 * passed in so tests can run the real server in-process.
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A non-2xx answer: `message` is the server's Vietnamese text, ready to show. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/** The server could not be reached (no network, DNS, refused, CORS, timeout). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if ((typeof value === 'string' && value !== '') || typeof value === 'number') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function normalizeServerUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(trimmed)) return `https://${trimmed}`;
  return trimmed;
}

export class ServerApi {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    private readonly timeoutMs = 60_000,
  ) {}

  private async request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : null;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller?.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new NetworkError(error);
    } finally {
      if (timer) clearTimeout(timer);
    }
    if (response.status === 204) return undefined as T;
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      // A proxy's HTML error page or a cut connection.
      if (response.ok) throw new NetworkError('invalid JSON');
    }
    if (!response.ok) {
      const error = (json as Partial<ApiErrorBody> | null)?.error;
      const retryHeader = Number(response.headers.get('retry-after'));
      throw new ServerError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? `Máy chủ trả lời lỗi ${response.status}.`,
        error?.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
        error?.issues,
      );
    }
    return json as T;
  }

  login(username: string, password: string): Promise<SessionResponse> {
    return this.request('POST', '/api/auth/login', null, { username, password });
  }

  activate(username: string, code: string, password: string): Promise<SessionResponse> {
    return this.request('POST', '/api/auth/activate', null, { username, code, password });
  }

  logout(token: string): Promise<void> {
    return this.request('POST', '/api/auth/logout', token, {});
  }

  me(token: string): Promise<{ user: UserInfo; scopes: ScopeInfo[] }> {
    return this.request('GET', '/api/me', token);
  }

  sync(token: string, body: SyncRequest): Promise<SyncResponse> {
    return this.request('POST', '/api/sync', token, body);
  }

  // Administration (role admin, own school only): docs/api.md "Administration".
  listUsers(token: string): Promise<{ users: UserInfo[] }> {
    return this.request('GET', '/api/admin/users', token);
  }

  createUser(token: string, body: CreateUserRequest): Promise<ActivationResponse> {
    return this.request('POST', '/api/admin/users', token, body);
  }

  updateUser(token: string, id: string, body: UpdateUserBody): Promise<{ user: UserInfo }> {
    return this.request('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, token, body);
  }

  resetActivation(token: string, id: string): Promise<ActivationResponse> {
    return this.request('POST', `/api/admin/users/${encodeURIComponent(id)}/reset`, token, {});
  }

  revokeSessions(token: string, id: string): Promise<{ revoked: number }> {
    return this.request('POST', `/api/admin/users/${encodeURIComponent(id)}/revoke`, token, {});
  }

  /** The school's pairs of school year `year` (opening calendar year; default: the current one). */
  listMentorships(token: string, year?: number): Promise<MentorshipList> {
    return this.request('GET', `/api/admin/mentorships${queryString({ year })}`, token);
  }

  addMentorship(token: string, mentorId: string, teacherId: string, year?: number): Promise<void> {
    return this.request('POST', '/api/admin/mentorships', token, { mentorId, teacherId, year });
  }

  removeMentorship(token: string, mentorId: string, teacherId: string, year?: number): Promise<void> {
    return this.request('DELETE', `/api/admin/mentorships/${encodeURIComponent(mentorId)}/${encodeURIComponent(teacherId)}${queryString({ year })}`, token);
  }

  /** Copies the pairs of `from` (default: the year before `to`) into `to` (default: the current year). */
  copyMentorships(token: string, body: { from?: number; to?: number }): Promise<{ from: number; to: number; copied: number }> {
    return this.request('POST', '/api/admin/mentorships/copy', token, body);
  }

  // Audit log, school settings, inspection (docs/api.md "Administration", "Inspection").
  listAudit(token: string, query: AuditQuery): Promise<AuditPage> {
    return this.request('GET', `/api/admin/audit${queryString(query)}`, token);
  }

  getSettings(token: string): Promise<{ settings: SchoolSettings }> {
    return this.request('GET', '/api/admin/settings', token);
  }

  putSettings(token: string, settings: SchoolSettings): Promise<{ settings: SchoolSettings }> {
    return this.request('PUT', '/api/admin/settings', token, settings);
  }

  leaderOverview(token: string, query: OverviewQuery): Promise<OverviewResponse> {
    return this.request('GET', `/api/leader/overview${queryString(query)}`, token);
  }

  /** The zip of the semester PDFs of the leader's teachers (GET /api/leader/export). */
  async exportZip(token: string, query: OverviewQuery): Promise<Blob> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/leader/export${queryString(query)}`, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null;
      throw new ServerError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? `Máy chủ trả lời lỗi ${response.status}.`);
    }
    return response.blob();
  }
}

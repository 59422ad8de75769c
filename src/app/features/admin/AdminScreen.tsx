import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type ActivationResponse, type Role, type UserInfo } from '../../../sync/protocol.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { registerMessages } from '../../i18n/lazyMessages.ts';
import { NetworkError, ServerError, type ServerApi } from '../../sync/api.ts';
import { getSyncController } from '../../sync/controller.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { useNotify } from '../../ui/Notices.tsx';
import { AuditLogPanel } from './AuditLogPanel.tsx';
import { Departments } from './Departments.tsx';
import { adminEn, adminVi } from './messages.ts';
import { Mentorships } from './Mentorships.tsx';
import { SchoolSettingsPanel } from './SchoolSettingsPanel.tsx';
import { ConnectionNeeded } from '../../ui/ConnectionNeeded.tsx';
import { formatDateTime } from '../../ui/format.ts';
import './admin.css';

type RoleGrant = UserInfo['roles'][number];
type Client = { api: ServerApi; token: string; school: string };

/** react-query for the admin screen's server I/O only; created with the (lazy) screen. */
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false }, mutations: { retry: 0 } } });

function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('online', notify);
      window.addEventListener('offline', notify);
      return () => {
        window.removeEventListener('online', notify);
        window.removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof NetworkError) return t('admin.networkFailed');
  if (error instanceof ServerError) return error.message;
  return t('admin.unexpected');
}

/** "Quản trị trường": users of the admin's school, activation codes, roles, sessions, mentor pairs. Online only. */
export function AdminScreen() {
  registerMessages('admin', adminVi, adminEn);
  return (
    <QueryClientProvider client={queryClient}>
      <AdminGate />
    </QueryClientProvider>
  );
}

function Blocked({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <ConnectionNeeded settingsLabel={t('admin.goToSettings')}>{children}</ConnectionNeeded>;
}

function AdminGate() {
  const { t } = useTranslation();
  const db = useDatabase();
  const controller = getSyncController(db);
  const status = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  const online = useOnline();
  useEffect(() => {
    void controller.refresh();
  }, [controller]);
  const connection = status.connection;
  if (!connection) return <Blocked>{t('admin.notConnected')}</Blocked>;
  if (!connection.token || connection.needsLogin) return <Blocked>{t('admin.needsLogin')}</Blocked>;
  if (!online) return <Blocked>{t('admin.offline')}</Blocked>;
  if (!connection.user.roles.some((r) => r.role === 'admin')) return <Blocked>{t('admin.notAdmin')}</Blocked>;
  const client: Client = { api: controller.api(connection.serverUrl), token: connection.token, school: connection.user.schoolName };
  return <AdminBody client={client} selfId={connection.user.id} />;
}

function AdminBody({ client, selfId }: { client: Client; selfId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<ActivationResponse | null>(null);
  const users = useQuery({ queryKey: ['admin', 'users', client.api.baseUrl, client.token], queryFn: () => client.api.listUsers(client.token) });
  return (
    <>
      <p>{t('admin.school', { name: client.school })}</p>
      <nav aria-label={t('admin.sections')}>
        <ul className="admin-nav">
          <li>
            <a href="#nguoi-dung">{t('admin.users')}</a>
          </li>
          <li>
            <a href="#to-chuyen-mon">{t('admin.departments.title')}</a>
          </li>
          <li>
            <a href="#cap-huong-dan">{t('admin.mentorships')}</a>
          </li>
          <li>
            <a href="#cai-dat-truong">{t('admin.settings.title')}</a>
          </li>
          <li>
            <a href="#nhat-ky">{t('admin.audit.title')}</a>
          </li>
        </ul>
      </nav>
      {code ? <ActivationCode activation={code} onClose={() => setCode(null)} /> : null}
      <CreateUser client={client} onCreated={setCode} />
      <section className="panel" id="nguoi-dung" aria-labelledby="admin-users">
        <h2 id="admin-users">{t('admin.users')}</h2>
        {users.isPending ? <p role="status">{t('admin.loading')}</p> : null}
        {users.isError ? (
          <div role="alert">
            <p className="field__error">{t('admin.loadFailed', { message: errorText(users.error, t) })}</p>
            <button type="button" className="button button--secondary" onClick={() => void users.refetch()}>
              {t('admin.retry')}
            </button>
          </div>
        ) : null}
        {users.data && users.data.users.length === 0 ? <p>{t('admin.noUsers')}</p> : null}
        {users.data ? (
          <ul className="admin-users">
            {users.data.users.map((user) => (
              <UserRow key={user.id} user={user} client={client} isSelf={user.id === selfId} onCode={setCode} />
            ))}
          </ul>
        ) : null}
      </section>
      {users.data ? <Departments users={users.data.users} /> : null}
      {users.data ? <Mentorships users={users.data.users} client={client} /> : null}
      <SchoolSettingsPanel client={client} />
      {users.data ? <AuditLogPanel client={client} users={users.data.users} /> : null}
    </>
  );
}

function useRoleLabel() {
  const { t } = useTranslation();
  return (grant: RoleGrant) =>
    grant.role === 'leader' ? (grant.department ? t('admin.leaderOf', { department: grant.department }) : t('admin.principal')) : t(`admin.role.${grant.role}`);
}

/** The one-time code, big, with a copy button; focused when it appears so it is read out. */
function ActivationCode({ activation, onClose }: { activation: ActivationResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => ref.current?.focus(), [activation]);
  const expires = formatDateTime(activation.expiresAt);
  return (
    <section ref={ref} tabIndex={-1} className="panel admin-code" aria-labelledby={titleId} role="region">
      <h2 id={titleId}>{t('admin.codeTitle', { name: activation.user.fullName, username: activation.user.username })}</h2>
      <p className="admin-code__value" data-testid="activation-code">
        {activation.activationCode}
      </p>
      <p>
        <strong>{t('admin.codeNote')}</strong>
      </p>
      <p className="field__hint">{t('admin.codeExpires', { date: expires })}</p>
      <div className="admin-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            const done = () => setCopied(t('admin.copied'));
            const fail = () => setCopied(t('admin.copyFailed'));
            if (navigator.clipboard?.writeText) navigator.clipboard.writeText(activation.activationCode).then(done, fail);
            else fail();
          }}
        >
          {t('admin.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('admin.closeCode')}
        </button>
      </div>
      <p role="status" className="field__status">
        {copied}
      </p>
    </section>
  );
}

type RolesValue = { roles: Role[]; leaderDepartment: string };

function RolesFieldset({ value, onChange, error, idPrefix }: { value: RolesValue; onChange: (v: RolesValue) => void; error?: string; idPrefix: string }) {
  const { t } = useTranslation();
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset className={error ? 'field--invalid' : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{t('admin.roles')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="admin-check">
          <input
            type="checkbox"
            checked={value.roles.includes(role)}
            onChange={(event) => onChange({ ...value, roles: event.target.checked ? [...value.roles, role] : value.roles.filter((r) => r !== role) })}
          />
          {t(`admin.role.${role}`)}
        </label>
      ))}
      {value.roles.includes('leader') ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-leader`}>{t('admin.leaderDepartment')}</label>
          <p id={`${idPrefix}-leader-hint`} className="field__hint">
            {t('admin.leaderDepartmentHint')}
          </p>
          <input
            id={`${idPrefix}-leader`}
            aria-describedby={`${idPrefix}-leader-hint`}
            value={value.leaderDepartment}
            onChange={(event) => onChange({ ...value, leaderDepartment: event.target.value })}
          />
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function toGrants(value: RolesValue): RoleGrant[] {
  return value.roles.map((role) => ({ role, department: role === 'leader' ? value.leaderDepartment.trim() : '' }));
}

type CreateErrors = Partial<Record<'username' | 'fullName' | 'department' | 'roles' | 'form', string>>;

function serverFieldErrors(error: unknown, t: (key: string) => string): CreateErrors {
  if (error instanceof ServerError) {
    const errors: CreateErrors = {};
    if (error.code === 'username_taken') errors.username = error.message;
    for (const issue of error.issues ?? []) {
      const field = issue.path.split('.')[0] as keyof CreateErrors;
      if (field === 'username' || field === 'fullName' || field === 'department' || field === 'roles') errors[field] ??= issue.message;
    }
    if (Object.keys(errors).length === 0) errors.form = error.message;
    return errors;
  }
  return { form: errorText(error, t) };
}


function CreateUser({ client, onCreated }: { client: Client; onCreated: (a: ActivationResponse) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const queries = useQueryClient();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [department, setDepartment] = useState('');
  const [roles, setRoles] = useState<RolesValue>({ roles: ['teacher'], leaderDepartment: '' });
  const [errors, setErrors] = useState<CreateErrors>({});
  const create = useMutation({
    mutationFn: () => client.api.createUser(client.token, { username: username.trim(), fullName: fullName.trim(), department: department.trim(), roles: toGrants(roles) }),
    onError: (error) => setErrors(serverFieldErrors(error, t)),
    onSuccess: (result) => {
      setUsername('');
      setFullName('');
      setDepartment('');
      setRoles({ roles: ['teacher'], leaderDepartment: '' });
      onCreated(result);
      void queries.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: CreateErrors = {};
    if (!username.trim()) next.username = t('admin.required');
    if (!fullName.trim()) next.fullName = t('admin.required');
    if (roles.roles.length === 0) next.roles = t('admin.rolesRequired');
    setErrors(next);
    if (Object.keys(next).length === 0) create.mutate();
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.createTitle')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <Field id={`${id}-username`} label={t('admin.username')} error={errors.username}>
          <input autoComplete="off" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field id={`${id}-fullName`} label={t('admin.fullName')} error={errors.fullName}>
          <input autoComplete="off" value={fullName} onChange={(e) => setFullName(e.target.value)} />
        </Field>
        <Field id={`${id}-department`} label={t('admin.department')} hint={t('admin.departmentHint')} error={errors.department}>
          <input autoComplete="off" value={department} onChange={(e) => setDepartment(e.target.value)} />
        </Field>
        <RolesFieldset idPrefix={id} value={roles} onChange={setRoles} error={errors.roles} />
        {errors.form ? (
          <p className="field__error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="admin-actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('admin.creating') : t('admin.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

type Pending = 'reset' | 'deactivate' | 'reactivate' | 'revoke' | null;

function UserRow({ user, client, isSelf, onCode }: { user: UserInfo; client: Client; isSelf: boolean; onCode: (a: ActivationResponse) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const queries = useQueryClient();
  const roleLabel = useRoleLabel();
  const [confirm, setConfirm] = useState<Pending>(null);
  const [editing, setEditing] = useState<RolesValue | null>(null);
  const [details, setDetails] = useState<{ fullName: string; department: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = user.fullName;
  const refresh = () => void queries.invalidateQueries({ queryKey: ['admin', 'users'] });

  const action = useMutation({
    mutationFn: async (kind: Exclude<Pending, null> | 'roles' | 'details'): Promise<void> => {
      if (kind === 'reset') onCode(await client.api.resetActivation(client.token, user.id));
      else if (kind === 'details') {
        await client.api.updateUser(client.token, user.id, { fullName: details!.fullName.trim(), department: details!.department.trim() });
        setDetails(null);
        notify({ message: t('admin.detailsSaved', { name: details!.fullName.trim() }) });
      }
      else if (kind === 'revoke') {
        const { revoked } = await client.api.revokeSessions(client.token, user.id);
        notify({ message: t('admin.revoked', { count: revoked, name }) });
      } else if (kind === 'roles') {
        await client.api.updateUser(client.token, user.id, { roles: toGrants(editing!) });
        setEditing(null);
        notify({ message: t('admin.rolesSaved', { name }) });
      } else {
        await client.api.updateUser(client.token, user.id, { active: kind === 'reactivate' });
        notify({ message: t(kind === 'reactivate' ? 'admin.reactivated' : 'admin.deactivated', { name }) });
      }
    },
    onMutate: () => setError(null),
    onError: (e) => setError(errorText(e, t)),
    onSettled: refresh,
  });

  const dialog = confirm
    ? {
        reset: { title: t('admin.resetTitle', { name }), body: t('admin.resetBody'), label: t('admin.resetConfirm') },
        deactivate: { title: t('admin.deactivateTitle', { name }), body: t('admin.deactivateBody'), label: t('admin.deactivateConfirm') },
        reactivate: { title: t('admin.reactivateTitle', { name }), body: t('admin.reactivateBody'), label: t('admin.reactivateConfirm') },
        revoke: { title: t('admin.revokeTitle', { name }), body: t('admin.revokeBody'), label: t('admin.revokeConfirm') },
      }[confirm]
    : null;

  return (
    <li className={user.active ? 'admin-user' : 'admin-user admin-user--inactive'} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        {name} <span className="admin-user__username">({user.username})</span>
      </h3>
      <dl className="admin-user__facts">
        <dt>{t('admin.department')}</dt>
        <dd>{user.department || '—'}</dd>
        <dt>{t('admin.roles')}</dt>
        <dd>{[...user.roles].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role)).map(roleLabel).join(', ')}</dd>
        <dt>{t('admin.status')}</dt>
        <dd>{user.active ? t('admin.active') : t('admin.inactive')}</dd>
      </dl>
      {details ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!details.fullName.trim()) return setError(t('admin.required'));
            action.mutate('details');
          }}
          aria-label={t('admin.editDetails')}
          noValidate
        >
          <Field id={`${id}-fullName`} label={t('admin.fullName')}>
            <input value={details.fullName} onChange={(e) => setDetails({ ...details, fullName: e.target.value })} autoComplete="off" />
          </Field>
          <Field id={`${id}-department`} label={t('admin.department')} hint={t('admin.departmentHint')}>
            <input value={details.department} onChange={(e) => setDetails({ ...details, department: e.target.value })} autoComplete="off" />
          </Field>
          <div className="admin-actions">
            <button type="submit" className="button button--primary" disabled={action.isPending}>
              {t('admin.saveDetails')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDetails(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      ) : editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (editing.roles.length === 0) return setError(t('admin.rolesRequired'));
            action.mutate('roles');
          }}
          aria-label={t('admin.editRoles')}
        >
          <RolesFieldset idPrefix={id} value={editing} onChange={setEditing} />
          <div className="admin-actions">
            <button type="submit" className="button button--primary" disabled={action.isPending}>
              {t('admin.saveRoles')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="admin-actions" role="group" aria-label={t('admin.actions', { name })}>
          <button type="button" className="button button--secondary" onClick={() => setDetails({ fullName: user.fullName, department: user.department })}>
            {t('admin.editDetails')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setEditing({ roles: user.roles.map((r) => r.role), leaderDepartment: user.roles.find((r) => r.role === 'leader')?.department ?? '' })}
          >
            {t('admin.editRoles')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirm('reset')} disabled={action.isPending}>
            {t('admin.reset')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirm('revoke')} disabled={action.isPending}>
            {t('admin.revoke')}
          </button>
          {isSelf ? null : (
            <button type="button" className="button button--secondary" onClick={() => setConfirm(user.active ? 'deactivate' : 'reactivate')} disabled={action.isPending}>
              {user.active ? t('admin.deactivate') : t('admin.reactivate')}
            </button>
          )}
        </div>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={dialog?.title ?? ''}
        confirmLabel={dialog?.label ?? ''}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const kind = confirm;
          setConfirm(null);
          if (kind) action.mutate(kind);
        }}
      >
        <p>{dialog?.body}</p>
      </ConfirmDialog>
    </li>
  );
}

import { QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type SessionResponse } from '../../../sync/protocol.ts';
import { NetworkError, normalizeServerUrl, ServerError } from '../../sync/api.ts';
import type { SyncStatus } from '../../sync/controller.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { queryClient } from './queryClient.ts';
import { useSyncController, useSyncStatus } from './useSync.ts';
import './sync.css';
import { formatDateTime } from '../../ui/format.ts';

type Errors = Partial<Record<'serverUrl' | 'username' | 'password' | 'code' | 'form', string>>;


function defaultServerUrl(): string {
  return typeof window !== 'undefined' && /^https?:/.test(window.location.origin) ? window.location.origin : '';
}

/** Maps a failed login/activation to messages next to the fields, or one for the whole form. */
function serverErrors(error: unknown, t: (key: string) => string): Errors {
  if (error instanceof NetworkError) return { form: t('sync.networkFailed') };
  if (error instanceof ServerError) {
    const errors: Errors = {};
    for (const issue of error.issues ?? []) {
      const field = issue.path.split('.')[0] as keyof Errors;
      if (field === 'username' || field === 'password' || field === 'code') errors[field] ??= issue.message;
    }
    if (Object.keys(errors).length === 0) errors.form = error.message;
    return errors;
  }
  return { form: t('sync.errors.unexpected') };
}

function StatusLines({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const error = status.lastError ? (status.lastErrorFromServer ? status.lastError : t(status.lastError)) : null;
  return (
    <div className="sync-status">
      <p>
        <strong>{t(`sync.phase.${status.phase}`)}</strong>
        {status.pending > 0 ? ` · ${t('sync.pending', { count: status.pending })}` : null}
      </p>
      <p>{status.lastSyncedAt ? t('sync.lastSynced', { time: formatDateTime(status.lastSyncedAt) }) : t('sync.neverSynced')}</p>
      {error && (status.phase === 'error' || status.phase === 'offline') ? (
        <p className="sync-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function LoginForm({ initialUsername, initialServer }: { initialUsername: string; initialServer: string }) {
  const { t } = useTranslation();
  const controller = useSyncController();
  const id = useId();
  const [mode, setMode] = useState<'login' | 'activate'>('login');
  const [serverUrl, setServerUrl] = useState(initialServer);
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const session = useMutation({
    mutationFn: async (values: { serverUrl: string; username: string; password: string; code?: string }): Promise<SessionResponse> => {
      const api = controller.api(values.serverUrl);
      const result = values.code !== undefined ? await api.activate(values.username, values.code, values.password) : await api.login(values.username, values.password);
      await controller.connected(values.serverUrl, result);
      return result;
    },
    onError: (error) => setErrors(serverErrors(error, t)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    let url = '';
    try {
      url = normalizeServerUrl(serverUrl);
      new URL(url);
    } catch {
      next.serverUrl = t('sync.urlInvalid');
    }
    if (!serverUrl.trim()) next.serverUrl = t('sync.required');
    if (!username.trim()) next.username = t('sync.required');
    if (!password) next.password = t('sync.required');
    else if (mode === 'activate' && password.length < MIN_PASSWORD_LENGTH) next.password = t('sync.passwordTooShort');
    if (mode === 'activate' && !code.trim()) next.code = t('sync.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    session.mutate({ serverUrl: url, username: username.trim(), password, ...(mode === 'activate' ? { code: code.trim() } : {}) });
  }

  const activating = mode === 'activate';
  return (
    <form onSubmit={submit} noValidate aria-label={activating ? t('sync.activateTitle') : t('sync.panelTitle')}>
      {activating ? <h3>{t('sync.activateTitle')}</h3> : null}
      <Field id={`${id}-server`} label={t('sync.serverUrl')} hint={t('sync.serverUrlHint')} error={errors.serverUrl}>
        <input type="url" inputMode="url" autoComplete="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
      </Field>
      <Field id={`${id}-username`} label={t('sync.username')} error={errors.username}>
        <input autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
      </Field>
      {activating ? (
        <Field id={`${id}-code`} label={t('sync.code')} error={errors.code}>
          <input autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
      ) : null}
      <Field
        id={`${id}-password`}
        label={activating ? t('sync.newPassword') : t('sync.password')}
        hint={activating ? t('sync.newPasswordHint') : undefined}
        error={errors.password}
      >
        <input type="password" autoComplete={activating ? 'new-password' : 'current-password'} value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {errors.form ? (
        <p className="field__error sync-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={session.isPending}>
          {session.isPending ? t('sync.connecting') : activating ? t('sync.activate') : t('sync.connect')}
        </button>
      </div>
      <p>
        <button
          type="button"
          className="sync-link"
          onClick={() => {
            setMode(activating ? 'login' : 'activate');
            setErrors({});
            setPassword('');
          }}
        >
          {activating ? t('sync.loginToggle') : t('sync.activateToggle')}
        </button>
      </p>
    </form>
  );
}

function Connected({ status, onLoggedOut }: { status: SyncStatus; onLoggedOut: () => void }) {
  const { t } = useTranslation();
  const controller = useSyncController();
  const [confirming, setConfirming] = useState(false);
  const connection = status.connection!;
  const me = useQuery({
    queryKey: ['me', connection.serverUrl, connection.user.id],
    queryFn: () => controller.api(connection.serverUrl).me(connection.token!),
    enabled: Boolean(connection.token),
    staleTime: 10 * 60_000,
  });
  const user = me.data?.user ?? connection.user;
  const logout = useMutation({
    mutationFn: () => controller.logout(),
    onSuccess: onLoggedOut,
  });

  return (
    <div>
      <p>
        <strong>{t('sync.connected')}</strong> — {connection.serverUrl}
      </p>
      <p>{t('sync.school', { name: user.schoolName })}</p>
      <p>{t('sync.user', { name: user.fullName, username: user.username })}</p>
      {user.scopeId ? null : (
        <p className="field__hint">
          {t('sync.noLogbook')}
          {status.heldLocally > 0 ? ` ${t('sync.heldLocally', { count: status.heldLocally })}` : null}
        </p>
      )}
      <StatusLines status={status} />
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={() => void controller.syncNow()} disabled={status.phase === 'syncing'}>
          {t('sync.syncNow')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => (status.pending > 0 ? setConfirming(true) : logout.mutate())} disabled={logout.isPending}>
          {t('sync.logout')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('sync.logoutTitle')}
        confirmLabel={t('sync.logoutConfirm')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          logout.mutate();
        }}
      >
        <p>{t('sync.logoutBody', { count: status.pending })}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Settings panel "Kết nối máy chủ trường": login or activation, then status, sync now and logout. */
export function ConnectPanel() {
  return (
    <QueryClientProvider client={queryClient}>
      <ConnectPanelBody />
    </QueryClientProvider>
  );
}

function ConnectPanelBody() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const controller = useSyncController();
  const [loggedOut, setLoggedOut] = useState(false);
  useEffect(() => {
    void controller.refresh();
  }, [controller]);
  const connection = status.connection;
  if (connection && connection.token && !connection.needsLogin) return <Connected status={status} onLoggedOut={() => setLoggedOut(true)} />;
  return (
    <div>
      {loggedOut ? <p role="status">{t('sync.loggedOut')}</p> : null}
      {connection?.needsLogin ? (
        <p className="sync-error" role="alert">
          {t('sync.relogin')}
        </p>
      ) : (
        <p className="field__hint">{t('sync.intro')}</p>
      )}
      {status.pending > 0 ? <p>{t('sync.pending', { count: status.pending })}</p> : null}
      <LoginForm key={connection?.user.id ?? 'new'} initialUsername={connection?.user.username ?? ''} initialServer={connection?.serverUrl ?? defaultServerUrl()} />
    </div>
  );
}

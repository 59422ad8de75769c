import { useEffect, useSyncExternalStore } from 'react';
import type { UserInfo } from '../../../sync/protocol.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import type { ServerApi } from '../../sync/api.ts';
import { getSyncController } from '../../sync/controller.ts';

export type LeaderClient = { api: ServerApi; token: string; user: UserInfo };
export type LeaderState =
  | { kind: 'notConnected' | 'needsLogin' | 'notLeader'; online: boolean }
  | { kind: 'ready'; online: boolean; client: LeaderClient };

function subscribeOnline(notify: () => void): () => void {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** The connected leader (tổ trưởng or ban giám hiệu) and whether the device is online. */
export function useLeaderClient(): LeaderState {
  const db = useDatabase();
  const controller = getSyncController(db);
  const status = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  useEffect(() => {
    void controller.refresh();
  }, [controller]);
  const connection = status.connection;
  if (!connection) return { kind: 'notConnected', online };
  if (!connection.token || connection.needsLogin) return { kind: 'needsLogin', online };
  if (!connection.user.roles.some((r) => r.role === 'leader')) return { kind: 'notLeader', online };
  return { kind: 'ready', online, client: { api: controller.api(connection.serverUrl), token: connection.token, user: connection.user } };
}

import { useEffect, useState } from 'react';
import type { OverviewTeacher } from '../../../sync/leaderApi.ts';
import type { LeaderState } from './useLeaderClient.ts';

/**
 * The server's overview row of one teacher (confirmations with what changed after them); null while
 * offline, loading or when the server cannot be reached — the logbook itself still shows from the device.
 */
export function useTeacherOverview(state: LeaderState, scopeId: string, year: number, semester: 'HK1' | 'HK2'): OverviewTeacher | null {
  const [row, setRow] = useState<OverviewTeacher | null>(null);
  const client = state.kind === 'ready' && state.online ? state.client : null;
  const api = client?.api;
  const token = client?.token;
  useEffect(() => {
    setRow(null);
    if (!api || !token) return;
    let live = true;
    api.leaderOverview(token, { year, semester, scopeId }).then(
      (overview) => live && setRow(overview.teachers[0] ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, token, scopeId, year, semester]);
  return row;
}

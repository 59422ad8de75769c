import { useEffect, useSyncExternalStore } from 'react';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { getSyncController, type SyncController, type SyncStatus } from '../../sync/controller.ts';

export function useSyncController(): SyncController {
  return getSyncController(useDatabase());
}

export function useSyncStatus(): SyncStatus {
  const controller = useSyncController();
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
}

/** Starts the triggers (start, online, visible, after writes, timer) while the app is mounted. */
export function useSyncRuntime(): void {
  const controller = useSyncController();
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
}

/** Vietnamese "dd/MM/yyyy HH:mm" in local time. */
export function formatSyncTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

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

import { QueryClient } from '@tanstack/react-query';

/**
 * react-query is for server I/O only (login, activate, logout, me), never a cache of Dexie. It is
 * provided by the settings panel that does that I/O (a lazily loaded screen), so the first screen
 * does not carry it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false }, mutations: { retry: 0 } } });
}

export const queryClient = createQueryClient();

import { NetworkError, ServerError, type ServerApi } from '../../sync/api.ts';

/** The connected admin's server, token and school name. */
export type AdminClient = { api: ServerApi; token: string; school: string };

export function adminErrorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof NetworkError) return t('admin.networkFailed');
  if (error instanceof ServerError) return error.message;
  return t('admin.unexpected');
}

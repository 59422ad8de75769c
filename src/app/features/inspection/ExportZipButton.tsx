import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OverviewQuery } from '../../../sync/leaderApi.ts';
import { errorText } from './params.ts';
import type { LeaderClient } from './useLeaderClient.ts';

/** Downloads the zip of every teacher's semester PDF in the leader's charge (server-made). */
export function ExportZipButton({ client, query }: { client: LeaderClient; query: OverviewQuery }) {
  const { t } = useTranslation();
  const file = `so-boi-duong-${query.year}-${query.semester}${query.department ? `-${query.department}` : ''}.zip`;
  const exportZip = useMutation({
    mutationFn: async () => {
      const blob = await client.api.exportZip(client.token, query);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
  return (
    <div className="admin-actions">
      <button type="button" className="button button--secondary" disabled={exportZip.isPending} onClick={() => exportZip.mutate()}>
        {t('inspection.export')}
      </button>
      <p role="status" className="field__status">
        {exportZip.isPending ? t('inspection.exporting') : exportZip.isSuccess ? t('inspection.exported', { file }) : ''}
      </p>
      {exportZip.isError ? (
        <p role="alert" className="field__error">
          {t('inspection.exportFailed', { message: errorText(exportZip.error, t) })}
        </p>
      ) : null}
    </div>
  );
}

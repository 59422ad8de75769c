import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useReadableScopes } from '../../db/foreign.ts';
import { inspectionSearch, useInspectionParams } from './params.ts';

/** Logbooks in the leader's charge as the last sync listed them: they open offline from db.foreign. */
export function OfflineLogbooks() {
  const { t } = useTranslation();
  const params = useInspectionParams();
  const scopes = useReadableScopes()?.filter((s) => s.access === 'leader');
  if (!scopes) return null;
  return (
    <section className="panel" aria-labelledby="inspection-offline">
      <h2 id="inspection-offline">{t('inspection.offlineList')}</h2>
      {scopes.length === 0 ? <p>{t('inspection.offlineListEmpty')}</p> : null}
      <ul>
        {scopes.map((s) => (
          <li key={s.scopeId}>
            <Link to={`/kiem-tra/${encodeURIComponent(s.scopeId)}?${inspectionSearch(params)}`}>{s.ownerName}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

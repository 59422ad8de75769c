import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../domain/observations.ts';
import { ObservationListItem } from './ObservationListItem.tsx';

export type ListTab = 'observed' | 'taught';

export interface TaughtItem {
  observation: Observation;
  /** The observer's name: a colleague (mirrored record) or the user herself. */
  observerName: string;
}

interface Props {
  tab: ListTab;
  onTab: (tab: ListTab) => void;
  observed: readonly Observation[];
  taught: readonly TaughtItem[];
  /** Unread annotations per observation id. */
  unread: ReadonlyMap<string, number>;
}

/** "Tiết tôi dự" and "Tiết tôi dạy được dự" as two tabs (ARIA tabs, arrow keys move between them). */
export function ObservationLists({ tab, onTab, observed, taught, unread }: Props) {
  const { t } = useTranslation();
  const tabs: Array<{ id: ListTab; label: string; count: number; unread: number }> = [
    { id: 'observed', label: t('observations.iObserved'), count: observed.length, unread: observed.reduce((n, o) => n + (unread.get(o.id) ?? 0), 0) },
    { id: 'taught', label: t('observations.iTaught'), count: taught.length, unread: taught.reduce((n, i) => n + (unread.get(i.observation.id) ?? 0), 0) },
  ];
  const move = (delta: number) => {
    const next = tabs[(tabs.findIndex((x) => x.id === tab) + delta + tabs.length) % tabs.length]!;
    onTab(next.id);
    document.getElementById(`obs-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={t('observations.tabs')}>
        {tabs.map((x) => (
          <button
            key={x.id}
            id={`obs-tab-${x.id}`}
            type="button"
            role="tab"
            className="button button--secondary"
            aria-selected={tab === x.id}
            aria-controls={`obs-panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            onClick={() => onTab(x.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              if (e.key === 'ArrowLeft') move(-1);
            }}
          >
            {x.label} ({x.count}){x.unread > 0 ? <span className="badge"> {t('observations.unread', { count: x.unread })}</span> : null}
          </button>
        ))}
      </div>
      <div id={`obs-panel-${tab}`} role="tabpanel" aria-labelledby={`obs-tab-${tab}`}>
        {tab === 'observed' ? (
          observed.length === 0 ? (
            <p className="empty">{t('observations.emptyObserved')}</p>
          ) : (
            <ul className="observation-list">
              {observed.map((o) => (
                <ObservationListItem key={o.id} observation={o} href={`/du-gio/${o.id}`} person={{ role: 'teacher', name: o.teacherName }} unread={unread.get(o.id)} />
              ))}
            </ul>
          )
        ) : taught.length === 0 ? (
          <p className="empty">{t('observations.emptyTaught')}</p>
        ) : (
          <ul className="observation-list">
            {taught.map((item) => (
              <ObservationListItem
                key={item.observation.id}
                observation={item.observation}
                href={`/du-gio/${item.observation.id}`}
                person={{ role: 'observer', name: item.observerName }}
                unread={unread.get(item.observation.id)}
              />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

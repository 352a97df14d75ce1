/** A chart area with tabs, for charts that do not all fit on one screen. */
import { Suspense, useState, type ReactNode } from 'react';

interface Props {
  label: string;
  /** `extra` of a tab shows at the right of the tab row while that tab is open (e.g. the log's filters). */
  tabs: Array<{ id: string; title: string; render: () => ReactNode; extra?: ReactNode }>;
  /** Shown at the right of the tab row (e.g. a scope picker). */
  extra?: ReactNode;
}

export function ChartSlot({ label, tabs, extra }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);
  // Until the user picks a tab the first one shows, even when the set of tabs changes (a new scenario).
  const active = chosen !== null && tabs.some((t) => t.id === chosen) ? chosen : tabs[0]?.id;
  const setActive = setChosen;
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div className="chart-slot">
      <div className="chart-tabs" role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === current.id}
            className={t.id === current.id ? 'active' : undefined}
            title={t.title}
            onClick={() => setActive(t.id)}
          >
            {t.title}
          </button>
        ))}
        {(extra || current?.extra) && (
          <div className="chart-tabs-extra">
            {current?.extra}
            {extra}
          </div>
        )}
      </div>
      <div className="chart-slot-body" role="tabpanel" aria-label={current.title}>
        {/* A tab's panel may load on first show (lazyPanels.ts). */}
        <Suspense fallback={<p className="muted small chart-loading">loading…</p>}>{current.render()}</Suspense>
      </div>
    </div>
  );
}

/**
 * The lab: one screen. Controls on top; the inspector and the scenario on the left; in the
 * middle the topology with moving requests beside the live statechart, the totals, the state
 * timeline, the charts (in tabs) and, below, the log and tables (in tabs); the time bar at the
 * bottom.
 */
import { useEffect, useMemo } from 'react';
import { inHistory, shownMs, statesShown, totalsShown } from '../store/history';
import { useLab, useRun, useRunShallow } from '../store/hooks';
import { labStore } from '../store/labStore';
import { Banner } from './Banner';
import { ChartSlot } from './charts/ChartSlot';
import { useChartData } from './charts/useChartData';
import { LatencyChart } from './charts/LatencyChart';
import { ThroughputChart } from './charts/ThroughputChart';
import { useController } from './controllerContext';
import { ErrorBoundary } from './ErrorBoundary';
import { FaultInjector } from './faults/FaultInjector';
import { FaultTimeline } from './faults/FaultTimeline';
import { useFileDrop } from './FileActions';
import { Inspector } from './Inspector';
import { AttemptsChart, BackendLoadChart, BackendsPanel, ConcurrencyChart, ErrorRateChart, SagaOutcomeChart, SagasPanel } from './lazyPanels';
import { SagaTimeline } from './SagaTimeline';
import { ScenarioPanel } from './ScenarioPanel';
import { StatechartPanel } from './StatechartPanel';
import { StateTimeline } from './StateTimeline';
import { TimeBar } from './TimeBar';
import { backendConcurrency } from './topology/layout';
import { Topology } from './topology/Topology';
import { TopBar } from './TopBar';
import { TotalsStrip } from './TotalsStrip';
import { LogFilters, logFilterStore, TransitionLog } from './TransitionLog';

export function App() {
  const c = useController();
  useKeyboard();
  const dropping = useFileDrop();
  const scope = useLab((s) => s.scope);
  const selected = useLab((s) => s.selected);
  const scenario = useRun((r) => r.scenario) ?? null;
  const liveEntries = useRun((r) => r.liveEntries);
  const seed = useRun((r) => r.seed);
  const machines = useRun((r) => r.machines);
  const breakers = useRun((r) => r.breakers);
  const backends = useRun((r) => r.backends);
  const policies = useRun((r) => r.policies);
  const sagas = useRun((r) => r.sagas) ?? null;
  const sagaTraces = useRun((r) => r.sagaTraces);
  const trips = useRun((r) => r.trips);
  const tripsVersion = useRun((r) => r.tripsVersion) ?? 0;
  const playing = useRun((r) => r.playing) ?? false;
  const machineStates = useRun((r) => r.machineStates);
  const durationMs = useRun((r) => r.durationMs) ?? 0;
  const simMs = useRun((r) => r.simMs) ?? 0;
  const shown = useRun(shownMs) ?? 0;
  const history = useRun(inHistory) ?? false;
  const states = useRunShallow(statesShown);
  const totals = useRunShallow((r) => totalsShown(r, scope));
  const latency = useRun((r) => r.latency) ?? null;
  const log = useRun((r) => r.log);
  const logVersion = useRun((r) => r.logVersion) ?? 0;
  const logDropped = useRun((r) => r.logDropped) ?? 0;
  const status = useRun((r) => r.status);
  const hasSagas = (scenario?.sagas.length ?? 0) > 0;

  const slots = useMemo(() => {
    const out: Record<string, number> = {};
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++) out[`${d.id}/${i}`] = backendConcurrency(d, i);
    }
    return out;
  }, [scenario]);
  const { bands, cursor, shownThrottled, drawn, latencyDrawn, backendLines } = useChartData(scenario, liveEntries, scope, playing);

  useEffect(() => {
    document.title = scenario ? `${scenario.name} · Faultline` : 'Faultline';
  }, [scenario]);
  // Another scenario has other components: start its log unfiltered.
  const scenarioId = scenario?.id;
  useEffect(() => logFilterStore.setState({ component: '', kind: 'all' }), [scenarioId]);

  const throughputTabs = [
    ...(hasSagas
      ? [
          {
            id: 'sagas',
            title: 'Saga outcomes',
            render: () => (
              <ErrorBoundary name="saga outcome chart">
                <SagaOutcomeChart points={drawn.points} bucketMs={drawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
              </ErrorBoundary>
            ),
          },
        ]
      : []),
    {
      id: 'throughput',
      title: 'Throughput',
      render: () => (
        <ErrorBoundary name="throughput chart">
          <ThroughputChart points={drawn.points} bucketMs={drawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
        </ErrorBoundary>
      ),
    },
    {
      id: 'errors',
      title: 'Error rate',
      render: () => (
        <ErrorBoundary name="error-rate chart">
          <ErrorRateChart points={drawn.points} bucketMs={drawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
        </ErrorBoundary>
      ),
    },
    {
      id: 'attempts',
      title: 'Attempts & goodput',
      render: () => (
        <ErrorBoundary name="attempts chart">
          <AttemptsChart points={drawn.points} bucketMs={drawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
        </ErrorBoundary>
      ),
    },
  ];
  const latencyTabs = [
    {
      id: 'latency',
      title: 'Latency',
      render: () => (
        <ErrorBoundary name="latency chart">
          <LatencyChart points={latencyDrawn.points} bucketMs={latencyDrawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
        </ErrorBoundary>
      ),
    },
    {
      id: 'concurrency',
      title: 'Concurrency & queue',
      render: () => (
        <ErrorBoundary name="concurrency chart">
          <ConcurrencyChart points={latencyDrawn.points} bucketMs={latencyDrawn.bucketMs} durationMs={durationMs} bands={bands} cursorMs={cursor} />
        </ErrorBoundary>
      ),
    },
    {
      id: 'backends',
      title: 'Per backend',
      render: () => (
        <ErrorBoundary name="per-backend chart">
          <BackendLoadChart
            backends={backendLines.lines}
            bucketMs={backendLines.bucketMs}
            durationMs={durationMs}
            bands={bands}
            cursorMs={cursor}
            shownUntil={history ? shownThrottled : Infinity}
          />
        </ErrorBoundary>
      ),
    },
  ];
  const bottomTabs = [
    {
      id: 'log',
      title: 'Log',
      extra: <LogFilters />,
      render: () => (
        <ErrorBoundary name="log">
          <TransitionLog log={log ?? []} logVersion={logVersion} shownMs={shown} dropped={logDropped} />
        </ErrorBoundary>
      ),
    },
    ...(hasSagas
      ? [
          {
            id: 'sagas',
            title: 'Sagas & ledgers',
            render: () => (
              <ErrorBoundary name="sagas">
                <SagasPanel sagas={sagas} />
              </ErrorBoundary>
            ),
          },
        ]
      : []),
    {
      id: 'backends',
      title: 'Backends',
      render: () => (
        <ErrorBoundary name="backends">
          <BackendsPanel backends={backends ?? []} slots={slots} />
        </ErrorBoundary>
      ),
    },
  ];

  return (
    <div className="app" data-status={status ?? 'loading'}>
      <TopBar />
      <Banner />
      <main className="lab">
        <aside className="side">
          <ErrorBoundary name="inspector">
            <Inspector />
          </ErrorBoundary>
          <ErrorBoundary name="fault injector">
            <FaultInjector />
          </ErrorBoundary>
          <ErrorBoundary name="scenario">
            <ScenarioPanel scenario={scenario} liveEntries={liveEntries ?? []} seed={seed} />
          </ErrorBoundary>
        </aside>
        <div className="center">
          {/* Without machines (no policy with state, no health checks, no saga) the topology takes most of the row. */}
          <div className={(machines?.length ?? 0) === 0 && !hasSagas ? 'row-viz no-machines' : 'row-viz'}>
            <section className="panel topology-panel" aria-label="Topology panel">
              <ErrorBoundary name="topology">
                {scenario && (
                  <Topology
                    scenario={scenario}
                    backends={backends ?? []}
                    machineStates={states ?? machineStates ?? {}}
                    trips={trips ?? []}
                    tripsVersion={tripsVersion}
                    playing={playing}
                    selected={selected}
                    onSelect={(id) => c.select(id === selected ? null : id)}
                  />
                )}
              </ErrorBoundary>
            </section>
            <ErrorBoundary name="statechart">
              <StatechartPanel scenario={scenario} machines={machines ?? []} breakers={breakers ?? []} policies={policies ?? {}} states={states ?? {}} history={history} />
            </ErrorBoundary>
          </div>
          <ErrorBoundary name="totals">{totals && <TotalsStrip totals={totals} latency={scope ? null : latency} history={history} scope={scope} />}</ErrorBoundary>
          <ErrorBoundary name="state timeline">
            {hasSagas ? (
              <SagaTimeline traces={sagaTraces ?? []} shownMs={shown} />
            ) : (
              <StateTimeline
                machines={machines ?? []}
                log={log ?? []}
                logVersion={logVersion}
                initialStates={states ?? {}}
                durationMs={durationMs}
                liveMs={simMs}
                shownMs={shownThrottled}
                bands={bands}
              />
            )}
          </ErrorBoundary>
          <ErrorBoundary name="fault timeline">
            <FaultTimeline />
          </ErrorBoundary>
          <div className="charts-area">
            <div className="charts">
              <ChartSlot label="Throughput charts" tabs={throughputTabs} extra={(scenario?.dependencies.length ?? 0) > 1 ? <ScopeSelect /> : null} />
              <ChartSlot label="Latency charts" tabs={latencyTabs} />
            </div>
          </div>
          <div className="bottom">
            <ChartSlot label="Log and tables" tabs={bottomTabs} />
          </div>
        </div>
      </main>
      <TimeBar />
      {dropping && (
        <div className="drop-hint" role="status">
          Drop a scenario file (or an exported run) to open it
        </div>
      )}
    </div>
  );
}

/** Which requests the charts and totals count: all of them, or one dependency's. */
function ScopeSelect() {
  const scope = useLab((s) => s.scope);
  const deps = useRunShallow((r) => r.scenario?.dependencies.map((d) => d.id) ?? []) ?? [];
  return (
    <label className="field scope-select">
      <span>for</span>
      <select aria-label="Charts and totals for" value={scope} onChange={(e) => labStore.setState({ scope: e.target.value })}>
        <option value="">every request</option>
        {deps.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Space plays or pauses; → steps to the next event, shift+→ to the next transition; Escape clears the selection. */
function useKeyboard(): void {
  const c = useController();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.key === ' ' && !e.repeat) {
        if (target?.tagName === 'BUTTON' || target?.getAttribute('role') === 'button' || target?.getAttribute('tabindex') === '0') return;
        e.preventDefault();
        c.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        void c.step(e.shiftKey ? 'transition' : 'event');
      } else if (e.key === 'Escape') {
        c.select(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);
}

/**
 * The lab: one screen. Controls on top; the inspector and the scenario on the left; in the
 * middle the topology with moving requests beside the live statechart, the totals, the state
 * timeline, the charts (in tabs) and, below, the log and tables (in tabs); the time bar at the
 * bottom.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { inHistory, pointsUntil, scopeIndex, shownMs, statesShown, totalsShown } from '../store/history';
import { useLab, useRun, useRunShallow, useThrottled } from '../store/hooks';
import { labStore } from '../store/labStore';
import { Banner } from './Banner';
import { ChartSlot } from './charts/ChartSlot';
import { downsampleBackend, downsampleSeries, MAX_BACKEND_POINTS } from './charts/downsample';
import { faultBands } from './charts/faultBands';
import { LatencyChart } from './charts/LatencyChart';
import { ThroughputChart } from './charts/ThroughputChart';
import { useController } from './controllerContext';
import { ErrorBoundary } from './ErrorBoundary';
import { FaultInjector } from './faults/FaultInjector';
import { FaultTimeline } from './faults/FaultTimeline';
import { useFaultDraft } from './faults/faultUiStore';
import { useFileDrop } from './FileActions';
import { Inspector } from './Inspector';
import { AttemptsChart, BackendLoadChart, BackendsPanel, ConcurrencyChart, ErrorRateChart, SagaOutcomeChart, SagasPanel } from './lazyPanels';
import { SagaTimeline } from './SagaTimeline';
import { ScenarioPanel } from './ScenarioPanel';
import { StatechartPanel } from './StatechartPanel';
import { StateTimeline } from './StateTimeline';
import { TimeBar } from './TimeBar';
import { Topology } from './topology/Topology';
import { TopBar } from './TopBar';
import { TotalsStrip } from './TotalsStrip';
import { LogFilters, logFilterStore, TransitionLog } from './TransitionLog';

/**
 * Charts redraw at most this often (a Recharts update costs tens of ms): four times a second, or
 * twice at the fastest speeds, when the simulation outruns the eye anyway and the worker needs the CPU.
 */
const chartInterval = (speed: number | 'max' | undefined): number => (speed === 'max' || (speed ?? 0) >= 25 ? 500 : 250);

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
  const scopeIdx = useRun((r) => scopeIndex(r, scope)) ?? 0;
  const series = useRun((r) => r.series[scopeIdx]);
  const bucketMs = useRun((r) => r.bucketMs) ?? 1000;
  const backendSeries = useRun((r) => r.backendSeries);
  const backendBucketMs = useRun((r) => r.backendBucketMs) ?? 1000;
  const status = useRun((r) => r.status);
  const speed = useRun((r) => r.speed);
  const CHART_INTERVAL_MS = chartInterval(speed);
  const hasSagas = (scenario?.sagas.length ?? 0) > 0;

  const slots = useMemo(() => {
    const out: Record<string, number> = {};
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++) out[`${d.id}/${i}`] = d.backends.instances?.[i]?.concurrency ?? d.backends.concurrency;
    }
    return out;
  }, [scenario]);
  // While a fault window is dragged, its draft timeline stands in for the scenario's on every chart.
  const faultDraft = useFaultDraft();
  const bands = useMemo(() => faultBands(scenario, liveEntries ?? [], faultDraft), [scenario, liveEntries, faultDraft]);

  // Charts take turns at a few redraws a second, and draw at most MAX_DRAWN_POINTS per series (MAX_BACKEND_POINTS per backend line).
  const throttledSeries = useThrottled(series, CHART_INTERVAL_MS);
  const shownThrottled = useThrottled(shown, CHART_INTERVAL_MS);
  const cursor = history ? shownThrottled : null;
  const drawnNow = useMemo(
    () => downsampleSeries(throttledSeries ? pointsUntil(throttledSeries, history ? shownThrottled : Infinity) : [], bucketMs),
    [throttledSeries, history, shownThrottled, bucketMs],
  );
  const latencyDrawnNow = useThrottled(drawnNow, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);
  const throttledBackendSeries = useThrottled(backendSeries, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);
  const backendLinesNow = useMemo(() => {
    const out: Array<[string, NonNullable<typeof backendSeries>[number]]> = [];
    let k = 0;
    const longest = Math.max(0, ...(throttledBackendSeries ?? []).map((p) => p.length));
    const factor = Math.ceil(longest / MAX_BACKEND_POINTS);
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++, k++) {
        if (scope && d.id !== scope) continue;
        const points = throttledBackendSeries?.[k];
        if (points) out.push([`${d.id}/${i}`, downsampleBackend(points, factor)]);
      }
    }
    return { lines: out, bucketMs: backendBucketMs * Math.max(1, factor) };
  }, [scenario, scope, throttledBackendSeries, backendBucketMs]);

  /*
   * While playing, a chart redraw (tens of ms in Recharts) renders deferred: React renders it in
   * slices between frames instead of in the frame that brought the snapshot. Paused, looking back
   * or stepping, charts render at once with the rest of the page.
   */
  const drawnDeferred = useDeferredValue(drawnNow);
  const latencyDeferred = useDeferredValue(latencyDrawnNow);
  const backendDeferred = useDeferredValue(backendLinesNow);
  // A re-run from the start (after a fault edit, or Resume from here) keeps the charts as they
  // were until it has caught up, instead of drawing them empty and refilling them.
  // (Held until the throttled copies have caught up with the re-run's result, or play resumes.)
  const rerunning = useRun((r) => r.rerun !== null) ?? false;
  const holding = useRef(false);
  if (rerunning) holding.current = true;
  else if (playing || (throttledSeries === series && throttledBackendSeries === backendSeries && latencyDrawnNow === drawnNow)) holding.current = false;
  const held = useRef({ drawn: drawnNow, latency: latencyDrawnNow, backend: backendLinesNow });
  if (!holding.current) held.current = { drawn: drawnNow, latency: latencyDrawnNow, backend: backendLinesNow };
  const hold = holding.current;
  const drawn = hold ? held.current.drawn : playing ? drawnDeferred : drawnNow;
  const latencyDrawn = hold ? held.current.latency : playing ? latencyDeferred : latencyDrawnNow;
  const backendLines = hold ? held.current.backend : playing ? backendDeferred : backendLinesNow;

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

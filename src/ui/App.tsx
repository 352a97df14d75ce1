/** The lab page: controls on top, the scenario on the left, machines and charts in the middle, the log below. */
import { useEffect, useMemo } from 'react';
import { inHistory, pointsUntil, scopeIndex, shownMs, statesShown, totalsShown } from '../store/history';
import { labStore } from '../store/labStore';
import { useLab, useRun, useRunShallow, useThrottled } from '../store/hooks';
import { BackendsPanel } from './BackendsPanel';
import { SagaOutcomeChart } from './charts/SagaOutcomeChart';
import { SagasPanel } from './SagasPanel';
import { SagaTimeline } from './SagaTimeline';
import { Banner } from './Banner';
import { ErrorBoundary } from './ErrorBoundary';
import { faultBands } from './charts/faultBands';
import { AttemptsChart } from './charts/AttemptsChart';
import { BackendLoadChart } from './charts/BackendLoadChart';
import { ChartSlot } from './charts/ChartSlot';
import { InFlightChart } from './charts/InFlightChart';
import { LatencyChart } from './charts/LatencyChart';
import { ThroughputChart } from './charts/ThroughputChart';
import { useController } from './controllerContext';
import { MachinePanel } from './MachinePanel';
import { ScenarioPanel } from './ScenarioPanel';
import { StateTimeline } from './StateTimeline';
import { TimeBar } from './TimeBar';
import { TopBar } from './TopBar';
import { TotalsPanel } from './TotalsPanel';
import { TransitionLog } from './TransitionLog';

/** Charts redraw at most this often (Recharts costs 15–40 ms per update). */
const CHART_INTERVAL_MS = 250;

export function App() {
  useKeyboard();
  const scope = useLab((s) => s.scope);
  const scenario = useRun((r) => r.scenario) ?? null;
  const liveEntries = useRun((r) => r.liveEntries);
  const seed = useRun((r) => r.seed);
  const machines = useRun((r) => r.machines);
  const breakers = useRun((r) => r.breakers);
  const backends = useRun((r) => r.backends);
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
  const policies = useRun((r) => r.policies);
  const sagas = useRun((r) => r.sagas) ?? null;
  const sagaTraces = useRun((r) => r.sagaTraces);
  const hasSagas = (scenario?.sagas.length ?? 0) > 0;
  const backendSeries = useRun((r) => r.backendSeries);
  const backendBucketMs = useRun((r) => r.backendBucketMs) ?? 1000;
  const bucketMs = useRun((r) => r.bucketMs) ?? 1000;
  const status = useRun((r) => r.status);

  const slots = useMemo(() => {
    const out: Record<string, number> = {};
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++) out[`${d.id}/${i}`] = d.backends.instances?.[i]?.concurrency ?? d.backends.concurrency;
    }
    return out;
  }, [scenario]);
  const throttledBackendSeries = useThrottled(backendSeries, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);
  const backendLines = useMemo(() => {
    const out: Array<[string, NonNullable<typeof backendSeries>[number]]> = [];
    let k = 0;
    for (const d of scenario?.dependencies ?? []) {
      for (let i = 0; i < d.backends.count; i++, k++) {
        if (scope && d.id !== scope) continue;
        const points = throttledBackendSeries?.[k];
        if (points) out.push([`${d.id}/${i}`, points]);
      }
    }
    return out;
  }, [scenario, scope, throttledBackendSeries]);
  const bands = useMemo(() => faultBands(scenario, liveEntries ?? []), [scenario, liveEntries]);
  const throttledSeries = useThrottled(series, CHART_INTERVAL_MS);
  const shownThrottled = useThrottled(shown, CHART_INTERVAL_MS);
  const chartPoints = useMemo(() => (throttledSeries ? pointsUntil(throttledSeries, history ? shownThrottled : Infinity) : []), [throttledSeries, history, shownThrottled]);
  // The second chart redraws half an interval later, so two redraws never share a frame.
  const latencyPoints = useThrottled(chartPoints, CHART_INTERVAL_MS, CHART_INTERVAL_MS / 2);

  useEffect(() => {
    document.title = scenario ? `${scenario.name} · Faultline` : 'Faultline';
  }, [scenario]);

  return (
    <div className="app" data-status={status ?? 'loading'}>
      <TopBar />
      <Banner />
      <main className="layout">
        <aside className="side">
          <ErrorBoundary name="scenario">
            <ScenarioPanel scenario={scenario} liveEntries={liveEntries ?? []} seed={seed} />
          </ErrorBoundary>
        </aside>
        <div className="center">
          <div className="row-top">
            <ErrorBoundary name="machines">
              <MachinePanel machines={machines ?? []} breakers={breakers ?? []} policies={policies ?? {}} scenario={scenario} states={states ?? {}} history={history} />
            </ErrorBoundary>
            <ErrorBoundary name="totals">{totals && <TotalsPanel totals={totals} latency={scope ? null : latency} history={history} scope={scope} />}</ErrorBoundary>
            {hasSagas ? (
              <ErrorBoundary name="sagas">
                <SagasPanel sagas={sagas} />
              </ErrorBoundary>
            ) : (
              <ErrorBoundary name="backends">
                <BackendsPanel backends={backends ?? []} slots={slots} />
              </ErrorBoundary>
            )}
          </div>
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
            shownMs={shown}
            bands={bands}
          />
          )}
          </ErrorBoundary>
          <div className="charts-area">
            {(scenario?.dependencies.length ?? 0) > 1 && (
              <label className="field scope-select">
                <span>Charts and totals for</span>
                <select aria-label="Charts and totals for" value={scope} onChange={(e) => labStore.setState({ scope: e.target.value })}>
                  <option value="">every request</option>
                  {scenario?.dependencies.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.id}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="charts">
              <ChartSlot
                label="Throughput charts"
                tabs={[
                  ...(hasSagas
                    ? [
                        {
                          id: 'sagas',
                          title: 'Saga outcomes',
                          render: () => (
                            <ErrorBoundary name="saga outcome chart">
                              <SagaOutcomeChart points={chartPoints} bucketMs={bucketMs} durationMs={durationMs} bands={bands} cursorMs={history ? shownThrottled : null} />
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
                        <ThroughputChart points={chartPoints} bucketMs={bucketMs} durationMs={durationMs} bands={bands} cursorMs={history ? shownThrottled : null} />
                      </ErrorBoundary>
                    ),
                  },
                  {
                    id: 'backends',
                    title: 'Per backend',
                    render: () => (
                      <ErrorBoundary name="per-backend chart">
                        <BackendLoadChart
                          backends={backendLines}
                          bucketMs={backendBucketMs}
                          durationMs={durationMs}
                          bands={bands}
                          cursorMs={history ? shownThrottled : null}
                          shownUntil={history ? shownThrottled : Infinity}
                        />
                      </ErrorBoundary>
                    ),
                  },
                  {
                    id: 'attempts',
                    title: 'Attempts & goodput',
                    render: () => (
                      <ErrorBoundary name="attempts chart">
                        <AttemptsChart points={chartPoints} bucketMs={bucketMs} durationMs={durationMs} bands={bands} cursorMs={history ? shownThrottled : null} />
                      </ErrorBoundary>
                    ),
                  },
                ]}
              />
              <ChartSlot
                label="Latency charts"
                tabs={[
                  {
                    id: 'latency',
                    title: 'Latency',
                    render: () => (
                      <ErrorBoundary name="latency chart">
                        <LatencyChart points={latencyPoints} durationMs={durationMs} bands={bands} cursorMs={history ? shownThrottled : null} />
                      </ErrorBoundary>
                    ),
                  },
                  {
                    id: 'inflight',
                    title: 'In flight',
                    render: () => (
                      <ErrorBoundary name="in-flight chart">
                        <InFlightChart points={latencyPoints} durationMs={durationMs} bands={bands} cursorMs={history ? shownThrottled : null} />
                      </ErrorBoundary>
                    ),
                  },
                ]}
              />
            </div>
          </div>
          <ErrorBoundary name="log">
            <TransitionLog log={log ?? []} logVersion={logVersion} shownMs={shown} dropped={logDropped} />
          </ErrorBoundary>
        </div>
      </main>
      <TimeBar />
    </div>
  );
}

/** Space plays or pauses; → steps to the next event, shift+→ to the next transition. */
function useKeyboard(): void {
  const c = useController();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.key === ' ' && !e.repeat) {
        e.preventDefault();
        c.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        void c.step(e.shiftKey ? 'transition' : 'event');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [c]);
}

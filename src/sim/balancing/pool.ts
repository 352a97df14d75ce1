/**
 * A dependency's backend pool as its balancer sees it: which hosts take traffic (health checks,
 * outlier ejection, panic), with what weight (slow start), and the algorithm that picks one.
 */
import type { BackendInstance } from '../backend';
import type { SimClock } from '../clock';
import { BackendHealthComponent } from '../components/backendHealthComponent';
import type { CallResult } from '../pipeline/types';
import { Stream, streamFor, type Random } from '../random';
import type { Balancer as BalancerSpec } from '../scenario/topology';
import { pickerFor, type Host, type Picker } from './balancers';

export interface PoolHooks {
  onTransition(machine: string, from: string, to: string, cause: string): void;
  onNotice(target: string, text: string): void;
  /** A call was routed to backend `index` of this pool. */
  onRouted(index: number, load: number): void;
  /** Backend `index` answered a routed call with a failure. */
  onFailed(index: number): void;
}

export class BackendPool {
  readonly hosts: Host[];
  readonly health: BackendHealthComponent[] = [];
  /** Calls routed to each host. */
  readonly routed: number[];
  private eligible: Host[];
  private readonly picker: Picker;
  private readonly consecutive: number[];
  private warming = 0;
  panic = false;
  private readonly drawStream: number;
  private checkCount = 0;

  constructor(
    readonly depId: string,
    readonly depIndex: number,
    readonly backends: BackendInstance[],
    readonly spec: BalancerSpec,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly hooks: PoolHooks,
  ) {
    this.hosts = backends.map((b) => ({ backend: b, weight: b.spec.weight, current: 0 }));
    this.eligible = this.hosts;
    this.routed = backends.map(() => 0);
    this.consecutive = backends.map(() => 0);
    this.picker = pickerFor(spec);
    this.drawStream = streamFor(Stream.balancer, depIndex);
    if (spec.healthCheck || spec.outlierDetection) {
      const config = { rise: spec.healthCheck?.rise ?? 1, fall: spec.healthCheck?.fall ?? 1, slowStartMs: spec.slowStartMs };
      for (const b of backends) {
        const id = `${b.id}.health`;
        this.health.push(
          new BackendHealthComponent(id, config, clock, (from, to, cause) => {
            hooks.onTransition(id, from, to, cause);
            this.refresh();
          }),
        );
      }
      this.scheduleHealthChecks();
      this.scheduleSweeps();
    }
  }

  /** Recomputes who takes traffic after a health change: healthy hosts, or all of them in panic. */
  private refresh(): void {
    if (this.health.length === 0) return;
    const serving = this.hosts.filter((_, i) => this.health[i].serving);
    this.warming = this.health.filter((h) => h.state === 'WARMING').length;
    const share = (100 * serving.length) / this.hosts.length;
    const panic = this.spec.panicThresholdPercent > 0 && share < this.spec.panicThresholdPercent;
    if (panic !== this.panic) {
      this.panic = panic;
      this.hooks.onNotice(
        this.depId,
        panic
          ? `panic: ${serving.length} of ${this.hosts.length} hosts healthy (${Math.round(share)}%) < ${this.spec.panicThresholdPercent}%: health is ignored and traffic spreads over every host (Envoy panic threshold)`
          : `panic over: ${serving.length} of ${this.hosts.length} hosts healthy (${Math.round(share)}%)`,
      );
    }
    this.eligible = panic ? this.hosts : serving;
    for (const h of this.hosts) h.current = 0;
    this.picker.reset();
  }

  /** Picks the host for a call, or null when no host takes traffic. */
  pick(callKey: number, attempt: number): BackendInstance | null {
    const hosts = this.eligible;
    if (hosts.length === 0) return null;
    if (this.warming > 0) {
      for (let i = 0; i < this.hosts.length; i++) {
        const h = this.hosts[i];
        h.weight = h.backend.spec.weight * (this.health[i]?.weightFactor() ?? 1);
      }
    }
    const host = hosts.length === 1 ? hosts[0] : this.picker.pick(hosts, (k) => this.random.u(this.drawStream, callKey, attempt, k));
    const index = host.backend.index;
    this.routed[index]++;
    this.hooks.onRouted(index, host.backend.busy + host.backend.queued);
    return host.backend;
  }

  /** The routed call's answer: failures count toward outlier ejection (Envoy consecutive_5xx). */
  observe(index: number, result: CallResult): void {
    const failed = result.outcome === 'failure' || result.outcome === 'rejected';
    if (failed) this.hooks.onFailed(index);
    const od = this.spec.outlierDetection;
    if (!od) return;
    if (!failed) {
      this.consecutive[index] = 0;
      return;
    }
    const n = ++this.consecutive[index];
    const health = this.health[index];
    if (n < od.consecutive5xx || health.state === 'EJECTED') return;
    const ejected = this.health.filter((h) => h.state === 'EJECTED').length;
    const maxEjected = Math.floor((this.hosts.length * od.maxEjectionPercent) / 100);
    // With few hosts the percentage rounds to none; Envoy still ejects one when none is out.
    if (ejected >= maxEjected && ejected > 0) return;
    const duration = Math.min(od.maxEjectionTimeMs, od.baseEjectionTimeMs * (health.ejections + 1));
    this.consecutive[index] = 0;
    health.send({ type: 'EJECT', durationMs: duration, failures: n });
  }

  /** HAProxy-style active checks, spread evenly over the interval. */
  private scheduleHealthChecks(): void {
    const hc = this.spec.healthCheck;
    if (!hc) return;
    this.backends.forEach((b, i) => {
      const first = (hc.intervalMs * (i + 1)) / this.backends.length;
      const tick = () => {
        this.runCheck(b, i);
        this.clock.schedule(this.clock.now + hc.intervalMs, tick);
      };
      this.clock.schedule(first, tick);
    });
  }

  private runCheck(b: BackendInstance, i: number): void {
    const hc = this.spec.healthCheck!;
    const e = b.effects;
    let reason = '';
    if (e.outage) reason = 'connection refused (outage)';
    else if (e.hang) reason = `no answer within ${hc.timeoutMs} ms (hang)`;
    else if (b.capacity === 0) reason = 'no capacity left';
    else if (e.addedMs > hc.timeoutMs) reason = `slower than the ${hc.timeoutMs} ms check timeout`;
    else if (e.errorProbability > 0 && this.random.u(streamFor(Stream.healthCheck, this.depIndex), i, this.checkCount) < e.errorProbability) reason = 'error response';
    this.checkCount++;
    this.health[i].send(reason ? { type: 'CHECK.FAILED', reason } : { type: 'CHECK.PASSED' });
  }

  /** Envoy's outlier-detection sweep: ejected hosts whose time is up return. */
  private scheduleSweeps(): void {
    const od = this.spec.outlierDetection;
    if (!od) return;
    const tick = () => {
      for (const h of this.health) h.send({ type: 'SWEEP' });
      this.clock.schedule(this.clock.now + od.intervalMs, tick);
    };
    this.clock.schedule(od.intervalMs, tick);
  }

  stop(): void {
    for (const h of this.health) h.stop();
  }
}

/** The page's side of the worker protocol: requests with promises, snapshots to a listener. */
import type { RunReport } from '../sim/report';
import type { TimelineEntry } from '../sim/scenario/timeline';
import type { FromWorker, ToWorker } from './protocol';

type Pending = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

/** Distributes every message but answers (ack, report, loaded, error with a reqId) to `onMessage`. */
export class SimClient {
  private readonly worker: Worker;
  private nextReq = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly onMessage: (m: FromWorker) => void) {
    this.worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module', name: 'faultline-sim' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const err = new Error(`simulation worker failed: ${e.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  private receive(m: FromWorker): void {
    // Listeners see every message first, so the store holds a snapshot before its ack resolves.
    this.onMessage(m);
    const reqId = 'reqId' in m ? m.reqId : undefined;
    if (reqId === undefined) return;
    const p = this.pending.get(reqId);
    if (!p) return;
    this.pending.delete(reqId);
    if (m.type === 'error') p.reject(new Error(m.message));
    else p.resolve(m);
  }

  /** Sends without waiting for an answer. */
  send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  /** Sends and resolves with the worker's answer to it. */
  request<M extends ToWorker>(msg: M): Promise<FromWorker> {
    const reqId = this.nextReq++;
    return new Promise((resolve, reject) => {
      this.pending.set(reqId, { resolve, reject });
      this.worker.postMessage({ ...msg, reqId });
    });
  }

  async report(runId: string): Promise<RunReport> {
    const m = await this.request({ type: 'report', runId, reqId: 0 });
    if (m.type !== 'report') throw new Error(`unexpected answer ${m.type}`);
    return m.report;
  }

  async command(runId: string, entry: unknown): Promise<TimelineEntry> {
    const m = await this.request({ type: 'command', runId, entry });
    if (m.type !== 'ack' || !m.entry) throw new Error('the worker did not confirm the command');
    return m.entry;
  }
}

/// <reference lib="webworker" />
/** The simulation worker: the engine runs here so the page never blocks while a run goes at full speed. */
import type { ToWorker } from './protocol';
import { RunHost } from './runHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A MessageChannel round trip yields to the worker's event loop (so pause and commands get
// through) without the 4 ms clamp browsers put on nested setTimeout.
const channel = new MessageChannel();
const queue: Array<() => void> = [];
channel.port1.onmessage = () => queue.shift()?.();

const host = new RunHost({
  now: () => performance.now(),
  post: (message) => scope.postMessage(message),
  schedule: (fn, delayMs) => {
    if (delayMs <= 0) {
      queue.push(fn);
      channel.port2.postMessage(null);
    } else {
      setTimeout(fn, delayMs);
    }
  },
});

scope.onmessage = (event: MessageEvent<ToWorker>) => host.handle(event.data);

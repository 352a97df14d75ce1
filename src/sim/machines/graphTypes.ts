/** A machine's definition as a graph the page can draw: its visible states and the transitions between them. */

export interface MachineGraphEdge {
  from: string;
  to: string;
  /** The event in words: "CALL.FINISHED", "after waitInOpen", "always" (eventless). */
  event: string;
  /** Guard names on the way (a transient state's eventless choice adds its guard), e.g. ["thresholdsExceeded"]. */
  guards: string[];
}

export interface MachineGraph {
  /** Machine kind, e.g. "circuitBreaker". */
  kind: string;
  /** Visible states in definition order. */
  states: string[];
  initial: string;
  edges: MachineGraphEdge[];
}

/** What the page shows about the machine being inspected, sent with each snapshot. */
export interface InspectedMachine {
  id: string;
  kind: string;
  state: string;
  /** Transitions so far by "FROM→TO" (for a saga: over every instance of it). */
  counts: Record<string, number>;
  /** The latest transition, to flash it. */
  last: { from: string; to: string; atMs: number; cause: string } | null;
  /** Each guard of the graph in words with the current numbers, e.g. "failure rate 40% < 50% over the last 10 calls". */
  guards: Record<string, string>;
}

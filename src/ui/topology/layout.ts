/**
 * Geometry of the topology diagram: where each node's box sits and which path each edge takes,
 * from the scenario and the size of the box to draw in. Pure: no React, no DOM. Coordinates are
 * CSS pixels of the drawing box, so text keeps its size whatever the box.
 */
import type { Policy, PolicyType } from '../../sim/scenario/policies';
import type { Scenario } from '../../sim/scenario/schema';
import type { Dependency } from '../../sim/scenario/topology';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Backends drawn per dependency; the rest are summed up in one "+N more" node. */
export const MAX_DRAWN_BACKENDS = 12;

/** Sizes inside a dependency box (the component draws text at these offsets). */
export const DEP_BOX = { pad: 6, title: 15, chipH: 14, chipRow: 17, footer: 13, arrow: 10, font: 9.5 } as const;

interface NodeBase extends Rect {
  /** Selection id: `client`, `saga:<id>`, `dep:<id>`, `balancer:<id>`, `backend:<dep>/<i>`, `more:<dep>`. */
  id: string;
}

export interface ClientNode extends NodeBase {
  kind: 'client';
  ratePerSec: number;
}

export interface SagaNode extends NodeBase {
  kind: 'saga';
  saga: number;
  sagaId: string;
  steps: number;
  coordination: string;
  /** Dependency ids its steps and compensations call, in step order. */
  calls: string[];
}

export interface PolicyChip extends Rect {
  type: PolicyType;
  label: string;
  /** The machine whose state the chip's dot shows, e.g. `payments.circuitBreaker`; null when stateless. */
  machineId: string | null;
}

export interface DependencyNode extends NodeBase {
  kind: 'dependency';
  dep: number;
  depId: string;
  name: string;
  /** The pipeline outermost first, e.g. "retry → breaker → timeout". */
  chain: string;
  chips: PolicyChip[];
  /** Chips that did not fit, summed up in `moreChip`. */
  hiddenChips: number;
  moreChip: Rect | null;
  /** Whether the box has room for the live-figures line at its bottom. */
  footer: boolean;
  /** Request slots over all its backends. */
  slots: number;
  backends: number;
}

export interface BalancerNode extends NodeBase {
  kind: 'balancer';
  dep: number;
  depId: string;
  algorithm: string;
  label: string;
  backends: number;
}

export interface BackendNode extends NodeBase {
  kind: 'backend';
  dep: number;
  depId: string;
  index: number;
  /** The engine's backend id, `<dep>/<i>`. */
  backendId: string;
  concurrency: number;
}

export interface MoreNode extends NodeBase {
  kind: 'more';
  dep: number;
  depId: string;
  /** Index of the first backend it stands for. */
  firstIndex: number;
  hidden: number;
  slots: number;
}

export type TopoNode = ClientNode | SagaNode | DependencyNode | BalancerNode | BackendNode | MoreNode;

export interface TopoEdge {
  id: string;
  from: string;
  to: string;
  /** Polyline the animated requests follow, from `from` to `to`. */
  points: Point[];
  /** SVG path data of the same line. */
  d: string;
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: TopoNode[];
  edges: TopoEdge[];
  nodeById: Map<string, TopoNode>;
  /** Keyed by `edgeId(from, to)`. */
  edgeById: Map<string, TopoEdge>;
  depIds: string[];
  sagaIds: string[];
}

export const CLIENT_ID = 'client';
export const sagaNodeId = (sagaId: string): string => `saga:${sagaId}`;
export const depNodeId = (depId: string): string => `dep:${depId}`;
export const balancerNodeId = (depId: string): string => `balancer:${depId}`;
export const backendNodeId = (depId: string, index: number): string => `backend:${depId}/${index}`;
export const moreNodeId = (depId: string): string => `more:${depId}`;
export const edgeId = (from: string, to: string): string => `${from}>${to}`;

const POLICY_LABELS: Record<PolicyType, string> = {
  timeout: 'timeout',
  circuitBreaker: 'breaker',
  retry: 'retry',
  fallback: 'fallback',
  bulkhead: 'bulkhead',
  rateLimiter: 'limiter',
};

const ALGORITHM_LABELS: Record<string, string> = {
  roundRobin: 'round robin',
  weightedRoundRobin: 'weighted RR',
  random: 'random',
  leastConnections: 'least conn',
  leastRequest: 'least req.',
};

const ALGORITHM_NAMES: Record<string, string> = {
  roundRobin: 'round robin',
  weightedRoundRobin: 'weighted round robin',
  random: 'random',
  leastConnections: 'least connections',
  leastRequest: 'least request',
};

/** Full name of a balancing algorithm, for labels read aloud. */
export const algorithmName = (algorithm: string): string => ALGORITHM_NAMES[algorithm] ?? algorithm;

/** Short name of a policy type, as its chip shows it. */
export const policyLabel = (type: PolicyType): string => POLICY_LABELS[type];

/** Short name of a balancing algorithm, as its node shows it. */
export const algorithmLabel = (algorithm: string): string => ALGORITHM_LABELS[algorithm] ?? algorithm;

/** The machine a policy runs, named as the engine names it, or null for a stateless policy. */
export function policyMachineId(depId: string, policy: Policy): string | null {
  if (policy.type === 'circuitBreaker' || policy.type === 'bulkhead' || policy.type === 'rateLimiter') return `${depId}.${policy.type}`;
  if (policy.type === 'retry' && policy.budget) return `${depId}.retryBudget`;
  return null;
}

// An estimate of the average glyph width of the UI's sans-serif font, as a share of its size.
const GLYPH = 0.58;

/** Estimated width of `text` at `fontPx` (no layout reads). */
export const textWidth = (text: string, fontPx: number): number => text.length * fontPx * GLYPH;

/** `text`, cut with an ellipsis to fit `maxWidth` at `fontPx`. */
export function fitText(text: string, maxWidth: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= maxWidth) return text;
  const chars = Math.floor(maxWidth / (fontPx * GLYPH)) - 1;
  return chars <= 0 ? '' : `${text.slice(0, chars)}…`;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const r1 = (x: number): number => Math.round(x * 10) / 10;
const rightMid = (r: Rect): Point => ({ x: r.x + r.w, y: r.y + r.h / 2 });
const leftMid = (r: Rect): Point => ({ x: r.x, y: r.y + r.h / 2 });

/** A horizontal-tangent cubic from a to b, flattened to points, and its SVG path. */
function curve(a: Point, b: Point): { points: Point[]; d: string } {
  const dx = (b.x - a.x) / 2;
  const c1 = { x: a.x + dx, y: a.y };
  const c2 = { x: b.x - dx, y: b.y };
  const points: Point[] = [];
  const n = Math.abs(b.y - a.y) < 0.5 ? 1 : 16;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    points.push({
      x: r1(u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x),
      y: r1(u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y),
    });
  }
  const d = n === 1 ? `M${r1(a.x)} ${r1(a.y)}L${r1(b.x)} ${r1(b.y)}` : `M${r1(a.x)} ${r1(a.y)}C${r1(c1.x)} ${r1(c1.y)} ${r1(c2.x)} ${r1(c2.y)} ${r1(b.x)} ${r1(b.y)}`;
  return { points, d };
}

function makeEdge(from: string, to: string, path: { points: Point[]; d: string }): TopoEdge {
  return { id: edgeId(from, to), from, to, points: path.points, d: path.d };
}

/** Heights of n bands stacked in `total` with `gap` between them, each at least `min`, the rest shared by weight. */
function bands(top: number, total: number, weights: number[], gap: number, min: number): Array<{ y: number; h: number }> {
  const n = weights.length;
  const avail = Math.max(0, total - gap * (n - 1));
  const floor = Math.min(min, avail / n);
  const extra = avail - floor * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: Array<{ y: number; h: number }> = [];
  let y = top;
  for (const w of weights) {
    const h = floor + (extra * w) / sum;
    out.push({ y, h });
    y += h + gap;
  }
  return out;
}

interface Grid {
  rows: number;
  cols: number;
  w: number;
  h: number;
  gx: number;
  gy: number;
}

// Backend boxes stop growing here; below the ideal size they get harder to read.
const BACKEND_MAX = { w: 190, h: 40 };
const BACKEND_IDEAL = { w: 84, h: 22 };
/** Width a backend asks for: its name, a load bar, "10/10 · q999". */
const BACKEND_WANT = 128;
const MIN_GAP = 14;
const COMFORT_GAP = 28;
const MAX_GAP = 64;
const DEP_MAX_W = 240;
// Bold titles run wider than the average glyph.
const BOLD = 1.08;

interface ColumnWidths {
  clientW: number;
  sagaW: number;
  depW: number;
  balW: number;
  backW: number;
}

/** Whether a pool is drawn in more than one column of backends. */
const manyBackends = (scenario: Scenario): boolean => scenario.dependencies.some((d) => d.backends.count > 6);

/** The width each column asks for, from the text it shows. */
function columnWants(scenario: Scenario): ColumnWidths {
  const clientText = Math.max(textWidth('client', 11) * BOLD, textWidth(`${scenario.workload.ratePerSec}/s`, 10));
  const sagaText = Math.max(0, ...scenario.sagas.map((s) => Math.max(textWidth(`saga ${s.id}`, 11) * BOLD, textWidth(`${s.steps.length} steps`, 10))));
  const depText = Math.max(
    0,
    ...scenario.dependencies.map((d) => {
      const chips = d.pipeline.reduce((sum, p) => sum + chipWidth(policyLabel(p.type), policyMachineId(d.id, p) !== null), 0) + DEP_BOX.arrow * Math.max(0, d.pipeline.length - 1);
      return Math.max(textWidth(d.name ?? d.id, 11) * BOLD, textWidth('99/99 busy · q 999', DEP_BOX.font), chips);
    }),
  );
  const balText = Math.max(0, ...scenario.dependencies.map((d) => Math.max(textWidth(algorithmLabel(d.balancer.algorithm), 10.5) * BOLD, textWidth('12/12 up', 10))));
  return {
    clientW: clamp(clientText + 18, 50, 100),
    sagaW: scenario.sagas.length > 0 ? clamp(sagaText + 16, 70, 150) : 0,
    depW: clamp(depText + 2 * DEP_BOX.pad + 2, 100, DEP_MAX_W),
    balW: clamp(balText + 20, 64, 130),
    backW: BACKEND_WANT * (manyBackends(scenario) ? 1.6 : 1),
  };
}

/** The rows × columns that give k boxes the most legible size in a width × height area; fewer columns on a tie. */
export function chooseGrid(k: number, width: number, height: number): Grid {
  let best: Grid | null = null;
  let bestScore = -Infinity;
  for (let rows = k; rows >= 1; rows--) {
    const cols = Math.ceil(k / rows);
    if (Math.ceil(k / cols) < rows) continue;
    const gx = cols > 1 ? Math.min(6, width / (cols * 6)) : 0;
    // Several columns need room between rows for the edges to reach the inner boxes.
    const gy = cols > 1 ? Math.min(6, height / (rows * 5)) : Math.min(4, height / (rows * 5));
    const topLane = rows === 1 && cols > 1 ? gy : 0;
    const w = Math.min(BACKEND_MAX.w, (width - (cols - 1) * gx) / cols);
    const h = Math.min(BACKEND_MAX.h, (height - topLane - (rows - 1) * gy) / rows);
    const score = Math.min(w / BACKEND_IDEAL.w, h / BACKEND_IDEAL.h, 1);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = { rows, cols, w: Math.max(1, w), h: Math.max(1, h), gx, gy };
    }
  }
  return best ?? { rows: 1, cols: 1, w: width, h: height, gx: 0, gy: 0 };
}

interface ChipFlow {
  chips: PolicyChip[];
  hidden: number;
  moreChip: Rect | null;
  rows: number;
}

/** Chip: 3 px padding each side, the label, and a state dot in front when the policy has a machine. */
const chipWidth = (label: string, stateful: boolean): number => 6 + textWidth(label, DEP_BOX.font) + (stateful ? 8 : 0);

/** Places chips of the given widths left to right in rows of `width`; null when they need more than `maxRows`. */
function place(widths: number[], x0: number, y0: number, width: number, maxRows: number): { at: Point[]; rows: number } | null {
  const at: Point[] = [];
  let row = 0;
  let x = x0;
  for (const w of widths) {
    if (x > x0 && x + w > x0 + width) {
      row++;
      x = x0;
    }
    if (row >= maxRows) return null;
    at.push({ x, y: y0 + row * DEP_BOX.chipRow });
    x += w + DEP_BOX.arrow;
  }
  return { at, rows: widths.length === 0 ? 0 : row + 1 };
}

/** A pipeline's chips in at most `maxRows` rows of `width`; what does not fit becomes a "+k" chip. */
function flowChips(dep: Dependency, x0: number, y0: number, width: number, maxRows: number): ChipFlow {
  const specs = dep.pipeline.map((policy) => {
    const machineId = policyMachineId(dep.id, policy);
    const label = policyLabel(policy.type);
    return { type: policy.type, label, machineId, w: Math.min(width, chipWidth(label, machineId !== null)) };
  });
  const chipsOf = (at: Point[]): PolicyChip[] =>
    at.map((p, i) => ({ type: specs[i].type, label: specs[i].label, machineId: specs[i].machineId, x: p.x, y: p.y, w: specs[i].w, h: DEP_BOX.chipH }));
  const all = place(specs.map((s) => s.w), x0, y0, width, maxRows);
  if (all) return { chips: chipsOf(all.at), hidden: 0, moreChip: null, rows: all.rows };
  for (let n = specs.length - 1; n >= 0; n--) {
    const moreW = Math.min(width, chipWidth(`+${specs.length - n}`, false));
    const fit = place([...specs.slice(0, n).map((s) => s.w), moreW], x0, y0, width, maxRows);
    if (fit) {
      const last = fit.at[n];
      return { chips: chipsOf(fit.at.slice(0, n)), hidden: specs.length - n, moreChip: { x: last.x, y: last.y, w: moreW, h: DEP_BOX.chipH }, rows: fit.rows };
    }
  }
  return { chips: [], hidden: specs.length, moreChip: null, rows: 0 };
}

/** Dependency ids a saga's steps and compensations call, in step order, without repeats. */
function sagaCalls(saga: Scenario['sagas'][number]): string[] {
  const out: string[] = [];
  for (const step of saga.steps) {
    for (const id of [step.dependency, step.compensation?.dependency]) if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}

export const backendConcurrency = (dep: Dependency, i: number): number => dep.backends.instances?.[i]?.concurrency ?? dep.backends.concurrency;

/**
 * Node boxes and edge paths of a scenario's topology in a width × height box: the client on the
 * left, then the sagas (if any), the dependencies with their pipelines, their balancers, and the
 * backends on the right (at most 12 per dependency, then a "+N more" node).
 */
export function topologyLayout(scenario: Scenario, width: number, height: number): TopologyLayout {
  const W = Math.max(80, width);
  const H = Math.max(60, height);
  const margin = clamp(Math.min(W, H) * 0.03, 4, 10);
  const innerW = W - 2 * margin;
  const innerH = H - 2 * margin;
  const deps = scenario.dependencies;
  const sagas = scenario.sagas;
  const hasSagas = sagas.length > 0;

  // Columns: client, [sagas], dependencies, balancers, backends. Each asks for the width its text
  // needs; what is left goes to the gaps (up to a comfortable width), the backends, longer gaps
  // (longer edges for the moving requests), the dependencies, and then centres the drawing.
  // Short of room, every column shrinks alike.
  const wants = columnWants(scenario);
  let { clientW, sagaW, depW, balW, backW } = wants;
  const gaps = hasSagas ? 4 : 3;
  const fixed = clientW + sagaW + depW + balW + backW;
  let gap = MIN_GAP;
  let offset = 0;
  let spare = innerW - fixed - gap * gaps;
  if (spare < 0) {
    const k = innerW / (fixed + gap * gaps);
    clientW *= k;
    sagaW *= k;
    depW *= k;
    balW *= k;
    backW *= k;
    gap *= k;
  } else {
    const take = (want: number): number => {
      const got = Math.max(0, Math.min(spare, want));
      spare -= got;
      return got;
    };
    gap += take(gaps * (COMFORT_GAP - gap)) / gaps;
    backW += take(BACKEND_MAX.w * (manyBackends(scenario) ? 2 : 1) - backW);
    gap += take(gaps * (MAX_GAP - gap)) / gaps;
    depW += take(DEP_MAX_W - depW);
    offset = spare / 2;
  }
  const clientX = margin + offset;
  const sagaX = clientX + clientW + gap;
  const depX = (hasSagas ? sagaX + sagaW : clientX + clientW) + gap;
  const balX = depX + depW + gap;
  const backX = balX + balW + gap;

  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];

  const client: ClientNode = {
    kind: 'client',
    id: CLIENT_ID,
    x: clientX,
    w: clientW,
    h: Math.min(innerH, 56),
    y: 0,
    ratePerSec: scenario.workload.ratePerSec,
  };
  client.y = margin + (innerH - client.h) / 2;
  nodes.push(client);

  // Each dependency gets a horizontal band; pools with more backends get more of the height.
  const drawn = deps.map((d) => Math.min(d.backends.count, MAX_DRAWN_BACKENDS));
  const items = deps.map((d, i) => drawn[i] + (d.backends.count > MAX_DRAWN_BACKENDS ? 1 : 0));
  const bandGap = deps.length > 1 ? clamp(innerH * 0.03, 4, 12) : 0;
  const depBands = bands(
    margin,
    innerH,
    items.map((k) => clamp(k, 2, 6)),
    bandGap,
    48,
  );

  const sagaNodes: SagaNode[] = [];
  if (hasSagas) {
    const sagaBands = bands(margin, innerH, sagas.map(() => 1), clamp(innerH * 0.04, 4, 16), 30);
    sagas.forEach((s, i) => {
      const band = sagaBands[i];
      const h = Math.min(band.h, 46);
      const node: SagaNode = {
        kind: 'saga',
        id: sagaNodeId(s.id),
        x: sagaX,
        y: band.y + (band.h - h) / 2,
        w: sagaW,
        h,
        saga: i,
        sagaId: s.id,
        steps: s.steps.length,
        coordination: s.coordination,
        calls: sagaCalls(s),
      };
      sagaNodes.push(node);
      nodes.push(node);
    });
  }

  const depNodes: DependencyNode[] = [];
  deps.forEach((dep, di) => {
    const band = depBands[di];
    const innerDepW = depW - 2 * DEP_BOX.pad;
    const chipTop = DEP_BOX.pad + DEP_BOX.title;
    const wanted = flowChips(dep, 0, 0, innerDepW, Infinity);
    // Height of the title, the chip rows (the last without its gap), the live-figures line and the bottom padding.
    const heightFor = (rows: number, footer: boolean) => chipTop + rows * DEP_BOX.chipRow - 3 + (footer ? DEP_BOX.footer : 0) + 4;
    const h = Math.min(band.h, heightFor(Math.max(1, wanted.rows), true));
    const y = band.y + (band.h - h) / 2;
    // A short band loses the live-figures line first, then chip rows.
    const footer = h >= heightFor(1, true);
    const maxRows = Math.max(0, Math.floor((h - chipTop - (footer ? DEP_BOX.footer : 0) - 1) / DEP_BOX.chipRow));
    const flow = flowChips(dep, depX + DEP_BOX.pad, y + chipTop, innerDepW, maxRows);
    let slots = 0;
    for (let i = 0; i < dep.backends.count; i++) slots += backendConcurrency(dep, i);
    const node: DependencyNode = {
      kind: 'dependency',
      id: depNodeId(dep.id),
      x: depX,
      y,
      w: depW,
      h,
      dep: di,
      depId: dep.id,
      name: dep.name ?? dep.id,
      chain: dep.pipeline.map((p) => policyLabel(p.type)).join(' → '),
      chips: flow.chips,
      hiddenChips: flow.hidden,
      moreChip: flow.moreChip,
      footer,
      slots,
      backends: dep.backends.count,
    };
    depNodes.push(node);
    nodes.push(node);

    const balH = Math.min(band.h, 38);
    const balancer: BalancerNode = {
      kind: 'balancer',
      id: balancerNodeId(dep.id),
      x: balX,
      y: band.y + (band.h - balH) / 2,
      w: balW,
      h: balH,
      dep: di,
      depId: dep.id,
      algorithm: dep.balancer.algorithm,
      label: algorithmLabel(dep.balancer.algorithm),
      backends: dep.backends.count,
    };
    nodes.push(balancer);
    edges.push(makeEdge(node.id, balancer.id, curve(rightMid(node), leftMid(balancer))));

    // Backends in a grid; edges to inner columns run along the gap between rows, then turn in.
    const k = items[di];
    const grid = chooseGrid(k, backW, band.h);
    const gridH = grid.rows * grid.h + (grid.rows - 1) * grid.gy;
    const gridTop = band.y + (band.h - gridH) / 2;
    const start = rightMid(balancer);
    const entryX = backX - Math.min(gap / 2, 8);
    for (let j = 0; j < k; j++) {
      const r = Math.floor(j / grid.cols);
      const c = j % grid.cols;
      const box: Rect = { x: backX + c * (grid.w + grid.gx), y: gridTop + r * (grid.h + grid.gy), w: grid.w, h: grid.h };
      let target: BackendNode | MoreNode;
      if (j < drawn[di]) {
        target = { kind: 'backend', id: backendNodeId(dep.id, j), ...box, dep: di, depId: dep.id, index: j, backendId: `${dep.id}/${j}`, concurrency: backendConcurrency(dep, j) };
      } else {
        let hiddenSlots = 0;
        for (let i = j; i < dep.backends.count; i++) hiddenSlots += backendConcurrency(dep, i);
        target = { kind: 'more', id: moreNodeId(dep.id), ...box, dep: di, depId: dep.id, firstIndex: j, hidden: dep.backends.count - j, slots: hiddenSlots };
      }
      nodes.push(target);
      if (c === 0) {
        edges.push(makeEdge(balancer.id, target.id, curve(start, leftMid(box))));
      } else {
        const below = grid.rows > 1 && r < grid.rows - 1;
        const laneY = below ? box.y + box.h + grid.gy / 2 : box.y - grid.gy / 2;
        const cx = box.x + box.w / 2;
        const enter = curve(start, { x: entryX, y: laneY });
        const endY = below ? box.y + box.h : box.y;
        const points = [...enter.points, { x: r1(cx), y: r1(laneY) }, { x: r1(cx), y: r1(endY) }];
        edges.push(makeEdge(balancer.id, target.id, { points, d: `${enter.d}L${r1(cx)} ${r1(laneY)}L${r1(cx)} ${r1(endY)}` }));
      }
    }
  });

  // Client edges: to each saga, and to each dependency the workload calls directly.
  const targets = scenario.workload.targets;
  const direct = new Set<number>();
  if (!targets) direct.add(0);
  else for (const t of targets) if (t.dependency !== undefined) direct.add(deps.findIndex((d) => d.id === t.dependency));
  direct.delete(-1);
  const outgoing = sagaNodes.length + direct.size;
  let slot = 0;
  const clientPort = (): Point => {
    slot++;
    return { x: client.x + client.w, y: client.y + (client.h * slot) / (outgoing + 1) };
  };
  for (const s of sagaNodes) {
    edges.push(makeEdge(client.id, s.id, curve(clientPort(), leftMid(s))));
    for (const depId of s.calls) {
      const target = depNodes.find((d) => d.depId === depId);
      if (target) edges.push(makeEdge(s.id, target.id, curve(rightMid(s), leftMid(target))));
    }
  }
  for (const d of depNodes) if (direct.has(d.dep)) edges.push(makeEdge(client.id, d.id, curve(clientPort(), leftMid(d))));

  return {
    width: W,
    height: H,
    nodes,
    edges,
    nodeById: new Map(nodes.map((n) => [n.id, n])),
    edgeById: new Map(edges.map((e) => [e.id, e])),
    depIds: deps.map((d) => d.id),
    sagaIds: sagas.map((s) => s.id),
  };
}

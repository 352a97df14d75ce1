/**
 * Geometry of a statechart: states on an ellipse, one curved arrow per ordered pair of states (a
 * pair's transitions share it, as they share a count), self-loops above the box. Each label slides
 * along its arrow to the first spot clear of boxes, other labels and other arrows; of the orders
 * of the states around the ellipse (the initial state on the left), the one that reads best (see
 * layoutCost) is drawn, ties keeping definition order. Pure, so it is tested without a DOM.
 */
import type { MachineGraph, MachineGraphEdge } from '../../sim/machines/graphTypes';

export interface Point {
  x: number;
  y: number;
}

/** A state's box, by its centre. */
export interface StateBox extends Point {
  state: string;
  w: number;
  h: number;
}

/** The transitions from one state to another (or to itself), drawn as one arrow. */
export interface EdgeGroup {
  from: string;
  to: string;
  transitions: MachineGraphEdge[];
  /** Events written on the arrow; events that leave every state (commands such as FORCE) are only in the tooltip. */
  shown: string[];
  /** Only such from-anywhere events: drawn faint, under the others. */
  background: boolean;
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface EdgeGeometry {
  /** SVG path of the arrow's line. */
  d: string;
  /** SVG polygon points of its head. */
  head: string;
  /** Centre of the label block (one line per shown event); on the line when there is no label. */
  label: Point;
  /** The label block, for collision checks; null without a label. */
  labelBox: Rect | null;
  /** Centre of the count badge. */
  badge: Point;
  /** Points along the line, for collision checks. */
  samples: Point[];
  /** Where along the arrow the label sits (0.5: the middle). */
  t: number;
}

export interface DrawnEdge {
  group: EdgeGroup;
  geo: EdgeGeometry;
}

export interface StatechartLayout {
  boxes: StateBox[];
  /** Faint from-anywhere arrows first, so the machine's own rules are drawn over them. */
  edges: DrawnEdge[];
}

const BOX_H = 30;
/** Room above the top boxes for their self-loops and labels. */
const TOP_ROOM = 56;
const BOTTOM_ROOM = 14;
/** Room left of the boxes for the initial-state marker. */
const SIDE_ROOM = 34;
/** Approximate advance of an upper-case character of the state label (12px, semibold). */
const CHAR_W = 8.2;
/** Advance of a label character (11px, mixed case). */
const LABEL_CHAR_W = 6.2;
export const LINE_H = 12;
/** Room right of a label for the count badge. */
const BADGE_ROOM = 22;
/** Orders are searched up to this many states (720 orders); beyond it definition order is kept. */
const MAX_SEARCHED = 7;
const ARROW_LEN = 8;
const ARROW_HALF_W = 4;
/** Gap between an arrowhead and the box it points at. */
const GAP = 2;

/** A size that fits n states without crowding. */
export function defaultSize(n: number): { width: number; height: number } {
  return { width: 640, height: n <= 2 ? 200 : n <= 4 ? 300 : 360 };
}

/** Coordinates to a tenth of a pixel keep the markup short. */
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Width of the box of a state label. */
const boxWidth = (state: string): number => Math.max(72, Math.round(state.length * CHAR_W + 22));

/**
 * Boxes on an ellipse in the order given, starting on the left and going clockwise; odd counts
 * come out symmetric about the horizontal axis, two states side by side.
 */
export function layoutStates(states: readonly string[], width: number, height: number): StateBox[] {
  const widest = Math.max(0, ...states.map(boxWidth));
  const cx = width / 2;
  const cy = (TOP_ROOM + height - BOTTOM_ROOM) / 2;
  const rx = Math.max(0, width / 2 - widest / 2 - SIDE_ROOM);
  const ry = Math.max(0, (height - TOP_ROOM - BOTTOM_ROOM) / 2 - BOX_H / 2);
  return states.map((state, i) => {
    const a = Math.PI + (2 * Math.PI * i) / states.length;
    const r = states.length === 1 ? 0 : 1;
    return { state, x: round1(cx + r * rx * Math.cos(a)), y: round1(cy + r * ry * Math.sin(a)), w: boxWidth(state), h: BOX_H };
  });
}

const isTimed = (event: string): boolean => event === 'always' || event.startsWith('after ');

/** Named events that leave every state of a graph of two or more (FORCE, CONFIG.UPDATED): commands, not the machine's own rules. */
export function fromAnywhereEvents(graph: MachineGraph): Set<string> {
  const out = new Set<string>();
  if (graph.states.length < 2) return out;
  for (const event of new Set(graph.edges.map((e) => e.event))) {
    if (isTimed(event)) continue;
    if (graph.states.every((s) => graph.edges.some((e) => e.from === s && e.event === event))) out.add(event);
  }
  return out;
}

/** The graph's edges grouped by (from, to), in the order they first appear. */
export function groupEdges(graph: MachineGraph): EdgeGroup[] {
  const anywhere = fromAnywhereEvents(graph);
  const groups = new Map<string, EdgeGroup>();
  for (const e of graph.edges) {
    const key = `${e.from}→${e.to}`;
    let g = groups.get(key);
    if (!g) {
      g = { from: e.from, to: e.to, transitions: [], shown: [], background: true };
      groups.set(key, g);
    }
    g.transitions.push(e);
    if (!anywhere.has(e.event)) {
      g.background = false;
      if (!g.shown.includes(e.event)) g.shown.push(e.event);
    }
  }
  return [...groups.values()];
}

/** States with no way out: a saga's COMMITTED, COMPENSATED and STUCK. */
export const terminalStates = (graph: MachineGraph): Set<string> => new Set(graph.states.filter((s) => !graph.edges.some((e) => e.from === s)));

const pt = (p: Point): string => `${round1(p.x)},${round1(p.y)}`;
const round1p = (p: Point): Point => ({ x: round1(p.x), y: round1(p.y) });

const rectAround = (c: Point, w: number, h: number): Rect => ({ x0: c.x - w / 2, y0: c.y - h / 2, x1: c.x + w / 2, y1: c.y + h / 2 });
export const boxRect = (b: StateBox, margin = 0): Rect => rectAround(b, b.w + 2 * margin, b.h + 2 * margin);
export const rectsOverlap = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inRect = (p: Point, r: Rect): boolean => p.x > r.x0 && p.x < r.x1 && p.y > r.y0 && p.y < r.y1;

/** Where the ray from a box's centre towards `toward` leaves the box, pushed out by `gap`. */
function boxExit(box: StateBox, toward: Point, gap = 0): Point {
  const dx = toward.x - box.x;
  const dy = toward.y - box.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return { x: box.x, y: box.y };
  const t = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy));
  return { x: box.x + dx * t + (dx / len) * gap, y: box.y + dy * t + (dy / len) * gap };
}

/** An arrowhead with its tip at `tip`, pointing away from `from`. */
function arrowHead(tip: Point, from: Point): string {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const base = { x: tip.x - ux * ARROW_LEN, y: tip.y - uy * ARROW_LEN };
  return [tip, { x: base.x - uy * ARROW_HALF_W, y: base.y + ux * ARROW_HALF_W }, { x: base.x + uy * ARROW_HALF_W, y: base.y - ux * ARROW_HALF_W }].map(pt).join(' ');
}

/** The line stops inside its arrowhead, so it does not show past the tip. */
function lineEnd(tip: Point, from: Point): Point {
  const len = Math.hypot(from.x - tip.x, from.y - tip.y) || 1;
  const back = ARROW_LEN * 0.6;
  return { x: tip.x + ((from.x - tip.x) / len) * back, y: tip.y + ((from.y - tip.y) / len) * back };
}

/** An arrow's line, before its label is placed. */
interface Curve {
  d: string;
  head: string;
  /** Point of the line at t ∈ [0, 1]. */
  at(t: number): Point;
  /** Unit normal on the side the line bows to; null for a self-loop, whose label sits above it. */
  normal: Point | null;
  samples: Point[];
}

const sampleCurve = (at: (t: number) => Point): Point[] => Array.from({ length: 11 }, (_, i) => at(0.05 + i * 0.09));

/** A quadratic arrow bowed to its right: the two directions between a pair bow apart, so they never overlap; longer arrows bow more. */
function arrowBetween(a: StateBox, b: StateBox): Curve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const normal = { x: -dy / len, y: dx / len };
  const bend = Math.min(60, Math.max(16, len * 0.16));
  const c = { x: (a.x + b.x) / 2 + normal.x * bend, y: (a.y + b.y) / 2 + normal.y * bend };
  const start = boxExit(a, c, GAP);
  const tip = boxExit(b, c, GAP);
  const at = (t: number): Point => ({
    x: (1 - t) ** 2 * start.x + 2 * (1 - t) * t * c.x + t ** 2 * tip.x,
    y: (1 - t) ** 2 * start.y + 2 * (1 - t) * t * c.y + t ** 2 * tip.y,
  });
  return { d: `M${pt(start)} Q${pt(c)} ${pt(lineEnd(tip, c))}`, head: arrowHead(tip, c), at, normal, samples: sampleCurve(at) };
}

/** A loop above the box, leaving its top on the left and coming back on the right. */
function loopAbove(box: StateBox): Curve {
  const top = box.y - box.h / 2;
  const p0 = { x: box.x - 12, y: top - GAP };
  const p3 = { x: box.x + 12, y: top - GAP };
  const c1 = { x: box.x - 34, y: top - 36 };
  const c2 = { x: box.x + 34, y: top - 36 };
  const at = (t: number): Point => {
    const u = 1 - t;
    return {
      x: u ** 3 * p0.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t ** 3 * p3.x,
      y: u ** 3 * p0.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t ** 3 * p3.y,
    };
  };
  return { d: `M${pt(p0)} C${pt(c1)} ${pt(c2)} ${pt(lineEnd(p3, c2))}`, head: arrowHead(p3, c2), at, normal: null, samples: sampleCurve(at) };
}

const curveFor = (a: StateBox, b: StateBox): Curve => (a.state === b.state ? loopAbove(a) : arrowBetween(a, b));

/** The label block of `lines` at t along the curve, just outside its bow (above a loop), and the count badge after it. */
function withLabel(curve: Curve, lines: readonly string[], t: number): EdgeGeometry {
  const base = { d: curve.d, head: curve.head, samples: curve.samples, t };
  const on = round1p(curve.at(t));
  if (lines.length === 0) return { ...base, label: on, labelBox: null, badge: on };
  const w = Math.max(...lines.map((l) => l.length)) * LABEL_CHAR_W + 4;
  const h = lines.length * LINE_H;
  const n = curve.normal ?? { x: 0, y: -1 };
  const out = (Math.abs(n.x) * w) / 2 + (Math.abs(n.y) * h) / 2 + 3;
  const label = round1p({ x: on.x + n.x * out, y: on.y + n.y * out });
  const labelBox = rectAround(label, w, h);
  return { ...base, label, labelBox, badge: round1p({ x: labelBox.x1 + BADGE_ROOM / 2, y: labelBox.y0 + LINE_H / 2 }) };
}

/** An arrow from one box to another (or a loop on one), with its label at t along it. */
export const edgeGeometry = (a: StateBox, b: StateBox, lines: readonly string[] = [], t = 0.5): EdgeGeometry => withLabel(curveFor(a, b), lines, t);

/** Label spots tried along an arrow, best first. */
const LABEL_SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7];

/** A label block with room for its count badge. */
const labelRect = (g: EdgeGeometry): Rect | null => g.labelBox && { ...g.labelBox, x1: g.labelBox.x1 + BADGE_ROOM };

/** Arrows for the groups whose states have boxes; loops' labels first, then each label at its clearest spot. */
function placeEdges(groups: readonly EdgeGroup[], boxes: readonly StateBox[], width: number, height: number): DrawnEdge[] {
  const at = new Map(boxes.map((b) => [b.state, b]));
  const curves = groups.map((g) => {
    const a = at.get(g.from);
    const b = at.get(g.to);
    return a && b ? curveFor(a, b) : null;
  });
  const solids = boxes.map((b) => boxRect(b, 3));
  const placed: Rect[] = [];
  const clash = (r: Rect, own: Curve): number =>
    Number(r.x0 < 0 || r.y0 < 0 || r.x1 > width || r.y1 > height) * 10 +
    [...solids, ...placed].filter((o) => rectsOverlap(r, o)).length * 10 +
    curves.filter((c, i) => c && c !== own && !groups[i].background && c.samples.some((p) => inRect(p, r))).length;
  const geos = new Map<number, EdgeGeometry>();
  const order = groups.map((_, i) => i).sort((i, j) => Number(groups[j].from === groups[j].to) - Number(groups[i].from === groups[i].to));
  for (const i of order) {
    const curve = curves[i];
    if (!curve) continue;
    const lines = groups[i].shown;
    let best = withLabel(curve, lines, LABEL_SPOTS[0]);
    if (lines.length > 0 && curve.normal) {
      let bestClash = clash(labelRect(best)!, curve);
      for (const t of LABEL_SPOTS.slice(1)) {
        if (bestClash === 0) break;
        const g = withLabel(curve, lines, t);
        const c = clash(labelRect(g)!, curve);
        if (c < bestClash) [best, bestClash] = [g, c];
      }
    }
    const r = labelRect(best);
    if (r) placed.push(r);
    geos.set(i, best);
  }
  return groups.flatMap((group, i) => (geos.has(i) ? [{ group, geo: geos.get(i)! }] : []));
}

/** Whether segments pq and rs cross (touching ends do not count). */
function segmentsCross(p: Point, q: Point, r: Point, s: Point): boolean {
  const side = (a: Point, b: Point, c: Point) => Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
  return side(p, q, r) * side(p, q, s) < 0 && side(r, s, p) * side(r, s, q) < 0;
}

/**
 * How badly a layout reads: labels clipped or on a box or another label (10 each), labels on
 * another arrow (3 each), arrows between states that cross (2 each), then labels slid away from
 * the middle of their arrow and the arrows' length.
 */
export function layoutCost(boxes: readonly StateBox[], edges: readonly DrawnEdge[], width: number, height: number): number {
  const own = edges.filter((e) => !e.group.background);
  const labels = own.map((e) => labelRect(e.geo));
  const solids = boxes.map((b) => boxRect(b, 3));
  let cost = 0;
  labels.forEach((r, i) => {
    if (!r) return;
    cost += Math.abs(own[i].geo.t - 0.5);
    if (r.x0 < 0 || r.y0 < 0 || r.x1 > width || r.y1 > height) cost += 10;
    for (const other of [...labels.slice(i + 1), ...solids]) if (other && rectsOverlap(r, other)) cost += 10;
    for (const [j, e] of own.entries()) if (j !== i && e.geo.samples.some((p) => inRect(p, r))) cost += 3;
  });
  const at = new Map(boxes.map((b) => [b.state, b]));
  const pairs = [...new Set(own.filter((e) => e.group.from !== e.group.to).map((e) => [e.group.from, e.group.to].sort().join('\n')))];
  const chords = pairs.map((k) => k.split('\n').map((s) => at.get(s)!));
  chords.forEach(([a, b], i) => {
    cost += Math.hypot(a.x - b.x, a.y - b.y) / (width + height);
    for (const [c, d] of chords.slice(i + 1)) if (a !== c && a !== d && b !== c && b !== d && segmentsCross(a, b, c, d)) cost += 2;
  });
  return cost;
}

/** Every order of `rest` after `first`, in lexicographic order of their positions in `rest`. */
function* orders(first: readonly string[], rest: readonly string[]): Generator<string[]> {
  if (rest.length === 0) yield [...first];
  for (let i = 0; i < rest.length; i++) yield* orders([...first, rest[i]], [...rest.slice(0, i), ...rest.slice(i + 1)]);
}

/** The statechart of a graph drawn in a width × height box; see the file comment. */
export function layoutGraph(graph: MachineGraph, width: number, height: number): StatechartLayout {
  const groups = groupEdges(graph);
  // Only the machine's own arrows are weighed: the faint ones carry no label.
  const own = groups.filter((g) => !g.background);
  const first = graph.states.includes(graph.initial) ? [graph.initial] : [];
  const rest = graph.states.filter((s) => !first.includes(s));
  let best: { cost: number; boxes: StateBox[] } | null = null;
  for (const order of graph.states.length <= MAX_SEARCHED ? orders(first, rest) : [[...first, ...rest]]) {
    const boxes = layoutStates(order, width, height);
    const cost = layoutCost(boxes, placeEdges(own, boxes, width, height), width, height);
    if (!best || cost < best.cost - 1e-9) best = { cost, boxes };
  }
  const boxes = best?.boxes ?? [];
  const edges = placeEdges(groups, boxes, width, height).sort((x, y) => Number(y.group.background) - Number(x.group.background));
  return { boxes, edges };
}

/** Start and tip of the initial-state marker, left of the box. */
export function initialMarker(box: StateBox): { dot: Point; tip: Point; head: string } {
  const tip = { x: box.x - box.w / 2 - GAP, y: box.y };
  const dot = { x: tip.x - 22, y: box.y };
  return { dot, tip, head: arrowHead(tip, dot) };
}

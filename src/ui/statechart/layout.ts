/**
 * Geometry of a statechart: states on an ellipse, one curved arrow per ordered pair of states (a
 * pair's transitions share it, as they share a count), self-loops above the box. Each label slides
 * along its arrow to the first spot clear of boxes, other labels and other arrows; of the orders
 * of the states around the ellipse (the initial state on the left), the one that reads best (see
 * layoutCost) is drawn, ties keeping definition order. Commands accepted in every state (FORCE)
 * would add an arrow between every pair: their arrows are drawn only once taken, and states that
 * only a command reaches sit in a row below the ellipse. Pure, so it is tested without a DOM.
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
  /** Reached only by a command (FORCE): drawn smaller, in the row below the ellipse. */
  side?: boolean;
}

/** The transitions from one state to another (or to itself), drawn as one arrow. */
export interface EdgeGroup {
  from: string;
  to: string;
  transitions: MachineGraphEdge[];
  /** The machine's own events on the arrow; events that leave every state (commands such as FORCE) are only in the tooltip. */
  shown: string[];
  /**
   * The lines written on the arrow: its events, an eventless transition by its guard in words
   * ("thresholds exceeded" rather than "always"); empty when every arrow would say the same.
   */
  lines: string[];
  /** Only such from-anywhere events: drawn (dashed, under the others) once taken. */
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
  /** The arrows drawn: taken from-anywhere arrows first, so the machine's own rules are drawn over them. */
  edges: DrawnEdge[];
  /** Baseline of the caption line at the bottom (hidden commands, a label every arrow shares); null without one. */
  captionY: number | null;
}

const BOX_H = 30;
/** Boxes of the states only a command reaches. */
const SIDE_BOX_H = 22;
/** Room above the top boxes for their self-loops and labels. */
const TOP_ROOM = 56;
/** Room above the top boxes when no self-loop is drawn: labels of arrows bowing up. */
const TOP_ROOM_NO_LOOPS = 26;
/** The caption line at the bottom. */
const CAPTION_H = 14;
const BOTTOM_ROOM = 14;
/** Room left of the boxes for the initial-state marker. */
const SIDE_ROOM = 34;
/** Approximate advance of an upper-case character of the state label (12px, semibold). */
const CHAR_W = 8.2;
/** Advances of label characters (11px): capitals, other letters and digits, the rest. */
const LABEL_CHAR_W = { upper: 7.4, lower: 6, other: 3.6 } as const;

/** Estimated width of a label line at 11px (no layout reads). */
export function labelWidth(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    w = 0;
    for (const ch of text) w += ch >= 'A' && ch <= 'Z' ? LABEL_CHAR_W.upper : (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? LABEL_CHAR_W.lower : LABEL_CHAR_W.other;
    widths.set(text, w);
  }
  return w;
}
// Labels come from a handful of machine definitions: their widths are measured once.
const widths = new Map<string, number>();
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
export function layoutStates(states: readonly string[], width: number, height: number, topRoom = TOP_ROOM): StateBox[] {
  const widest = Math.max(0, ...states.map(boxWidth));
  const cx = width / 2;
  const cy = (topRoom + height - BOTTOM_ROOM) / 2;
  const rx = Math.max(0, width / 2 - widest / 2 - SIDE_ROOM);
  const ry = Math.max(0, (height - topRoom - BOTTOM_ROOM) / 2 - BOX_H / 2);
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

const camelWords = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** An eventless transition in words: its guards ("thresholds exceeded"), or "always" without one (or with an inline one). */
export function eventlessLine(guards: readonly string[]): string {
  const named = guards.filter((g) => g !== 'condition');
  return named.length > 0 ? named.map(camelWords).join(' and ') : 'always';
}

/** What an arrow says for one transition: its event, an eventless one by its guards. */
const lineOf = (e: MachineGraphEdge): string => (e.event === 'always' ? eventlessLine(e.guards) : e.event);

/** The graph's edges grouped by (from, to), in the order they first appear. */
function rawGroups(graph: MachineGraph): EdgeGroup[] {
  const anywhere = fromAnywhereEvents(graph);
  const groups = new Map<string, EdgeGroup>();
  for (const e of graph.edges) {
    const key = `${e.from}→${e.to}`;
    let g = groups.get(key);
    if (!g) {
      g = { from: e.from, to: e.to, transitions: [], shown: [], lines: [], background: true };
      groups.set(key, g);
    }
    g.transitions.push(e);
    if (!anywhere.has(e.event)) {
      g.background = false;
      if (!g.shown.includes(e.event)) g.shown.push(e.event);
      const line = lineOf(e);
      if (!g.lines.includes(line)) g.lines.push(line);
    }
  }
  return [...groups.values()];
}

/**
 * The one line every arrow of the machine would carry (a bulkhead's arrows all follow the same
 * counts), with its guards; null when the arrows say different things. Such a line is written
 * once, as a caption, instead of on every arrow.
 */
export function sharedLine(graph: MachineGraph): { line: string; guards: string[] } | null {
  const own = rawGroups(graph).filter((g) => !g.background);
  if (own.length < 2) return null;
  const line = own[0].lines.length === 1 ? own[0].lines[0] : null;
  if (line === null || !own.every((g) => g.lines.length === 1 && g.lines[0] === line)) return null;
  const guards = [...new Set(own.flatMap((g) => g.transitions.filter((t) => lineOf(t) === line).flatMap((t) => t.guards)))];
  return { line, guards };
}

/**
 * Per state, the dotted prefix its events share when it is left on two or more events of one
 * family ("STEP." for a saga's STEP.SUCCEEDED and STEP.FAILED): its arrows say "SUCCEEDED" and
 * "FAILED", the state they leave says the rest, and the tooltip has the full names.
 */
export function sharedEventPrefixes(graph: MachineGraph): Map<string, string> {
  const anywhere = fromAnywhereEvents(graph);
  const out = new Map<string, string>();
  for (const state of graph.states) {
    const events = [...new Set(graph.edges.filter((e) => e.from === state && !anywhere.has(e.event)).map((e) => e.event))];
    if (events.length < 2 || events.some((e) => e === 'always' || e.startsWith('after '))) continue;
    const dot = events[0].lastIndexOf('.');
    const prefix = dot > 0 ? events[0].slice(0, dot + 1) : '';
    if (prefix && events.every((e) => e.startsWith(prefix) && e.length > prefix.length)) out.set(state, prefix);
  }
  return out;
}

/** The graph's edges grouped by (from, to), in the order they first appear. */
export function groupEdges(graph: MachineGraph): EdgeGroup[] {
  const groups = rawGroups(graph);
  if (sharedLine(graph)) for (const g of groups) g.lines = [];
  const prefixes = sharedEventPrefixes(graph);
  for (const g of groups) {
    const prefix = prefixes.get(g.from);
    if (prefix) g.lines = g.lines.map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l));
  }
  return groups;
}

/**
 * States that only a command accepted everywhere (FORCE) leads into: a breaker's DISABLED,
 * METRICS_ONLY and FORCED_OPEN. They sit in a row of their own, out of the machine's own cycle.
 */
export function commandOnlyStates(graph: MachineGraph): Set<string> {
  const anywhere = fromAnywhereEvents(graph);
  if (anywhere.size === 0) return new Set();
  return new Set(
    graph.states.filter((s) => s !== graph.initial && graph.edges.every((e) => e.to !== s || e.from === s || anywhere.has(e.event))),
  );
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

/**
 * A quadratic arrow bowed to its right (side 1): the two directions between a pair bow apart, so
 * they never overlap; longer arrows bow more. An arrow with no arrow back may bow left (side −1).
 */
function arrowBetween(a: StateBox, b: StateBox, side: 1 | -1 = 1): Curve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const normal = { x: (-dy / len) * side, y: (dx / len) * side };
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

const curveFor = (a: StateBox, b: StateBox, side: 1 | -1 = 1): Curve => (a.state === b.state ? loopAbove(a) : arrowBetween(a, b, side));

/** The label block of `lines` at t along the curve, just outside its bow (above a loop), and the count badge after it. */
function withLabel(curve: Curve, lines: readonly string[], t: number): EdgeGeometry {
  const base = { d: curve.d, head: curve.head, samples: curve.samples, t };
  const on = round1p(curve.at(t));
  if (lines.length === 0) return { ...base, label: on, labelBox: null, badge: on };
  const w = Math.max(...lines.map(labelWidth)) + 4;
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
const LABEL_SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75];
/** Arrows free to bow either way whose every combination of sides is tried (2⁴ runs). */
const MAX_FREE_SIDES = 4;

/** A label block with room for its count badge. */
const labelRect = (g: EdgeGeometry): Rect | null => g.labelBox && { ...g.labelBox, x1: g.labelBox.x1 + BADGE_ROOM };

/** Arrows for the groups whose states have boxes; loops' labels first, then each label at its clearest spot. */
export function placeEdges(groups: readonly EdgeGroup[], boxes: readonly StateBox[], width: number, height: number, thorough = true): DrawnEdge[] {
  const at = new Map(boxes.map((b) => [b.state, b]));
  const pairs = new Set(groups.map((g) => `${g.from}→${g.to}`));
  const solids = boxes.map((b) => boxRect(b, 3));
  // Loops first (their spot is fixed), then the longest labels, which have the fewest spots that fit.
  const widest = (g: EdgeGroup) => Math.max(0, ...g.lines.map(labelWidth));
  const order = groups
    .map((_, i) => i)
    .filter((i) => at.has(groups[i].from) && at.has(groups[i].to))
    .sort((i, j) => Number(groups[j].from === groups[j].to) - Number(groups[i].from === groups[i].to) || widest(groups[j]) - widest(groups[i]));
  // Without an arrow back, either side will do.
  const free = order.filter((i) => groups[i].from !== groups[i].to && !pairs.has(`${groups[i].to}→${groups[i].from}`));
  // An arrow through a box it does not join reads as if it went there.
  const near = boxes.map((b) => boxRect(b, 2));
  const through = (curve: Curve, g: EdgeGroup): number =>
    boxes.filter((b, k) => b.state !== g.from && b.state !== g.to && curve.samples.some((p) => inRect(p, near[k]))).length * 6;

  /** Labels placed greedily, then each once more with all the others in place; `sidesOf` says which bows to try. */
  const run = (sidesOf: (i: number) => ReadonlyArray<1 | -1>) => {
    const curves = groups.map((g) => (at.has(g.from) && at.has(g.to) ? curveFor(at.get(g.from)!, at.get(g.to)!, sidesOf(groups.indexOf(g))[0]) : null));
    const placed = new Map<number, Rect>();
    const costs = new Map<number, number>();
    const geos = new Map<number, EdgeGeometry>();
    const clash = (r: Rect | null, own: number): number => {
      if (r === null) return 0;
      let n = Number(r.x0 < 0 || r.y0 < 0 || r.x1 > width || r.y1 > height) * 10;
      for (const o of solids) if (rectsOverlap(r, o)) n += 10;
      for (const [j, o] of placed) if (j !== own && rectsOverlap(r, o)) n += 10;
      curves.forEach((c, j) => {
        if (c && j !== own && !groups[j].background && c.samples.some((p) => inRect(p, r))) n += 1;
      });
      return n;
    };
    const place = (i: number) => {
      const g = groups[i];
      let best: { geo: EdgeGeometry; curve: Curve; cost: number } | null = null;
      for (const side of sidesOf(i)) {
        const curve = curveFor(at.get(g.from)!, at.get(g.to)!, side);
        const base = through(curve, g);
        for (const t of curve.normal && g.lines.length > 0 ? LABEL_SPOTS : [LABEL_SPOTS[0]]) {
          const geo = withLabel(curve, g.lines, t);
          const cost = base + clash(labelRect(geo), i) + Math.abs(t - 0.5) * 0.1 + (side === 1 ? 0 : 0.05);
          if (!best || cost < best.cost - 1e-9) best = { geo, curve, cost };
        }
      }
      curves[i] = best!.curve;
      const r = labelRect(best!.geo);
      if (r) placed.set(i, r);
      else placed.delete(i);
      geos.set(i, best!.geo);
      costs.set(i, best!.cost);
    };
    for (const i of order) place(i);
    if (thorough) for (const i of order) place(i);
    return { geos, total: [...costs.values()].reduce((a, b) => a + b, 0) };
  };

  let best = run((i) => (free.includes(i) ? [1, -1] : [1]));
  // Label by label, the greedy search can stick where two arrows would both have to change side:
  // with few such arrows, try every combination of sides.
  if (thorough && free.length > 0 && free.length <= MAX_FREE_SIDES && best.total >= 1) {
    for (let mask = 0; mask < 1 << free.length; mask++) {
      const tried = run((i) => {
        const k = free.indexOf(i);
        return k < 0 ? [1] : [mask & (1 << k) ? -1 : 1];
      });
      if (tried.total < best.total - 1e-9) best = tried;
    }
  }
  return groups.flatMap((group, i) => (best.geos.has(i) ? [{ group, geo: best.geos.get(i)! }] : []));
}

/** Whether segments pq and rs cross (touching ends do not count). */
function segmentsCross(p: Point, q: Point, r: Point, s: Point): boolean {
  const side = (a: Point, b: Point, c: Point) => Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
  return side(p, q, r) * side(p, q, s) < 0 && side(r, s, p) * side(r, s, q) < 0;
}

/**
 * How badly a layout reads: labels clipped or on a box or another label (10 each), arrows
 * through a box they do not join (6 each), labels on another arrow (3 each), arrows between
 * states that cross (2 each), then labels slid away from the middle of their arrow and the
 * arrows' length.
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
  // Boxes on one another hide states.
  solids.forEach((r, i) => {
    for (const o of solids.slice(i + 1)) if (rectsOverlap(r, o)) cost += 20;
  });
  // An arrow through a box it does not join reads as if it went there.
  for (const e of own) {
    for (const b of boxes) {
      if (b.state === e.group.from || b.state === e.group.to) continue;
      const r = boxRect(b, 2);
      if (e.geo.samples.some((p) => inRect(p, r))) cost += 6;
    }
  }
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

/**
 * Columns for a left-to-right drawing: each state one column right of the furthest state that
 * leads to it (arrows back to an earlier state ignored), states with no way out in the last.
 */
export function stateLayers(graph: MachineGraph, states: readonly string[]): string[][] {
  const inside = new Set(states);
  const next = new Map(states.map((s) => [s, [] as string[]]));
  for (const e of graph.edges) if (e.from !== e.to && inside.has(e.from) && inside.has(e.to) && !next.get(e.from)!.includes(e.to)) next.get(e.from)!.push(e.to);
  // Depth first from the initial state (then any state not reached) in definition order; an arrow
  // to a state still on the path is an arrow back.
  const forward = new Map(states.map((s) => [s, [] as string[]]));
  const done = new Set<string>();
  const onPath = new Set<string>();
  const visit = (s: string) => {
    done.add(s);
    onPath.add(s);
    for (const t of next.get(s)!) {
      if (onPath.has(t)) continue;
      forward.get(s)!.push(t);
      if (!done.has(t)) visit(t);
    }
    onPath.delete(s);
  };
  for (const s of [...states.filter((x) => x === graph.initial), ...states]) if (!done.has(s)) visit(s);
  const layer = new Map(states.map((s) => [s, 0]));
  // Longest path over the forward arrows (at most n rounds on an acyclic graph).
  for (let round = 0; round < states.length; round++) {
    for (const s of states) for (const t of forward.get(s)!) layer.set(t, Math.max(layer.get(t)!, layer.get(s)! + 1));
  }
  const finals = terminalStates(graph);
  const last = Math.max(0, ...layer.values());
  for (const s of states) if (finals.has(s) && s !== graph.initial) layer.set(s, last);
  const out: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const s of states) out[layer.get(s)!].push(s);
  return out.filter((l) => l.length > 0);
}

/** Every arrangement of each layer's states (the layers keep their order). */
function* layerOrders(layers: readonly string[][]): Generator<string[][]> {
  if (layers.length === 0) {
    yield [];
    return;
  }
  for (const head of orders([], layers[0])) for (const tail of layerOrders(layers.slice(1))) yield [head, ...tail];
}

/** Boxes in columns, left to right, each column's states spread evenly over the height. */
export function layoutLayers(layers: readonly string[][], width: number, height: number, topRoom: number): StateBox[] {
  const widest = Math.max(0, ...layers.flat().map(boxWidth));
  const left = SIDE_ROOM + widest / 2;
  const right = width - widest / 2 - 6;
  const top = topRoom + BOX_H / 2;
  const bottom = height - BOTTOM_ROOM - BOX_H / 2;
  return layers.flatMap((column, i) => {
    const x = layers.length === 1 ? width / 2 : left + ((right - left) * i) / (layers.length - 1);
    return column.map((state, j) => ({
      state,
      x: round1(x),
      y: round1(column.length === 1 ? (top + bottom) / 2 : top + ((bottom - top) * j) / (column.length - 1)),
      w: boxWidth(state),
      h: BOX_H,
    }));
  });
}

/** Most arrangements of the columns tried (each column's order matters). */
const MAX_LAYER_ORDERS = 720;

/** Boxes of the command-only states, evenly along a row centred at y. */
function sideRow(states: readonly string[], width: number, y: number): StateBox[] {
  return states.map((state, i) => ({ state, x: round1((width * (i + 1)) / (states.length + 1)), y: round1(y), w: boxWidth(state), h: SIDE_BOX_H, side: true }));
}

const pairOf = (g: { from: string; to: string }): string => `${g.from}→${g.to}`;
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/**
 * The statechart of a graph drawn in a width × height box; see the file comment. `taken` names
 * the from-anywhere arrows to draw ("FROM→TO"): those taken so far.
 */
export function layoutGraph(graph: MachineGraph, width: number, height: number, taken: ReadonlySet<string> = new Set()): StatechartLayout {
  const groups = groupEdges(graph);
  // Only the machine's own arrows are weighed: the command arrows come and go.
  const own = groups.filter((g) => !g.background);
  const side = commandOnlyStates(graph);
  const main = graph.states.filter((s) => !side.has(s));
  const hidden = groups.some((g) => g.background && !taken.has(pairOf(g)));
  const captionY = hidden || sharedLine(graph) ? height - 3 : null;
  const rowTop = height - (captionY === null ? 0 : CAPTION_H) - (side.size > 0 ? SIDE_BOX_H + 8 : 0);
  const sideBoxes = sideRow([...side], width, rowTop + 4 + SIDE_BOX_H / 2);
  const loops = own.some((g) => g.from === g.to && !side.has(g.from));
  const first = main.includes(graph.initial) ? [graph.initial] : [];
  const rest = main.filter((s) => !first.includes(s));
  const topRoom = loops ? TOP_ROOM : TOP_ROOM_NO_LOOPS;
  const best = { cost: Infinity, boxes: [] as StateBox[] };
  const consider = (boxes: StateBox[]) => {
    // A quick placement ranks the candidates; the one drawn gets the thorough one.
    const cost = layoutCost(boxes, placeEdges(own, boxes, width, rowTop, false), width, rowTop);
    if (cost < best.cost - 1e-9) Object.assign(best, { cost, boxes });
  };
  // On an ellipse, every order of the states…
  for (const order of main.length <= MAX_SEARCHED ? orders(first, rest) : [[...first, ...rest]]) {
    consider([...layoutStates(order, width, rowTop, topRoom), ...sideBoxes]);
  }
  // …or in columns, left to right, when that reads better (a saga's way to its final states).
  const layers = stateLayers(graph, main);
  if (layers.length > 1 && layers.reduce((n, l) => n * factorial(l.length), 1) <= MAX_LAYER_ORDERS) {
    for (const arrangement of layerOrders(layers)) consider([...layoutLayers(arrangement, width, rowTop, topRoom), ...sideBoxes]);
  }
  const boxes = best.boxes;
  const drawn = groups.filter((g) => !g.background || taken.has(pairOf(g)));
  const edges = placeEdges(drawn, boxes, width, captionY === null ? height : height - CAPTION_H).sort((x, y) => Number(y.group.background) - Number(x.group.background));
  return { boxes, edges, captionY };
}

/** Labels (with their count badges) that fall outside the drawing, on a box or on another label, and boxes on boxes: what makes a chart hard to read. */
export function labelIssues(layout: Pick<StatechartLayout, 'boxes' | 'edges'>, width: number, height: number): string[] {
  // With the room for its count badge.
  const labels = layout.edges.flatMap((e) => {
    const r = labelRect(e.geo);
    return r ? [{ name: `${e.group.from}→${e.group.to}`, r }] : [];
  });
  const out: string[] = [];
  for (const [i, { name, r }] of labels.entries()) {
    if (r.x0 < 0 || r.y0 < 0 || r.x1 > width || r.y1 > height) out.push(`${name} outside`);
    for (const b of layout.boxes) if (rectsOverlap(r, boxRect(b))) out.push(`${name} on ${b.state}`);
    for (const o of labels.slice(i + 1)) if (rectsOverlap(r, o.r)) out.push(`${name} on ${o.name}`);
  }
  for (const [i, b] of layout.boxes.entries()) for (const o of layout.boxes.slice(i + 1)) if (rectsOverlap(boxRect(b), boxRect(o))) out.push(`${b.state} on ${o.state}`);
  return out;
}

/** Scales tried, largest first, when a chart does not fit its box at full size. */
const FIT_SCALES = [1, 0.92, 0.85, 0.78, 0.72];

/**
 * The chart for a width × height box at the largest text size that draws it tidily: laid out
 * for a box 1/scale times larger of the same shape, which the SVG scales back down.
 */
export function fitLayout(graph: MachineGraph, width: number, height: number, taken: ReadonlySet<string> = new Set()): StatechartLayout & { width: number; height: number } {
  let last: (StatechartLayout & { width: number; height: number }) | null = null;
  for (const scale of FIT_SCALES) {
    const w = Math.round(width / scale);
    const h = Math.round(height / scale);
    last = { ...layoutGraph(graph, w, h, taken), width: w, height: h };
    if (labelIssues(last, w, h).length === 0) return last;
  }
  return last!;
}

/** Start and tip of the initial-state marker, left of the box. */
export function initialMarker(box: StateBox): { dot: Point; tip: Point; head: string } {
  const tip = { x: box.x - box.w / 2 - GAP, y: box.y };
  const dot = { x: tip.x - 22, y: box.y };
  return { dot, tip, head: arrowHead(tip, dot) };
}

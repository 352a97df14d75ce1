/**
 * A machine's live statechart, drawn from its definition (machineGraph): the current state lit,
 * each arrow with its events and the transitions taken so far, the latest one flashing, and the
 * rule behind an arrow's guards in words on hover or keyboard focus. Commands accepted in every
 * state (FORCE) are named in a caption and their arrows drawn once taken.
 */
import { useId, useMemo, useState, type CSSProperties } from 'react';
import type { InspectedMachine, MachineGraph } from '../../sim/machines/graphTypes';
import { stateColor } from '../colors';
import { defaultSize, fitLayout, fromAnywhereEvents, groupEdges, initialMarker, LINE_H, sharedLine, terminalStates, type EdgeGroup, type Point, type StateBox } from './layout';
import './statechart.css';

export interface StatechartProps {
  graph: MachineGraph;
  /** The machine's live state, counts and guard rules; null draws the bare chart. */
  inspected: InspectedMachine | null;
  /** Size of the box to draw in (the SVG scales to its container); defaults fit the number of states. */
  width?: number;
  height?: number;
}

const camelWords = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const pairKey = (g: { from: string; to: string }): string => `${g.from}→${g.to}`;
const times = (n: number): string => `${n} ${n === 1 ? 'time' : 'times'}`;

/** A guard's rule in words: the inspector's text with the live numbers, else the guard's name in words. */
export function guardRule(name: string, rules: Record<string, string>): string {
  const known = rules[name];
  if (known) return known;
  if (name.startsWith('not ')) return `not (${guardRule(name.slice(4), rules)})`;
  if (name === 'condition') return 'a condition written inline in the machine';
  return camelWords(name);
}

/** The chart in one sentence, for the SVG's accessible name. */
export function statechartSummary(graph: MachineGraph, inspected: InspectedMachine | null): string {
  const kind = camelWords(graph.kind);
  if (!inspected) return `${kind} statechart: states ${graph.states.join(', ')}; starts in ${graph.initial}`;
  const taken = groupEdges(graph)
    .map((g) => [pairKey(g), inspected.counts[pairKey(g)] ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([pair, n]) => `${pair} ${times(n)}`);
  return `${kind} ${inspected.id} is ${inspected.state}; transitions: ${taken.length > 0 ? taken.join(', ') : 'none yet'}`;
}

// Approximate advance of a caption character (11px).
const CAPTION_CHAR_W = 5.9;

/** `text` cut with an ellipsis to about `maxWidth` px of caption text. */
const fitCaption = (text: string, maxWidth: number): string => {
  const chars = Math.floor(maxWidth / CAPTION_CHAR_W);
  return text.length <= chars ? text : `${text.slice(0, Math.max(0, chars - 1))}…`;
};

/**
 * The caption under the chart: the commands whose arrows are not drawn yet, and the line every
 * arrow would carry (with its live rule).
 */
export function statechartCaption(graph: MachineGraph, hiddenCommands: readonly string[], rules: Record<string, string>): string {
  const parts: string[] = [];
  const shared = sharedLine(graph);
  if (shared) parts.push(`every arrow: ${shared.guards.length > 0 ? shared.guards.map((g) => guardRule(g, rules)).join(' and ') : shared.line}`);
  if (hiddenCommands.length > 0) parts.push(`${hiddenCommands.join(', ')}: a command, from any state; drawn once taken`);
  return parts.join(' · ');
}

/** Draws a machine's statechart; see the file comment. */
export function Statechart({ graph, inspected, width, height }: StatechartProps) {
  const size = defaultSize(graph.states.length);
  const boxW = width ?? size.width;
  const boxH = height ?? size.height;
  const counts = inspected?.counts ?? {};
  const last = inspected?.last ?? null;
  const groups = useMemo(() => groupEdges(graph), [graph]);
  // Command arrows (FORCE) are drawn once taken; the key changes only when one is taken first.
  const takenKey = groups
    .filter((g) => g.background && ((counts[pairKey(g)] ?? 0) > 0 || (last?.from === g.from && last.to === g.to)))
    .map(pairKey)
    .join('|');
  // In a small box the chart is laid out for a larger one and drawn scaled down, rather than crowded.
  const layout = useMemo(() => fitLayout(graph, boxW, boxH, new Set(takenKey ? takenKey.split('|') : [])), [graph, boxW, boxH, takenKey]);
  const { width: w, height: h } = layout;
  const finals = useMemo(() => terminalStates(graph), [graph]);
  const [active, setActive] = useState<string | null>(null);
  const tipId = useId();
  const drawnPairs = new Set(layout.edges.map((e) => pairKey(e.group)));
  const hiddenCommands = [...fromAnywhereEvents(graph)].filter((event) =>
    groups.some((g) => g.background && !drawnPairs.has(pairKey(g)) && g.transitions.some((t) => t.event === event)),
  );
  const caption = layout.captionY === null ? '' : statechartCaption(graph, hiddenCommands, inspected?.guards ?? {});
  const flashKey = last ? `${last.atMs}:${last.from}→${last.to}` : '';
  const leave = (key: string) => setActive((a) => (a === key ? null : a));
  const activeEdge = layout.edges.find((e) => pairKey(e.group) === active);
  const start = layout.boxes.find((b) => b.state === graph.initial);

  return (
    <div className="sc">
      <svg className="sc-svg" viewBox={`0 0 ${w} ${h}`} role="group" aria-label={statechartSummary(graph, inspected)}>
        {start && <InitialMarker box={start} />}
        {layout.edges.map(({ group, geo }) => {
          const key = pairKey(group);
          const count = counts[key] ?? 0;
          const events = [...new Set(group.transitions.map((t) => t.event))];
          const firstLineY = geo.label.y - ((group.lines.length - 1) * LINE_H) / 2;
          const cls = ['sc-edge', group.background && 'is-background', count > 0 && 'is-taken', active === key && 'is-active'].filter(Boolean).join(' ');
          return (
            <g
              key={key}
              className={cls}
              data-testid={`sc-edge-${group.from}-${group.to}`}
              data-count={count}
              tabIndex={0}
              aria-label={`${group.from} to ${group.to} on ${events.join(', ')}; ${times(count)} so far`}
              aria-describedby={active === key ? tipId : undefined}
              onMouseEnter={() => setActive(key)}
              onMouseLeave={() => leave(key)}
              onFocus={() => setActive(key)}
              onBlur={() => leave(key)}
              onKeyDown={(e) => e.key === 'Escape' && setActive(null)}
            >
              <path className="sc-edge-hit" d={geo.d} />
              <path className="sc-edge-line" d={geo.d} />
              <polygon className="sc-edge-head" points={geo.head} />
              {last && last.from === group.from && last.to === group.to && <path key={flashKey} className="sc-edge-flash" d={geo.d} />}
              {group.lines.length > 0 && (
                <text className="sc-edge-label" x={geo.label.x} y={firstLineY}>
                  {group.lines.map((line, i) => (
                    <tspan key={line} x={geo.label.x} dy={i === 0 ? 0 : LINE_H}>
                      {line}
                    </tspan>
                  ))}
                </text>
              )}
              {count > 0 && <CountBadge at={geo.badge} count={count} />}
            </g>
          );
        })}
        {layout.boxes.map((box) => (
          <StateView key={box.state} box={box} current={inspected?.state === box.state} final={finals.has(box.state)} />
        ))}
        {caption && layout.captionY !== null && (
          <text className="sc-caption" x={1} y={layout.captionY} data-testid="sc-caption">
            <title>{caption}</title>
            {fitCaption(caption, w - 8)}
          </text>
        )}
      </svg>
      {activeEdge && <EdgeTooltip id={tipId} group={activeEdge.group} at={activeEdge.geo.label} w={w} h={h} count={counts[pairKey(activeEdge.group)] ?? 0} rules={inspected?.guards ?? {}} />}
    </div>
  );
}

function StateView({ box, current, final }: { box: StateBox; current: boolean; final: boolean }) {
  const x = box.x - box.w / 2;
  const y = box.y - box.h / 2;
  const color = stateColor(box.state);
  return (
    <g className={`sc-state${current ? ' is-current' : ''}${box.side ? ' is-side' : ''}`} data-testid={`sc-state-${box.state}`} data-current={String(current)}>
      <rect className="sc-box" x={x} y={y} width={box.w} height={box.h} rx={box.side ? 6 : 8} />
      {current && <rect className="sc-box-lit" x={x} y={y} width={box.w} height={box.h} rx={box.side ? 6 : 8} style={{ fill: color, stroke: color }} />}
      {final && <rect className="sc-box-final" x={x + 3} y={y + 3} width={box.w - 6} height={box.h - 6} rx={5} style={current ? { stroke: color } : undefined} />}
      <text className="sc-state-label" x={box.x} y={box.y}>
        {box.state}
      </text>
    </g>
  );
}

function InitialMarker({ box }: { box: StateBox }) {
  const m = initialMarker(box);
  return (
    <g className="sc-initial" aria-hidden="true">
      <circle cx={m.dot.x} cy={m.dot.y} r={4} />
      <line x1={m.dot.x} y1={m.dot.y} x2={m.tip.x - 6} y2={m.tip.y} />
      <polygon points={m.head} />
    </g>
  );
}

function CountBadge({ at, count }: { at: Point; count: number }) {
  const text = String(count);
  const bw = 10 + text.length * 6.5;
  return (
    <g className="sc-badge">
      <rect x={at.x - bw / 2} y={at.y - 7} width={bw} height={14} rx={7} />
      <text x={at.x} y={at.y}>
        {text}
      </text>
    </g>
  );
}

interface TooltipProps {
  id: string;
  group: EdgeGroup;
  at: Point;
  w: number;
  h: number;
  count: number;
  rules: Record<string, string>;
}

/** The machine's own rules before the commands accepted in any state (FORCE). */
const ownRulesFirst = (g: EdgeGroup) => [...g.transitions].sort((a, b) => Number(!g.shown.includes(a.event)) - Number(!g.shown.includes(b.event)));

/** The rules behind an arrow, placed beside its label on the side with more room. */
function EdgeTooltip({ id, group, at, w, h, count, rules }: TooltipProps) {
  const style: CSSProperties = {
    left: `${(at.x / w) * 100}%`,
    top: `${(at.y / h) * 100}%`,
    transform: `translate(${at.x > w / 2 ? '-100%' : '0'}, ${at.y > h / 2 ? 'calc(-100% - 10px)' : '10px'})`,
  };
  return (
    <div className="sc-tip" id={id} role="tooltip" style={style}>
      <div className="sc-tip-head">
        {group.from} → {group.to} <span className="sc-tip-count">{times(count)} so far</span>
      </div>
      <ul>
        {ownRulesFirst(group).map((t, i) => (
          <li key={i}>
            <span className="sc-tip-event">{t.event}</span>
            {t.guards.length > 0 ? ` if ${t.guards.map((g) => guardRule(g, rules)).join(' and ')}` : ' (no condition)'}
          </li>
        ))}
      </ul>
    </div>
  );
}

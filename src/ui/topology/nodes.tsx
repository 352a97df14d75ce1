/**
 * The diagram's node views, one memoised component per kind. Each takes its layout box and a few
 * primitive live figures, so a snapshot re-renders only the nodes whose figures changed.
 */
import { memo, type KeyboardEvent, type ReactNode } from 'react';
import { stateColor } from '../colors';
import { compact } from './figures';
import {
  algorithmName,
  DEP_BOX,
  fitText,
  textWidth,
  type BackendNode,
  type BalancerNode,
  type ClientNode,
  type DependencyNode,
  type MoreNode,
  type SagaNode,
} from './layout';

type Select = (id: string) => void;

interface FrameProps {
  id: string;
  kind: string;
  label: string;
  selected: boolean;
  onSelect: Select;
  children: ReactNode;
}

function NodeFrame({ id, kind, label, selected, onSelect, children }: FrameProps) {
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // Space would also reach the page's play/pause shortcut.
    e.preventDefault();
    e.stopPropagation();
    onSelect(id);
  };
  return (
    <g
      className={`topo-node topo-${kind}`}
      data-testid={`topo-${id}`}
      data-selected={selected ? 'true' : 'false'}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      onClick={() => onSelect(id)}
      onKeyDown={onKeyDown}
    >
      <title>{label}</title>
      {children}
    </g>
  );
}

const healthWord = (health: string): string => health.toLowerCase().replace(/_/g, ' ');

interface ClientProps {
  node: ClientNode;
  selected: boolean;
  onSelect: Select;
}

export const ClientView = memo(function ClientView({ node, selected, onSelect }: ClientProps) {
  const { x, y, w, h } = node;
  const rate = `${compact(node.ratePerSec)}/s`;
  const two = h >= 30;
  return (
    <NodeFrame id={node.id} kind="client" label={`client: ${node.ratePerSec} requests/s at the start`} selected={selected} onSelect={onSelect}>
      <rect className="topo-box" x={x} y={y} width={w} height={h} rx={6} />
      <text className="topo-title" x={x + w / 2} y={two ? y + h / 2 - 2 : y + h / 2 + 4} textAnchor="middle">
        {fitText('client', w - 6, 11)}
      </text>
      {two && (
        <text className="topo-sub" x={x + w / 2} y={y + h / 2 + 11} textAnchor="middle">
          {fitText(rate, w - 6, 10)}
        </text>
      )}
    </NodeFrame>
  );
});

interface SagaProps {
  node: SagaNode;
  selected: boolean;
  onSelect: Select;
}

export const SagaView = memo(function SagaView({ node, selected, onSelect }: SagaProps) {
  const { x, y, w, h } = node;
  const steps = `${node.steps} step${node.steps === 1 ? '' : 's'}`;
  const full = `${steps} · ${node.coordination}`;
  const sub = textWidth(full, 10) <= w - 12 ? full : steps;
  const label = `saga ${node.sagaId}: ${node.steps} steps, ${node.coordination}, calls ${node.calls.join(', ')}`;
  return (
    <NodeFrame id={node.id} kind="saga" label={label} selected={selected} onSelect={onSelect}>
      <rect className="topo-box" x={x} y={y} width={w} height={h} rx={6} />
      <text className="topo-title" x={x + 7} y={y + (h >= 30 ? h / 2 - 2 : h / 2 + 4)}>
        {fitText(`saga ${node.sagaId}`, w - 12, 11)}
      </text>
      {h >= 30 && (
        <text className="topo-sub" x={x + 7} y={y + h / 2 + 11}>
          {fitText(sub, w - 12, 10)}
        </text>
      )}
    </NodeFrame>
  );
});

interface DependencyProps {
  node: DependencyNode;
  /** Chip machine states, '|'-separated in chip order ('' for a stateless chip). */
  states: string;
  busy: number;
  queued: number;
  up: number;
  count: number;
  selected: boolean;
  onSelect: Select;
}

export const DependencyView = memo(function DependencyView({ node, states, busy, queued, up, count, selected, onSelect }: DependencyProps) {
  const { x, y, w, h, chips } = node;
  const chipStates = states.split('|');
  const stateful = chips.flatMap((c, i) => (c.machineId && chipStates[i] ? [`${c.label} ${chipStates[i]}`] : []));
  const down = count - up;
  const label =
    `dependency ${node.depId}: ${node.chain || 'no policies'}` +
    (stateful.length > 0 ? `; ${stateful.join(', ')}` : '') +
    `; ${busy} of ${node.slots} busy, queue ${queued}` +
    (down > 0 ? `, ${down} of ${count} backends down` : '');
  const textX = x + DEP_BOX.pad;
  const innerW = w - 2 * DEP_BOX.pad;
  const chipRowFits = h >= DEP_BOX.pad + DEP_BOX.title + DEP_BOX.chipH;
  const figuresText = `${compact(busy)}/${compact(node.slots)} busy · q ${compact(queued)}`;
  // The "down" count shows when it fits; the label always has it.
  const downText = down > 0 && textWidth(`${figuresText} · ${down} down`, DEP_BOX.font) <= innerW ? ` · ${down} down` : '';
  return (
    <NodeFrame id={node.id} kind="dependency" label={label} selected={selected} onSelect={onSelect}>
      <rect className="topo-box" x={x} y={y} width={w} height={h} rx={6} />
      <text className="topo-title" x={textX} y={y + Math.min(DEP_BOX.pad + 10, h / 2 + 4)}>
        {fitText(node.name, innerW, 11)}
      </text>
      {chips.map((c, i) => {
        const state = chipStates[i] ?? '';
        const prev = chips[i - 1];
        return (
          <g key={i} className="topo-chip" data-policy={c.type} data-state={c.machineId ? state : undefined}>
            {c.machineId && <title>{`${c.label}: ${state || 'unknown'}`}</title>}
            {prev && prev.y === c.y && (
              <text className="topo-arrow" x={prev.x + prev.w + DEP_BOX.arrow / 2} y={c.y + 10.5} textAnchor="middle">
                →
              </text>
            )}
            <rect className="topo-chip-box" x={c.x} y={c.y} width={c.w} height={c.h} rx={3} />
            {c.machineId && <circle className="topo-state-dot" cx={c.x + 6.5} cy={c.y + c.h / 2} r={3.3} fill={stateColor(state)} />}
            <text className="topo-chip-text" x={c.x + 3 + (c.machineId ? 8 : 0)} y={c.y + 10.5}>
              {fitText(c.label, c.w - 5 - (c.machineId ? 8 : 0), DEP_BOX.font)}
            </text>
          </g>
        );
      })}
      {node.moreChip && (
        <g className="topo-chip">
          <rect className="topo-chip-box" x={node.moreChip.x} y={node.moreChip.y} width={node.moreChip.w} height={node.moreChip.h} rx={3} />
          <text className="topo-chip-text" x={node.moreChip.x + 3} y={node.moreChip.y + 10.5}>
            +{node.hiddenChips}
          </text>
        </g>
      )}
      {chips.length === 0 && !node.moreChip && node.hiddenChips === 0 && chipRowFits && (
        <text className="topo-sub" x={textX} y={y + DEP_BOX.pad + DEP_BOX.title + 10.5}>
          {fitText('no policies', innerW, DEP_BOX.font)}
        </text>
      )}
      {node.footer && (
        <text className="topo-sub" x={textX} y={y + h - 5}>
          {fitText(figuresText, innerW, DEP_BOX.font)}
          {downText && <tspan className="topo-down">{downText}</tspan>}
        </text>
      )}
    </NodeFrame>
  );
});

interface BalancerProps {
  node: BalancerNode;
  up: number;
  count: number;
  selected: boolean;
  onSelect: Select;
}

export const BalancerView = memo(function BalancerView({ node, up, count, selected, onSelect }: BalancerProps) {
  const { x, y, w, h } = node;
  const two = h >= 28;
  return (
    <NodeFrame
      id={node.id}
      kind="balancer"
      label={`balancer ${node.depId}: ${algorithmName(node.algorithm)}, ${up} of ${count} healthy`}
      selected={selected}
      onSelect={onSelect}
    >
      <rect className="topo-box" x={x} y={y} width={w} height={h} rx={h / 2 > 12 ? 12 : h / 2} />
      <text className="topo-title topo-small" x={x + w / 2} y={two ? y + h / 2 - 2 : y + h / 2 + 4} textAnchor="middle">
        {fitText(node.label, w - 10, 10.5)}
      </text>
      {two && (
        <text className={up < count ? 'topo-sub topo-down' : 'topo-sub'} x={x + w / 2} y={y + h / 2 + 11} textAnchor="middle">
          {fitText(`${up}/${count} up`, w - 10, 10)}
        </text>
      )}
    </NodeFrame>
  );
});

interface BackendProps {
  node: BackendNode;
  busy: number;
  queued: number;
  health: string;
  faults: number;
  selected: boolean;
  onSelect: Select;
}

export const BackendView = memo(function BackendView({ node, busy, queued, health, faults, selected, onSelect }: BackendProps) {
  const { x, y, w, h } = node;
  const label =
    `backend ${node.backendId}: ${busy} of ${node.concurrency} busy, queue ${queued}, ${healthWord(health)}` + (faults > 0 ? ', fault active' : '');
  const color = stateColor(health);
  const load = Math.min(1, busy / Math.max(1, node.concurrency));
  const two = h >= 24;
  const name = `#${node.index}`;
  const nameW = textWidth(name, 10) + 4;
  const faultW = faults > 0 ? 6 : 0;
  // Two lines: the name, then "busy/slots · q queued" on the right, the load bar below; one line:
  // name, bar, queue.
  const long = `${compact(busy)}/${compact(node.concurrency)} · q${compact(queued)}`;
  const queueText = two ? (textWidth(long, 9.5) <= w - nameW - 8 - faultW ? long : `q${compact(queued)}`) : w >= 46 ? `q${compact(queued)}` : '';
  const queueW = queueText ? textWidth(queueText, 9.5) + 4 : 0;
  const barX = two ? x + 6 : x + 4 + nameW;
  const barW = Math.max(0, two ? w - 10 : w - nameW - 6 - queueW);
  const barY = two ? y + h / 2 + 3 : y + h / 2 - 2.5;
  const textY = two ? y + h / 2 - 3 : y + h / 2 + 3.5;
  return (
    <NodeFrame id={node.id} kind="backend" label={label} selected={selected} onSelect={onSelect}>
      <rect className="topo-box" x={x} y={y} width={w} height={h} rx={3} style={health === 'HEALTHY' ? undefined : { stroke: color }} />
      <rect className="topo-health" x={x} y={y} width={3} height={h} fill={color} data-health={health} />
      {h >= 12 && (
        <text className="topo-backend-text" x={x + 6} y={textY}>
          {name}
        </text>
      )}
      {barW >= 4 && (
        <g className="topo-bar">
          <rect className="topo-bar-track" x={barX} y={barY} width={barW} height={5} rx={1.5} />
          <rect className={load >= 1 ? 'topo-bar-fill full' : 'topo-bar-fill'} x={barX} y={barY} width={barW * load} height={5} rx={1.5} />
        </g>
      )}
      {queueText && h >= 12 && (
        <text className={queued > 0 ? 'topo-backend-text topo-queue busy' : 'topo-backend-text topo-queue'} x={x + w - 3 - faultW} y={textY} textAnchor="end">
          {queueText}
        </text>
      )}
      {faults > 0 && <circle className="topo-fault" cx={x + w - 5} cy={two ? textY - 3.5 : y + 4} r={2.8} />}
    </NodeFrame>
  );
});

interface MoreProps {
  node: MoreNode;
  busy: number;
  queued: number;
  up: number;
  count: number;
  selected: boolean;
  onSelect: Select;
}

export const MoreView = memo(function MoreView({ node, busy, queued, up, count, selected, onSelect }: MoreProps) {
  const { x, y, w, h } = node;
  const last = node.firstIndex + node.hidden - 1;
  const label =
    `${node.hidden} more backends of ${node.depId} (${node.firstIndex}–${last}): ${busy} of ${node.slots} busy, queue ${queued}` +
    (count > 0 && up < count ? `, ${count - up} down` : '');
  const two = h >= 24;
  return (
    <NodeFrame id={node.id} kind="more" label={label} selected={selected} onSelect={onSelect}>
      <rect className="topo-box topo-more-box" x={x} y={y} width={w} height={h} rx={3} />
      <text className="topo-backend-text" x={x + 5} y={two ? y + 12 : y + h / 2 + 3.5}>
        {fitText(textWidth(`+${compact(node.hidden)} more`, 10) <= w - 8 ? `+${compact(node.hidden)} more` : `+${compact(node.hidden)}`, w - 8, 10)}
      </text>
      {two && (
        <text className="topo-backend-text topo-sub" x={x + 5} y={y + h - 4}>
          {fitText(`${compact(busy)} busy · q${compact(queued)}`, w - 8, 10)}
        </text>
      )}
    </NodeFrame>
  );
});

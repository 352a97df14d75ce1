/** Scenario picker and run controls: play/pause, step, speed, seed, reset, share; open and export. */
import { useEffect, useState } from 'react';
import { EDITED } from '../app/controller';
import { PRESETS } from '../app/presets';
import { useLab, useRun } from '../store/hooks';
import type { Speed } from '../worker/protocol';
import { useController } from './controllerContext';
import { FileActions } from './FileActions';
import { fmtSpeed } from './format';

export const SPEEDS: Speed[] = [0.25, 0.5, 1, 2, 5, 10, 25, 100, 'max'];

/**
 * The picker's entry for a scenario that is not a bundled preset as it ships: an edited preset by
 * its name, a link as such, a file by its name.
 */
export function customLabel(source: string): string {
  const edited = source.endsWith(EDITED);
  const base = edited ? source.slice(0, -EDITED.length) : source;
  if (base === 'link') return edited ? 'scenario from a link (edited)' : 'scenario from a link';
  const name = PRESETS.find((p) => p.id === base)?.name ?? base;
  return edited ? `${name} (edited)` : `${name} (custom)`;
}

export function TopBar() {
  const c = useController();
  const source = useRun((r) => r.source) ?? '';
  const status = useRun((r) => r.status);
  const playing = useRun((r) => r.playing) ?? false;
  const done = useRun((r) => r.done) ?? false;
  const speed = useRun((r) => r.speed) ?? 5;
  const seed = useRun((r) => r.seed);
  const rerun = useRun((r) => r.rerun);
  const theme = useLab((s) => s.theme);
  const ready = status === 'ready';
  const [seedText, setSeedText] = useState('');
  const [shareNote, setShareNote] = useState('');
  useEffect(() => setSeedText(seed === undefined ? '' : String(seed)), [seed]);
  const isPreset = PRESETS.some((p) => p.id === source);

  const applySeed = () => {
    if (!/^\d+$/.test(seedText) || Number(seedText) > 4_294_967_295) {
      setSeedText(seed === undefined ? '' : String(seed));
      return;
    }
    if (Number(seedText) !== seed) void c.setSeed(Number(seedText)).catch(() => {});
  };

  const share = async () => {
    const url = await c.shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      setShareNote('Link copied');
    } catch {
      setShareNote('Copy the link from the address bar');
    }
    history.replaceState(null, '', url);
    setTimeout(() => setShareNote(''), 2500);
  };

  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden>
          ⌁
        </span>
        Faultline
      </div>
      <label className="field">
        <span>Scenario</span>
        <select
          aria-label="Scenario"
          value={isPreset ? source : ''}
          onChange={(e) => void c.loadPreset(e.target.value).catch(() => {})}
        >
          {!isPreset && <option value="">{source ? customLabel(source) : 'loading…'}</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <div className="controls" role="group" aria-label="Run controls">
        <button type="button" className="primary" onClick={() => c.togglePlay()} disabled={!ready || (done && !playing)} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (space)">
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => void c.step('event')} disabled={!ready || done || playing} aria-label="Step to the next event" title="Step to the next event (→)">
          Step event
        </button>
        <button type="button" onClick={() => void c.step('transition')} disabled={!ready || done || playing} aria-label="Step to the next transition" title="Run to the next state transition (shift →)">
          Step transition
        </button>
        <label className="field compact">
          <span>Speed</span>
          <select aria-label="Speed" value={String(speed)} onChange={(e) => c.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))} disabled={!ready}>
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {fmtSpeed(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field compact">
          <span>Seed</span>
          <input
            aria-label="Seed"
            inputMode="numeric"
            value={seedText}
            size={7}
            disabled={!ready}
            onChange={(e) => setSeedText(e.target.value.trim())}
            onBlur={applySeed}
            onKeyDown={(e) => e.key === 'Enter' && applySeed()}
          />
        </label>
        <button type="button" onClick={() => void c.reset().catch(() => {})} disabled={!ready} aria-label="Reset" title="Back to time 0, same scenario and seed">
          Reset
        </button>
        <button type="button" onClick={() => void share()} disabled={!ready} aria-label="Share link" title="Copy a link that replays this run">
          Share
        </button>
        <span className="share-note" role="status" aria-live="polite">
          {shareNote}
        </span>
      </div>
      <FileActions />
      {rerun && (
        <div className="rerun" role="status" data-testid="rerun-progress">
          Re-running to {(rerun.targetMs / 1000).toFixed(1)} s… {Math.round((100 * rerun.simMs) / Math.max(1, rerun.targetMs))}%
        </div>
      )}
      <button
        type="button"
        className="theme-toggle"
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        onClick={() => c.setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}

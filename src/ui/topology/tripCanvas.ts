/**
 * The requestAnimationFrame loop that draws the moving requests on the diagram's canvas. It lives
 * outside React: the component hands it trips and sizes, and it reports what it drew through
 * attributes on the diagram's root (data-moving, data-colors) without a re-render.
 */
import { OUTCOME_COLORS } from '../colors';
import type { TopologyLayout } from './layout';
import { TripAnimator } from './animator';
import { TRIP_OUTCOMES, type Trip, type TripOutcome } from './routes';

const OUTCOME_COLOR_KEY: Record<TripOutcome, keyof typeof OUTCOME_COLORS> = {
  success: 'succeeded',
  failure: 'failed',
  timeout: 'timedOut',
  rejected: 'rejected',
  fallback: 'fallback',
};

// The canvas cannot use var(): it reads these custom properties each frame (the theme may change).
const COLOR_VARS = TRIP_OUTCOMES.map((o) => /var\((--[\w-]+)\)/.exec(OUTCOME_COLORS[OUTCOME_COLOR_KEY[o]])?.[1] ?? '');
const FALLBACK_COLORS = ['#2f9e44', '#e03131', '#9c36b5', '#f08c00', '#1c7ed6'];
// While playing, the loop idles this long after the last batch before stopping, so steady
// batches do not start and stop it every frame.
const IDLE_MS = 500;

export class TripCanvas {
  readonly animator = new TripAnimator();
  private readonly ctx: CanvasRenderingContext2D | null;
  private raf = 0;
  private dpr = 1;
  private playing = false;
  private shownMoving = '0';
  private shownColors = '';
  private dirty = false;
  private readonly colors = [...FALLBACK_COLORS];

  constructor(
    private readonly root: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
  ) {
    this.ctx = canvas.getContext('2d');
  }

  /** Sizes the backing store for a w × h CSS-pixel box at the device pixel ratio. */
  resize(w: number, h: number, dpr: number): void {
    this.dpr = dpr;
    const bw = Math.max(1, Math.round(w * dpr));
    const bh = Math.max(1, Math.round(h * dpr));
    if (this.canvas.width !== bw) this.canvas.width = bw;
    if (this.canvas.height !== bh) this.canvas.height = bh;
    this.kick();
  }

  setLayout(layout: TopologyLayout): void {
    this.animator.setLayout(layout);
    this.kick();
  }

  setPlaying(playing: boolean): void {
    this.playing = playing;
  }

  /** Adds a batch of finished requests. */
  push(trips: readonly Trip[]): void {
    if (this.animator.add(trips, performance.now()) > 0) this.kick();
  }

  dispose(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private kick(): void {
    this.dirty = true;
    if (!this.raf) this.raf = requestAnimationFrame(this.frame);
  }

  private readonly frame = (now: number): void => {
    this.raf = 0;
    const ctx = this.ctx;
    const busy = this.animator.alive > 0;
    if (busy) {
      const style = getComputedStyle(this.root);
      for (let i = 0; i < COLOR_VARS.length; i++) this.colors[i] = style.getPropertyValue(COLOR_VARS[i]).trim() || FALLBACK_COLORS[i];
    }
    let result = { moving: 0, outcomes: '' };
    if (busy || this.dirty) {
      if (ctx) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      }
      result = this.animator.frame(ctx, this.colors, now);
      this.dirty = busy;
    }
    this.report(result.moving, result.outcomes);
    const idle = now - this.animator.lastBatch > IDLE_MS;
    if (this.animator.alive > 0 || this.dirty || (this.playing && !idle)) this.raf = requestAnimationFrame(this.frame);
  };

  private report(moving: number, outcomes: string): void {
    const m = String(moving);
    if (m !== this.shownMoving) {
      this.shownMoving = m;
      this.root.setAttribute('data-moving', m);
    }
    if (outcomes !== this.shownColors) {
      this.shownColors = outcomes;
      this.root.setAttribute('data-colors', outcomes);
    }
  }
}

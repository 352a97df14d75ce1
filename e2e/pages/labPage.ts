/** Page object for the lab: one getter per region, found by role and label first. */
import type { Locator, Page } from '@playwright/test';
import { waitForLab } from '../fixtures';

/** Charts by their test id without the `chart-` prefix. */
export type ChartName = 'throughput' | 'errors' | 'attempts' | 'sagas' | 'latency' | 'concurrency' | 'backends';

export class LabPage {
  constructor(readonly page: Page) {}

  /** Opens the app (optionally with a query string) and waits until a scenario is loaded. */
  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await waitForLab(this.page);
  }

  get scenarioSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Scenario' });
  }
  get playButton(): Locator {
    return this.page.getByRole('button', { name: /^(Play|Pause)$/ });
  }
  get stepEventButton(): Locator {
    return this.page.getByRole('button', { name: 'Step to the next event' });
  }
  get stepTransitionButton(): Locator {
    return this.page.getByRole('button', { name: 'Step to the next transition' });
  }
  get speedSelect(): Locator {
    return this.page.getByLabel('Speed');
  }
  get seedInput(): Locator {
    return this.page.getByLabel('Seed');
  }
  get resetButton(): Locator {
    return this.page.getByRole('button', { name: 'Reset' });
  }
  get timeSlider(): Locator {
    return this.page.getByRole('slider', { name: 'Simulated time' });
  }
  get simTime(): Locator {
    return this.page.getByTestId('sim-time');
  }
  get banner(): Locator {
    return this.page.getByTestId('banner');
  }
  badge(machine: string): Locator {
    return this.page.getByTestId(`badge-${machine}`);
  }
  timeline(machine: string): Locator {
    return this.page.getByTestId(`timeline-${machine}`);
  }
  trips(machine: string): Locator {
    return this.page.getByTestId(`trips-${machine}`);
  }
  get log(): Locator {
    return this.page.getByRole('region', { name: 'Transition log' });
  }
  get logLines(): Locator {
    return this.page.getByTestId('log-line');
  }
  chart(name: ChartName): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }
  /** A chart's Table toggle (aria-pressed while the table shows). */
  tableToggle(name: ChartName): Locator {
    return this.chart(name).getByRole('button', { name: 'Table' });
  }
  /** A chart's numbers as a table (shown after tableToggle). */
  chartTable(name: ChartName): Locator {
    return this.chart(name).getByRole('table');
  }
  /** The shared crosshair's line in a chart, or in the state timeline with 'state-timeline'. */
  crosshair(name: ChartName | 'state-timeline'): Locator {
    return (name === 'state-timeline' ? this.page.getByTestId(name) : this.chart(name)).getByTestId('crosshair-line');
  }
  /** The "Inject a fault" form in the side panel. */
  get faultInjector(): Locator {
    return this.page.getByRole('region', { name: 'Fault injector' });
  }
  /** The fault timeline editor (a lane per target, a bar per fault window). */
  get faultTimeline(): Locator {
    return this.page.getByRole('region', { name: 'Fault timeline' });
  }
  /** The bar of the fault window at `index` of the scenario's timeline (`data-from-ms`, `data-to-ms`). */
  faultWindow(index: number): Locator {
    return this.page.getByTestId(`fault-window-${index}`);
  }
  /** A target's lane in the fault timeline. */
  faultLane(target: string): Locator {
    return this.page.getByTestId(`fault-lane-${target}`);
  }
  /** The fault bands shaded in a chart (each rect's <title> is the fault's label). */
  chartBands(name: ChartName): Locator {
    return this.chart(name).locator('g.chart-overlay rect');
  }
  /** Series drawn in a chart (Recharts paths with data). */
  chartPaths(name: ChartName): Locator {
    return this.chart(name).locator('path.recharts-curve, path.recharts-area-area');
  }
}

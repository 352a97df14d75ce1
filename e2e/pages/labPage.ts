/** Page object for the lab: one getter per region, found by role and label first. */
import type { Locator, Page } from '@playwright/test';
import { waitForLab } from '../fixtures';

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
  chart(name: 'throughput' | 'latency'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }
  /** Series drawn in a chart (Recharts paths with data). */
  chartPaths(name: 'throughput' | 'latency'): Locator {
    return this.chart(name).locator('path.recharts-curve, path.recharts-area-area');
  }
}

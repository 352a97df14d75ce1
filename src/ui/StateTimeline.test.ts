import { describe, expect, it } from 'vitest';
import { faultTouches } from './StateTimeline';

describe('faultTouches: which fault windows a state-timeline row marks', () => {
  it('marks an instance’s health row with faults on it or on its whole dependency only', () => {
    expect(faultTouches('api/2', 'api/2.health')).toBe(true);
    expect(faultTouches('api', 'api/2.health')).toBe(true);
    expect(faultTouches('api/3', 'api/2.health')).toBe(false);
    expect(faultTouches('payments', 'api/2.health')).toBe(false);
  });
  it('marks a dependency’s machine with faults on the dependency or any of its instances', () => {
    expect(faultTouches('payments', 'payments.circuitBreaker')).toBe(true);
    expect(faultTouches('payments/1', 'payments.circuitBreaker')).toBe(true);
    expect(faultTouches('payments-eu', 'payments.circuitBreaker')).toBe(false);
    expect(faultTouches('inventory', 'payments.circuitBreaker')).toBe(false);
  });
  it('marks a machine of neither shape with every fault', () => {
    expect(faultTouches('payments', 'order#12')).toBe(true);
  });
});

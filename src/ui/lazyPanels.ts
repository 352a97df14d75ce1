/**
 * Panels that are not on screen when the lab opens (the charts behind a tab, the tables of the
 * bottom row) load when first shown, so the page starts with less JavaScript (`npm run bench --
 * size`). Recharts itself stays in the start bundle: the first tab of each slot draws with it.
 */
import { lazy } from 'react';

export const ErrorRateChart = lazy(() => import('./charts/ErrorRateChart').then((m) => ({ default: m.ErrorRateChart })));
export const AttemptsChart = lazy(() => import('./charts/AttemptsChart').then((m) => ({ default: m.AttemptsChart })));
export const ConcurrencyChart = lazy(() => import('./charts/ConcurrencyChart').then((m) => ({ default: m.ConcurrencyChart })));
export const BackendLoadChart = lazy(() => import('./charts/BackendLoadChart').then((m) => ({ default: m.BackendLoadChart })));
export const SagaOutcomeChart = lazy(() => import('./charts/SagaOutcomeChart').then((m) => ({ default: m.SagaOutcomeChart })));
export const BackendsPanel = lazy(() => import('./BackendsPanel').then((m) => ({ default: m.BackendsPanel })));
export const SagasPanel = lazy(() => import('./SagasPanel').then((m) => ({ default: m.SagasPanel })));

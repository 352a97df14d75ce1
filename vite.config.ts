import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { presetIndex } from './src/build/presetIndex';

export default defineConfig({
  plugins: [react(), presetIndex()],
  worker: { format: 'es' },
  // The worker's dependencies are found only when it starts; listing them saves the dev server a
  // re-optimise-and-reload on the first visit.
  optimizeDeps: { include: ['@stdlib/math-base-special-exp', '@stdlib/math-base-special-ln', 'xstate', 'zod'] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // CLI tests spawn Node; on a busy 2-core machine 5 s is too tight (speed is never asserted).
    testTimeout: 30_000,
  },
});

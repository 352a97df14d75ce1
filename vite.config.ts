import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // The worker's dependencies are found only when it starts; listing them saves the dev server a
  // re-optimise-and-reload on the first visit.
  optimizeDeps: { include: ['@stdlib/math-base-special-exp', '@stdlib/math-base-special-ln', 'xstate', 'zod'] },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

import { defineConfig } from 'vitest/config';

// One run over every project; each project's own vitest.config.ts says how its files are compiled.
export default defineConfig({
  test: {
    projects: ['libs/*/vitest.config.{ts,mts}', 'apps/*/vitest.config.{ts,mts}', 'bench/vitest.config.mts'],
  },
});

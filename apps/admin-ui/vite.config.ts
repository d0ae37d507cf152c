import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The contracts library builds to CommonJS for the Node services; the console bundles its
 * TypeScript source instead, so both sides validate with the very same schemas.
 */
export const consoleAliases = {
  '@certlab/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
};

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { alias: consoleAliases },
  server: {
    // The cloud serves the admin API at the same origin in production; in dev, Vite forwards it.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});

import { fileURLToPath } from 'node:url';
import { defineProject, type ViteUserConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Tests import workspace libraries from source, so a test run never waits on a stale `dist/`. */
export const workspaceAliases = {
  // The more specific subpath first: aliases match by prefix.
  '@certlab/pki-core/testing': `${root}libs/pki-core/src/testing/index.ts`,
  '@certlab/pki-core': `${root}libs/pki-core/src/index.ts`,
  '@certlab/contracts': `${root}libs/contracts/src/index.ts`,
  '@certlab/service-kit/testing': `${root}libs/service-kit/src/testing/index.ts`,
  '@certlab/service-kit': `${root}libs/service-kit/src/index.ts`,
};

/**
 * Vitest config for a Node project of this workspace. Vitest 4 compiles with oxc, which does not
 * read `experimentalDecorators` from tsconfig: Nest and TypeORM need the legacy decorators and
 * their metadata, so they are switched on here.
 */
export function nodeProject(name: string, extra: ViteUserConfig['test'] = {}) {
  return defineProject({
    resolve: { alias: workspaceAliases },
    oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  } as Parameters<typeof defineProject>[0]);
}

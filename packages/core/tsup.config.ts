import { defineConfig } from 'tsup';
import { nodeLibrary } from '../../tsup.base.mjs';

export default defineConfig(
  nodeLibrary({
    entry: {
      index: 'src/index.ts',
      adapter: 'src/adapter.ts',
      testing: 'src/testing.ts',
      // Each provider is an entry of its own (not exported): with `splitting`, its catalogue stays in
      // its own module, so an app bundling one provider neither bundles nor builds the others'
      // schemas (`sideEffects: false` lets the bundler drop the unused modules).
      'providers/atomic': 'src/providers/atomic/index.ts',
      'providers/moneyhub': 'src/providers/moneyhub/index.ts',
      'providers/atelio': 'src/providers/atelio/index.ts',
    },
    splitting: true,
  }),
);

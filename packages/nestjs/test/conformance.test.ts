import { type Mount, runAdapterSuite } from '@finhooks/adapter-conformance';
import { FinhooksModule } from '../src/index.js';
import { PLATFORMS, startNest } from './support/app.js';

// The suite every adapter runs, on a real Nest app of each platform with Nest's body parser on.
for (const platform of PLATFORMS) {
  runAdapterSuite({
    name: `nestjs (${platform})`,
    start: (mounts: readonly Mount[]) =>
      startNest(platform, { imports: [FinhooksModule.forRoot({ endpoints: mounts })] }),
  });
}

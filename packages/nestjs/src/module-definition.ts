import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { FinhooksModuleOptions } from './options.js';

/**
 * `forRoot(options)` and `forRootAsync({ imports, inject, useFactory | useClass | useExisting })` from
 * Nest's own builder, plus `isGlobal` (default true: `FinhooksRegistry` injectable everywhere).
 */
export const {
  ConfigurableModuleClass: FinhooksConfigurableModule,
  MODULE_OPTIONS_TOKEN: FINHOOKS_MODULE_OPTIONS,
  OPTIONS_TYPE: FINHOOKS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: FINHOOKS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<FinhooksModuleOptions>({ moduleName: 'Finhooks' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

export { FinhooksModule } from './module.js';
export { FINHOOKS_MODULE_OPTIONS } from './module-definition.js';
export { FinhooksRegistry } from './registry.js';
export type { MountedEndpoint } from './registry.js';
export { OnWebhookEvent } from './handlers.js';
export type { FinhooksInstanceName, FinhooksProviders, WebhookEventOf, WebhookHandlerMetadata } from './handlers.js';
export type {
  FinhooksEndpoint,
  FinhooksInstanceEndpoint,
  FinhooksModuleOptions,
  FinhooksProviderEndpoint,
} from './options.js';

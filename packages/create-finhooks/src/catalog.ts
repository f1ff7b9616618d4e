/** What can be scaffolded: the frameworks (one template each, from `examples/<framework>`) and the providers. */

export const PROVIDERS = ['atomic', 'moneyhub', 'atelio'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Record<Provider, string> = { atomic: 'Atomic', moneyhub: 'Moneyhub', atelio: 'Atelio' };

export const PROVIDER_LABELS: Record<Provider, string> = {
  atomic: 'Atomic (payroll connectivity)',
  moneyhub: 'Moneyhub (open banking)',
  atelio: 'Atelio, ex-Bond (card issuing, banking)',
};

export interface Framework {
  readonly name: string;
  /** In the prompt. */
  readonly label: string;
  /** Where the template's webhook route for `provider` answers, for the next steps. */
  route(provider: Provider): string;
  /** The template's tests run against a production build (`next build`), made first. */
  readonly testsNeedBuild?: boolean;
}

export const FRAMEWORKS = {
  express: { name: 'Express', label: 'Express', route: (provider) => `/webhooks/${provider}` },
  koa: { name: 'Koa', label: 'Koa', route: (provider) => `/webhooks/${provider}` },
  fastify: { name: 'Fastify', label: 'Fastify', route: (provider) => `/webhooks/${provider}` },
  hono: { name: 'Hono', label: 'Hono (on Node; runs on Bun too)', route: (provider) => `/webhooks/${provider}` },
  nestjs: {
    name: 'NestJS',
    label: 'NestJS (FinhooksModule, @OnWebhookEvent handlers)',
    route: (provider) => `/webhooks/${provider}`,
  },
  nextjs: {
    name: 'Next.js',
    label: 'Next.js (App Router, and a Pages Router route)',
    route: (provider) => `/api/webhooks/${provider}`,
  },
} as const satisfies Record<string, Framework>;
export type FrameworkName = keyof typeof FRAMEWORKS;
export const FRAMEWORK_NAMES = Object.keys(FRAMEWORKS) as FrameworkName[];

/** Other spellings accepted by `--framework`. */
const FRAMEWORK_ALIASES: Record<string, FrameworkName> = { next: 'nextjs', 'next.js': 'nextjs', nest: 'nestjs' };

export function isProvider(name: string): name is Provider {
  return (PROVIDERS as readonly string[]).includes(name);
}

export function frameworkNamed(name: string): FrameworkName | undefined {
  const key = name.trim().toLowerCase();
  return key in FRAMEWORKS ? (key as FrameworkName) : FRAMEWORK_ALIASES[key];
}

/** "Express app receiving Atomic and Atelio webhooks" */
export function describeApp(framework: FrameworkName, providers: readonly Provider[]): string {
  const names = providers.map((provider) => PROVIDER_NAMES[provider]);
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${FRAMEWORKS[framework].name} app receiving ${list} webhooks`;
}

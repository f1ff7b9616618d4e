/**
 * Express 5 and Koa 3 ship no type declarations and the bench has no `@types/express`/`@types/koa`:
 * the little of each API the bench servers use, typed here.
 */
declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Request extends IncomingMessage {
    body?: unknown;
  }
  interface Response extends ServerResponse {
    json(body: unknown): this;
  }
  type Next = (error?: unknown) => void;
  type Handler = (req: Request, res: Response, next: Next) => void;
  interface ParserOptions {
    limit?: number | string;
    type?: string | string[];
  }
  interface Application {
    (req: IncomingMessage, res: ServerResponse): void;
    disable(setting: string): this;
    use(path: string, ...handlers: ((req: IncomingMessage, res: ServerResponse, next: Next) => void)[]): this;
    post(path: string, ...handlers: Handler[]): this;
  }
  interface Express {
    (): Application;
    json(options?: ParserOptions): Handler;
    text(options?: ParserOptions): Handler;
  }
  const express: Express;
  export default express;
}

declare module 'koa' {
  import type { IncomingMessage } from 'node:http';

  interface Context {
    readonly path: string;
    readonly method: string;
    readonly req: IncomingMessage;
    readonly request: { readonly method: string; readonly rawBody?: unknown; readonly body?: unknown };
    status: number;
    body: unknown;
    set(field: { [key: string]: string | string[] }): void;
  }
  type Middleware = (ctx: Context, next: () => Promise<unknown>) => Promise<unknown> | unknown;
  class Koa {
    use(middleware: Middleware): this;
    callback(): (req: IncomingMessage, res: import('node:http').ServerResponse) => void;
  }
  export default Koa;
}

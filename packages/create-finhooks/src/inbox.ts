/**
 * `--inbox postgres`: the app stores each verified event in a PostgreSQL inbox and a worker process
 * applies it to the app's own tables exactly once (`@finhooks/postgres`). Its template is built from
 * `examples/<framework>-inbox`; only the frameworks listed here have one.
 */
import type { FrameworkName } from './catalog.js';
import { UsageError } from './errors.js';

export const INBOXES = ['postgres'] as const;
export type Inbox = (typeof INBOXES)[number];

/** Framework → the template of its inbox app (`templates/<name>`, from `examples/<name>`). */
const INBOX_TEMPLATES: Partial<Record<FrameworkName, string>> = { express: 'express-inbox' };

/** The frameworks `--inbox` works with. */
export const INBOX_FRAMEWORKS = Object.keys(INBOX_TEMPLATES) as FrameworkName[];

/** Every inbox template's name, for the build and the tests. */
export const INBOX_TEMPLATE_NAMES = Object.values(INBOX_TEMPLATES);

export function parseInbox(value: string): Inbox {
  const inbox = value.trim().toLowerCase();
  if (!(INBOXES as readonly string[]).includes(inbox)) {
    throw new UsageError(`--inbox: unknown "${value}"; choose ${INBOXES.join(', ')}.`);
  }
  return inbox as Inbox;
}

/** The template to scaffold: the framework's own, or its inbox app. Refuses a framework without one. */
export function templateName(framework: FrameworkName, inbox: Inbox | undefined): string {
  if (inbox === undefined) return framework;
  const template = INBOX_TEMPLATES[framework];
  if (!template) {
    throw new UsageError(
      `--inbox ${inbox}: there is no ${framework} template with an inbox yet; use --framework ${INBOX_FRAMEWORKS.join(' or ')}.`,
    );
  }
  return template;
}

/** What is added to the app's description. */
export const INBOX_DESCRIPTION: Record<Inbox, string> = {
  postgres: 'into a PostgreSQL inbox, applied exactly once by a worker',
};

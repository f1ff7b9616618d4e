import { styleText } from 'node:util';
import type { Io } from './io.js';

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/**
 * Colour only for a terminal, and never with NO_COLOR set (https://no-color.org) or TERM=dumb.
 * Decided here rather than by `styleText`, whose own check depends on the Node version.
 */
export function paintFor(stream: { isTTY?: boolean }, env: Io['env']): Paint {
  const enabled = Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

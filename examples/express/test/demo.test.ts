/** `npm run demo` (`pnpm demo` at the finhooks repository root): every step answers as it shows. */
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_DIR } from './support/app.js';

describe('the demo script', () => {
  it('starts the app, sends a signed event of each provider and a tampered one, and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../scripts/demo.ts', import.meta.url))], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code, output).toBe(0);
    expect(output).toContain('All deliveries answered as expected.');
    expect(output).toMatch(/401 Unauthorized/);
  }, 120_000);
});

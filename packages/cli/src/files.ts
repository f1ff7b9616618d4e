import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** Reads and parses a JSON file; errors name the file but never quote its content. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable');
    throw new UsageError(`Cannot read the ${what} ${file}: ${reason}.`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the content around the error: keep it out (secrets, PII).
    throw new UsageError(`The ${what} ${file} is not valid JSON.`);
  }
}

/** Reads a JSON file that must hold an object (a webhook body). */
export async function readJsonObject(file: string, what: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(file, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`The ${what} ${file} must hold a JSON object (the whole webhook body).`);
  }
  return value as Record<string, unknown>;
}

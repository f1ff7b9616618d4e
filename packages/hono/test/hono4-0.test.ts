/** The oldest Hono of the peer range (`^4.0.0`), installed under an alias, runs the same conformance suite. */
import { runAdapterSuite } from '@finhooks/adapter-suite';
import { Hono } from 'hono-4.0';
import { honoHarnesses } from './harnesses.js';

for (const harness of honoHarnesses(Hono as never, 'hono 4.0.0')) runAdapterSuite(harness);

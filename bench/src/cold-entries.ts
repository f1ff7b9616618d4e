/**
 * The smallest node:http handler of each finhooks provider and of each peer, as an app would write
 * it (secrets from the environment, one no-op handler), for the cold-start measurement, with one
 * request each handler must accept.
 */
import { randomUUID } from 'node:crypto';
import { atelio, atomic } from '@finhooks/core';
import { createTestRequest, moneyhubTestKeys } from '@finhooks/core/testing';
import { Webhooks as OctokitWebhooks } from '@octokit/webhooks';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import type { ColdEntry } from './coldstart.js';
import { moneyhubBody } from './payloads.js';

const SECRET = 'finhooks-cold-start-secret';
const STANDARD_SECRET = `whsec_${Buffer.from('finhooks-cold-start-standard-key').toString('base64')}`;
const BODY = Buffer.from(JSON.stringify({ id: 'evt_cold', type: 'cold.start', data: { amount: '1.00' } }));

const finhooksSource = (provider: string, options: string, type: string) => `
import { ${provider}, createWebhooks } from '@finhooks/core';
import { fromNodeRequest, handleRequest, writeNodeResponse } from '@finhooks/core/adapter';
const webhooks = createWebhooks({ provider: ${provider}(${options}) });
webhooks.onEvent('${type}', () => {});
export function handler(req, res) {
  handleRequest(webhooks, fromNodeRequest(req)).then((response) => writeNodeResponse(res, response));
}
`;

/** Reads a body the way an app without a framework would (for the peers that take the bytes). */
const READ_BODY = `
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
`;

export function coldEntries(): ColdEntry[] {
  return [
    {
      name: 'finhooks-atelio',
      label: 'finhooks, Atelio',
      peer: false,
      source: finhooksSource('atelio', '{ secret: process.env.SECRET }', 'transactions'),
      env: { SECRET },
      request: async () => {
        const r = await createTestRequest(atelio({ secret: SECRET }), 'transactions');
        return { headers: r.headers, body: r.rawBody };
      },
    },
    {
      name: 'finhooks-atomic',
      label: 'finhooks, Atomic',
      peer: false,
      source: finhooksSource('atomic', '{ secret: process.env.SECRET }', 'income-updated'),
      env: { SECRET },
      request: async () => {
        const r = await createTestRequest(atomic({ secret: SECRET }), 'income-updated');
        return { headers: r.headers, body: r.rawBody };
      },
    },
    {
      name: 'finhooks-moneyhub',
      label: 'finhooks, Moneyhub (JWT, local JWKS)',
      peer: false,
      source: finhooksSource(
        'moneyhub',
        "{ jwks: JSON.parse(process.env.JWKS), audience: 'cold-start-client' }",
        'newTransactions',
      ),
      env: {},
      request: async () => {
        const keys = await moneyhubTestKeys();
        const { moneyhub } = await import('@finhooks/core');
        const provider = moneyhub({ jwks: keys.jwks, audience: 'cold-start-client' });
        const r = await createTestRequest(provider, 'newTransactions', moneyhubBody(3), {
          privateKey: keys.privateKey,
          kid: keys.kid,
        });
        return { headers: r.headers, body: r.rawBody, env: { JWKS: JSON.stringify(keys.jwks) } };
      },
    },
    {
      name: 'octokit',
      label: '@octokit/webhooks `createNodeMiddleware`',
      peer: true,
      source: `
import { Webhooks, createNodeMiddleware } from '@octokit/webhooks';
const webhooks = new Webhooks({ secret: process.env.SECRET });
webhooks.on('push', () => {});
export const handler = createNodeMiddleware(webhooks, { path: '/webhook' });
`,
      env: { SECRET },
      request: async () => {
        const webhooks = new OctokitWebhooks({ secret: SECRET });
        return {
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'push',
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': await webhooks.sign(BODY.toString('utf8')),
          },
          body: BODY,
        };
      },
    },
    {
      name: 'stripe',
      label: 'stripe `webhooks.constructEvent`',
      peer: true,
      source: `
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
const secret = process.env.SECRET;
${READ_BODY}
export function handler(req, res) {
  readBody(req).then((body) => {
    try {
      stripe.webhooks.constructEvent(body, req.headers['stripe-signature'], secret);
      res.end('{"received":true}');
    } catch {
      res.statusCode = 400;
      res.end();
    }
  });
}
`,
      env: { SECRET, STRIPE_KEY: 'sk_test_finhooks_cold_start' },
      request: async () => {
        const stripe = new Stripe('sk_test_finhooks_cold_start');
        const header = stripe.webhooks.generateTestHeaderString({ payload: BODY.toString('utf8'), secret: SECRET });
        return { headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: BODY };
      },
    },
    ...(['standardwebhooks', 'svix'] as const).map((name): ColdEntry => ({
      name,
      label: `${name} \`Webhook#verify\``,
      peer: true,
      source: `
import { Webhook } from '${name}';
const wh = new Webhook(process.env.SECRET);
${READ_BODY}
export function handler(req, res) {
  readBody(req).then((body) => {
    try {
      wh.verify(body.toString('utf8'), req.headers);
      res.end('{"received":true}');
    } catch {
      res.statusCode = 400;
      res.end();
    }
  });
}
`,
      env: { SECRET: STANDARD_SECRET },
      request: async () => {
        const id = `msg_${randomUUID()}`;
        const now = new Date();
        const signature = new StandardWebhook(STANDARD_SECRET).sign(id, now, BODY.toString('utf8'));
        const prefix = name === 'svix' ? 'svix' : 'webhook';
        return {
          headers: {
            'content-type': 'application/json',
            [`${prefix}-id`]: id,
            [`${prefix}-timestamp`]: String(Math.floor(now.getTime() / 1000)),
            [`${prefix}-signature`]: signature,
          },
          body: BODY,
        };
      },
    })),
  ];
}

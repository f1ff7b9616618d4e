/**
 * `payroll-data-fetched`: the user's payroll data is ready to pull through the API.
 * Source: seed 001 "Payroll Data" (https://docs.atomicfi.com/paylink/reference/webhooks).
 *
 * The text documents only `payrollDataEvents`; company, connector and linkedAccount appear in the
 * sample only, so they are optional. `task`, `taskWorkflow` and `metadata` are top level.
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicCompany, atomicConnector } from './common.js';
import { atomicEvent, atomicMetadata } from './envelope.js';
import { atomicPayrollDataEventType } from './enums.js';

export const payrollDataFetched = lazy(() =>
  atomicEvent(
    'payroll-data-fetched',
    z.looseObject({
      /** The payroll-data webhooks that were sent. */
      payrollDataEvents: z.array(atomicPayrollDataEventType()),
      company: atomicCompany().optional(),
      connector: atomicConnector().optional(),
      linkedAccount: z.string().optional(),
    }),
    {
      task: z.string().optional(),
      taskWorkflow: z.string().optional(),
      metadata: atomicMetadata().optional(),
    },
  ),
);

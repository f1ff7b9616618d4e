/**
 * Task events (`task-status-updated`, `task-authentication-status-updated`, `task-status-patched`),
 * verify task `outputs`, and `task-workflow-finished`.
 * Source: seed 001 "Task Event Object", "Task status updated", "Task outputs", "Task Workflows"
 * (https://docs.atomicfi.com/paylink/reference/webhooks).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicCompany, atomicDepositAccount } from './common.js';
import { employmentShape } from './employment.js';
import { atomicEvent, atomicMetadata } from './envelope.js';
import {
  atomicAuthenticationMethod,
  atomicDistributionType,
  atomicFailureReason,
  atomicPreviousStatus,
  atomicProduct,
  atomicTaskStatus,
  atomicWorkflowState,
} from './enums.js';
import { identityShape } from './identity.js';
import { incomeShape } from './income.js';
import { atomicStatement } from './statements.js';
import { atomicW2 } from './taxes.js';
import { atomicTimesheet } from './timesheets.js';

/**
 * Top-level fields "all Task events" carry beside the envelope. `authenticationMethod` has no
 * "Optional" marker but is absent from the verify sample; `company` and `metadata` are marked optional.
 */
export const taskEventTopLevel = lazy(() => ({
  /** Public token used to initialise Transact. */
  publicToken: z.string(),
  product: atomicProduct(),
  /** Task id. */
  task: z.string(),
  /** Task Workflow id. */
  taskWorkflow: z.string(),
  authenticationMethod: atomicAuthenticationMethod().optional(),
  company: atomicCompany().optional(),
  metadata: atomicMetadata().optional(),
}));

/**
 * Verify task `outputs`: the data retrieved from the payroll system, flat (income, employment and
 * identity fields side by side) plus `statements`, `accounts`, `w2s` and `timesheets`. What is
 * present depends on data scoping and the payroll system, so everything is optional.
 */
export const atomicVerifyOutputs = lazy(() =>
  z.looseObject({
    ...incomeShape(),
    ...employmentShape(),
    ...identityShape(),
    statements: z.array(atomicStatement()).optional(),
    accounts: z.array(atomicDepositAccount()).optional(),
    w2s: z.array(atomicW2()).optional(),
    timesheets: z.array(atomicTimesheet()).optional(),
  }),
);

/** `data` of task status events. */
const taskStatusShape = lazy(() => ({
  previousStatus: atomicPreviousStatus(),
  status: atomicTaskStatus(),
  /** Whether the task authenticated into the payroll system. */
  authenticated: z.boolean(),
  /** Deposit tasks. */
  distributionType: atomicDistributionType().optional(),
  /** Deposit tasks: dollars when `fixed`, a percentage when `percent`; omitted when `total`. */
  distributionAmount: z.number().optional(),
}));

export const taskStatusUpdated = lazy(() =>
  atomicEvent(
    'task-status-updated',
    z.looseObject({
      ...taskStatusShape(),
      /** Why a failed task failed (the docs' own failure example omits it). */
      reason: atomicFailureReason().optional(),
      /** Verify tasks. */
      outputs: atomicVerifyOutputs().optional(),
    }),
    taskEventTopLevel(),
  ),
);

export const taskAuthenticationStatusUpdated = lazy(() =>
  atomicEvent('task-authentication-status-updated', z.looseObject({ authenticated: z.boolean() }), taskEventTopLevel()),
);

/** A final status corrected after the fact (rare: audits, bug fixes). */
export const taskStatusPatched = lazy(() =>
  atomicEvent('task-status-patched', z.looseObject(taskStatusShape()), taskEventTopLevel()),
);

/** `task-workflow-finished`: no task extras at the top level in the sample. */
export const taskWorkflowFinished = lazy(() =>
  atomicEvent(
    'task-workflow-finished',
    z.looseObject({
      taskWorkflow: z.string(),
      /** The status of the last finished task. */
      state: atomicWorkflowState(),
      /** Only when the workflow failed: the last finished task's fail reason. */
      failReason: atomicFailureReason().optional(),
      finishedTasks: z.array(
        z.looseObject({
          _id: z.string(),
          product: atomicProduct(),
          status: atomicWorkflowState(),
          failReason: atomicFailureReason().optional(),
        }),
      ),
      queuedTasks: z.array(z.looseObject({ product: atomicProduct() })),
    }),
  ),
);

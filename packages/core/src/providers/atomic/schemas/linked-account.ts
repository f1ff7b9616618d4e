/**
 * `linked-account-connected` / `linked-account-disconnected`: `data.linkedAccount` is the Linked
 * Account object (id, connector, company). No task extras in the samples.
 * Source: seed 001 "Linked Accounts" (https://docs.atomicfi.com/paylink/reference/webhooks).
 */
import * as z from 'zod';
import { lazy } from '../../../lazy-catalog.js';
import { atomicLinkedAccount } from './common.js';
import { atomicEvent } from './envelope.js';

function linkedAccountEvent<const T extends string>(type: T) {
  return atomicEvent(type, z.looseObject({ linkedAccount: atomicLinkedAccount() }));
}

export const linkedAccountConnected = lazy(() => linkedAccountEvent('linked-account-connected'));
/** Typically a password change or expiry: the user must go through Transact again. */
export const linkedAccountDisconnected = lazy(() => linkedAccountEvent('linked-account-disconnected'));

import { atomic } from '@finhooks/core';
import { webhooks } from '../../../../../dist/index.js';
import { FIXTURE_ATOMIC_SECRET } from '../../../secrets';

export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({ provider: atomic({ secret: FIXTURE_ATOMIC_SECRET }) });

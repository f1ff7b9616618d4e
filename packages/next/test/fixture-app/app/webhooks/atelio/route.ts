import { atelio } from '@finhooks/core';
import { webhooks } from '../../../../../dist/index.js';
import { FIXTURE_ATELIO_SECRET } from '../../../secrets';

export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = webhooks({ provider: atelio({ secret: FIXTURE_ATELIO_SECRET }) });

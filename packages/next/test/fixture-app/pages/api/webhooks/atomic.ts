import { atomic } from '@finhooks/core';
import { pagesWebhooks } from '../../../../../dist/index.js';
import { FIXTURE_ATOMIC_SECRET } from '../../../secrets';

export default pagesWebhooks({ provider: atomic({ secret: FIXTURE_ATOMIC_SECRET }) });
export const config = { api: { bodyParser: false } };

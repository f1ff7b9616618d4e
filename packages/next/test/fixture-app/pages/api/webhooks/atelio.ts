import { atelio } from '@finhooks/core';
import { pagesWebhooks } from '../../../../../dist/index.js';
import { FIXTURE_ATELIO_SECRET } from '../../../secrets';

export default pagesWebhooks({ provider: atelio({ secret: FIXTURE_ATELIO_SECRET }) });
export const config = { api: { bodyParser: false } };

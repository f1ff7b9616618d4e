import { atomic } from '@finhooks/core';
import { pagesWebhooks } from '../../../../../src/index';
import { FIXTURE_ATOMIC_SECRET } from '../../../secrets';

export default pagesWebhooks({ provider: atomic({ secret: FIXTURE_ATOMIC_SECRET }) });
export const config = { api: { bodyParser: false } };

import { Controller, Get } from '@nestjs/common';

/** The app's own route: Nest's controllers, body parser and guards work as usual next to the webhooks. */
@Controller('health')
export class HealthController {
  @Get()
  health() {
    return { ok: true };
  }
}

import { IngestEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { bodyErrorHandler } from './http/body-error.handler';
import { IngestModule } from './ingest.module';

bootstrapService({
  service: 'ingest',
  schema: IngestEnv,
  module: (config) => IngestModule.forRoot(config),
  configure: (app, config) => {
    app.useBodyParser('json', { limit: config.INGEST_MAX_BODY_BYTES });
    app.use(bodyErrorHandler);
  },
}).catch(exitOnStartupFailure('ingest'));

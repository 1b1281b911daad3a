import { IngestEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { IngestModule } from './ingest.module';

bootstrapService({ service: 'ingest', schema: IngestEnv, module: (config) => IngestModule.forRoot(config) }).catch(exitOnStartupFailure('ingest'));

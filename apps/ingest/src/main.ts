import { IngestEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { runRebuildIdentitiesCommand } from './identity/rebuild-identities.command';
import { IngestModule } from './ingest.module';

// `node main.js rebuild-identities` restores the identity links and anonymous buffers from the log (README).
if (process.argv[2] === 'rebuild-identities') {
  runRebuildIdentitiesCommand().catch(exitOnStartupFailure('ingest rebuild-identities'));
} else {
  bootstrapService({ service: 'ingest', schema: IngestEnv, module: (config) => IngestModule.forRoot(config) }).catch(exitOnStartupFailure('ingest'));
}

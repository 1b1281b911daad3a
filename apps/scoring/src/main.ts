import { ScoringEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { runRebuildCommand } from './rebuild/rebuild.command';
import { ScoringModule } from './scoring.module';

// `node main.js rebuild` empties the scoring state and rewinds the consumer group (docs/scoring-model.md, "Rebuilding scores").
if (process.argv[2] === 'rebuild') {
  runRebuildCommand().catch(exitOnStartupFailure('scoring rebuild'));
} else {
  bootstrapService({ service: 'scoring', schema: ScoringEnv, module: (config) => ScoringModule.forRoot(config) }).catch(exitOnStartupFailure('scoring'));
}

import { ScoringEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { ScoringModule } from './scoring.module';

bootstrapService({ service: 'scoring', schema: ScoringEnv, module: (config) => ScoringModule.forRoot(config) }).catch(exitOnStartupFailure('scoring'));

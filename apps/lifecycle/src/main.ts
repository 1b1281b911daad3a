import { LifecycleEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { LifecycleModule } from './lifecycle.module';
import { runRebuildCommand } from './rebuild/rebuild.command';

// `node main.js rebuild` skips the score changes scoring's rebuild emits again (docs/runbook.md).
if (process.argv[2] === 'rebuild') {
  runRebuildCommand().catch(exitOnStartupFailure('lifecycle rebuild'));
} else {
  bootstrapService({ service: 'lifecycle', schema: LifecycleEnv, module: (config) => LifecycleModule.forRoot(config) }).catch(exitOnStartupFailure('lifecycle'));
}

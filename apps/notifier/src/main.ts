import { NotifierEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { NotifierModule } from './notifier.module';
import { runRebuildCommand } from './rebuild/rebuild.command';

// `node main.js rebuild` restores the delivered alerts and rewinds the consumer group (docs/alerts.md, "Rebuilding alerts").
if (process.argv[2] === 'rebuild') {
  runRebuildCommand().catch(exitOnStartupFailure('notifier rebuild'));
} else {
  bootstrapService({ service: 'notifier', schema: NotifierEnv, module: (config) => NotifierModule.forRoot(config) }).catch(exitOnStartupFailure('notifier'));
}

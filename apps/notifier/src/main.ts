import { NotifierEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { NotifierModule } from './notifier.module';

bootstrapService({ service: 'notifier', schema: NotifierEnv, module: (config) => NotifierModule.forRoot(config) }).catch(exitOnStartupFailure('notifier'));

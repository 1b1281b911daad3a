import { LifecycleEnv } from '@baton/config';
import { bootstrapService, exitOnStartupFailure } from '@baton/service-runtime';
import { LifecycleModule } from './lifecycle.module';

bootstrapService({ service: 'lifecycle', schema: LifecycleEnv, module: (config) => LifecycleModule.forRoot(config) }).catch(exitOnStartupFailure('lifecycle'));

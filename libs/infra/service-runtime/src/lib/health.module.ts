import { TerminusModule } from '@nestjs/terminus';

/** What HealthController needs (terminus' check service): imported by each service module that declares it. */
export const HealthModule = TerminusModule.forRoot({ errorLogStyle: 'pretty' });

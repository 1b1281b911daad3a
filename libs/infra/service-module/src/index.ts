export { serviceModule, type ConsumedTopics, type ServiceWiring } from './lib/service.module';

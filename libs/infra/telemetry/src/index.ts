export * from './lib/message-trace';
export * from './lib/tracing';
export * from './lib/json-logger';
export * from './lib/personal-data.scrubber';
export * from './lib/http-trace.middleware';

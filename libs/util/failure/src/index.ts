export { classifyFailure, DependencyUnavailableError, describeError, TerminalError, type FailureKind } from './lib/failure';

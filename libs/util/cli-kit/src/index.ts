export { printCliResult, refusedArgsResult, type CliResult } from './lib/cli-result';
export { formatTable, type Align } from './lib/format-table';
export { apiKeyOption, parseOptions, refuseArgs, serviceBaseUrl, type ArgsRefusal, type CliEnv, type OptionsSpec, type ParsedOptions } from './lib/parse-options';
export { requestJson, type JsonAnswer, type JsonProblem, type JsonRequest } from './lib/request-json';

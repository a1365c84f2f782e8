// The source files of the modules in registry.ts, for the build step that gives the editor their
// types. Plain data so Node can read it without loading the engines.
export const PLAYGROUND_MODULE_SOURCES: Record<string, string> = {
  "playground/checks": "workers/sandbox/checks-api.ts",
  "playground/web": "workers/web/index.ts",
  "playground/redis": "workers/redis/learner-api.ts",
  "playground/postgres": "workers/postgres/learner-api.ts",
  "playground/checks/postgres": "workers/postgres/checks-api.ts",
  "playground/search": "workers/search/learner-api.ts",
  "playground/pool": "workers/pool/learner-api.ts",
  "playground/cluster": "workers/cluster/learner-api.ts",
  "playground/validation": "workers/validation/learner-api.ts",
  "playground/serialization": "workers/serialization/learner-api.ts",
  "playground/dns": "workers/dns/learner-api.ts",
  "playground/tasks": "workers/tasks/learner-api.ts",
};

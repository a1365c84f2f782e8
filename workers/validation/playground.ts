// `playground/validation` as lesson code imports it (types in learner-api.ts): the engine's
// factories, bound to the run's clock and trace sink so each validation call reports its nodes.
import { validationFactories } from "./factories.ts";
import type * as LearnerApi from "./learner-api.ts";
import type { ValidationTrace } from "./trace.ts";

export interface ValidationModuleEnv {
  now(): number;
  trace(event: ValidationTrace): void;
}

export function validationModule(env: ValidationModuleEnv): typeof LearnerApi {
  return validationFactories({ now: () => env.now(), trace: (event) => env.trace(event), calls: { count: 0 } });
}

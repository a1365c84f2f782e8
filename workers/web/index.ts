// playground/web: the web engine's public entry (DESIGN §7). A plain list of exports.
export { Router } from "./router/router.ts";
export type {
  MatchFound,
  MatchNotAllowed,
  MatchNotFound,
  MatchOptions,
  MatchRedirect,
  MatchResult,
  ParamValue,
  Params,
  RouteInfo,
  RouterOptions,
  Strategy,
} from "./router/types.ts";
export type { RouterStep, RouterStepKind, TraceSink } from "./router/trace.ts";
export { countComparisons } from "./router/trace.ts";
export type { NodeSnapshot, LinearRouteSnapshot, RouterSnapshot } from "./router/describe.ts";

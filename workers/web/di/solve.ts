// FastAPI's solve_dependencies: sub-dependencies first, in declaration order, each one's own
// sub-dependencies before it; then the request cache; then the call. Validation errors are
// collected rather than thrown, and a dependency whose sub-dependencies failed is not called.
// Each dependant's own parameters come last: path, query, headers, then its body parameters.
import { exceptionLabel, type ValidationErrorItem } from "../app/errors";
import { requestBodyToArgs } from "../app/body";
import { extractParams } from "../app/params";
import type { RequestTracer } from "../app/trace";
import {
  computedScope,
  dependencyName,
  getDependant,
  type Dependant,
  type DependencyFn,
  type RequestContext,
} from "./depends";
import { enterGenerator, type AnyGenerator, type AsyncExitStack } from "./exitstack";

export interface SolveContext {
  /** What each dependency receives as its second argument (the request or WebSocket in it). */
  ctx: RequestContext;
  /** Teardown after the response (request scope). */
  requestStack: AsyncExitStack;
  /** Teardown when the endpoint returns (function scope). */
  functionStack: AsyncExitStack;
  overrides: ReadonlyMap<DependencyFn, DependencyFn>;
  /** The request-scoped cache: function -> computed scope -> value. */
  cache: Map<DependencyFn, Map<string, unknown>>;
  tracer: RequestTracer;
  /** Trace ids of the functions seen in this request, in first-seen order. */
  ids: Map<DependencyFn, number>;
  /** The request's body as read for the route (undefined: none, or the route declares no body). */
  body?: unknown;
  /** Whether the route's body parameters are embedded, decided over the whole tree. */
  embedBody?: boolean;
}

export interface Solved {
  values: Record<string, unknown>;
  errors: ValidationErrorItem[];
}

interface Parent {
  id: number;
  name: string;
}

function idOf(sc: SolveContext, fn: DependencyFn): number {
  let id = sc.ids.get(fn);
  if (id === undefined) sc.ids.set(fn, (id = sc.ids.size + 1));
  return id;
}

export async function solveDependencies(dependant: Dependant, sc: SolveContext, parent: Parent): Promise<Solved> {
  const values: Record<string, unknown> = {};
  const errors: ValidationErrorItem[] = [];
  for (const sub of dependant.dependencies) {
    const override = sc.overrides.get(sub.call);
    const use = override ? getDependant(override, { name: sub.name, scope: sub.scope }) : sub;
    const id = idOf(sc, use.call);
    const name = dependencyName(use.call);
    const solved = await solveDependencies(use, sc, { id, name });
    if (solved.errors.length > 0) {
      errors.push(...solved.errors);
      continue;
    }
    const scopeKey = computedScope(sub) ?? "";
    let cached = sc.cache.get(sub.call);
    let value: unknown;
    if (sub.useCache && cached?.has(scopeKey)) {
      value = cached.get(scopeKey);
      sc.tracer.emit({ kind: "dependency.cached", id, name, parentId: parent.id, parent: parent.name });
    } else {
      value = await call(use, solved.values, sc, { id, name }, parent, sub.scope === "function");
    }
    if (sub.name !== undefined) values[sub.name] = value;
    if (!cached) sc.cache.set(sub.call, (cached = new Map()));
    if (!cached.has(scopeKey)) cached.set(scopeKey, value);
  }
  // Path, query and header parameters, then the body: FastAPI's order of errors.
  const params = extractParams(dependant.params, sc.ctx.connection);
  const body = requestBodyToArgs(dependant.body, sc.embedBody ?? false, sc.body);
  Object.assign(values, params.values, body.values);
  errors.push(...params.errors, ...body.errors);
  return { values, errors };
}

async function call(
  use: Dependant,
  values: Record<string, unknown>,
  sc: SolveContext,
  self: Parent,
  parent: Parent,
  functionScope: boolean,
): Promise<unknown> {
  sc.tracer.emit({
    kind: "dependency.call",
    id: self.id,
    name: self.name,
    parentId: parent.id,
    parent: parent.name,
    scope: computedScope(use) ?? null,
    generator: use.kind !== "plain",
  });
  const fn = use.call as unknown as (params: Record<string, unknown>, ctx: RequestContext) => unknown;
  if (use.kind === "plain") return await fn(values, sc.ctx);
  const stack = functionScope ? sc.functionStack : sc.requestStack;
  return enterGenerator(fn(values, sc.ctx) as AnyGenerator, stack, (result) => {
    sc.tracer.emit({
      kind: "dependency.teardown",
      id: self.id,
      name: self.name,
      outcome: result.outcome,
      ...(result.outcome === "raised" ? { error: exceptionLabel(result.error) } : {}),
    });
  });
}

// Modules built on their first import: what a run's `playground/*` modules are (registry.ts), and
// what a cluster worker's are (workers/cluster/node-modules.ts). Free of engine imports, so either
// can use it without importing the other's engines.

/** Modules each built on first import and shared by everyone who imports them (in a run: learner code and checks). */
export function instantiateModules<Env>(factories: Record<string, (env: Env) => unknown>, env: Env, protect: <T>(module: T, name: string) => T = (m) => m): Record<string, unknown> {
  const built = new Map<string, unknown>();
  const modules: Record<string, unknown> = {};
  for (const [name, factory] of Object.entries(factories)) {
    Object.defineProperty(modules, name, {
      enumerable: true,
      get() {
        if (!built.has(name)) built.set(name, protect(factory(env), name));
        return built.get(name);
      },
    });
  }
  return modules;
}

// The names of the hosted engines (hosted-engines.ts has the rest): what a lesson's front matter
// may list under `engines:`. Apart from the loaders so the build can read it in Node without
// reaching a host module (a host's worker import means nothing to the config's bundler).
export const HOSTED_ENGINE_NAMES = ["postgres", "cluster"] as const;

export type HostedEngineName = (typeof HOSTED_ENGINE_NAMES)[number];

export function isHostedEngine(name: string): name is HostedEngineName {
  return (HOSTED_ENGINE_NAMES as readonly string[]).includes(name);
}

import { resolve } from "node:path";
import type { Plugin } from "vite";
import { playgroundTypes } from "./playground-types.ts";
import { PLAYGROUND_MODULE_SOURCES } from "../workers/sandbox/modules.ts";

const ID = "virtual:playground-types";

/** Serves build/playground-types.ts as `virtual:playground-types`, loaded with the editor. */
export function playgroundTypesPlugin(options: { root: string }): Plugin {
  return {
    name: "backend-playground:playground-types",
    resolveId(id) {
      if (id === ID) return "\0" + ID;
    },
    load(id) {
      if (id !== "\0" + ID) return;
      for (const file of Object.values(PLAYGROUND_MODULE_SOURCES)) this.addWatchFile(resolve(options.root, file));
      return `export default ${JSON.stringify(playgroundTypes(options.root, PLAYGROUND_MODULE_SOURCES))};`;
    },
  };
}

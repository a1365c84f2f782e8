import type { Server } from "node:http";

export function serveDist(options?: { dir?: string; base?: string; port?: number; host?: string; overrides?: Record<string, () => string | undefined> }): Promise<Server>;

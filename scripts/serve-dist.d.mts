import type { Server } from "node:http";

export function serveDist(options?: { dir?: string; base?: string; port?: number; host?: string }): Promise<Server>;

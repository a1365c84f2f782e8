// The part of pg-pool's API that bench/pool.bench.ts drives (the package ships no types).
declare module "pg-pool" {
  import { EventEmitter } from "node:events";

  interface PoolClient {
    query(text: string): Promise<unknown>;
    release(err?: Error | boolean): void;
  }

  export default class Pool extends EventEmitter {
    constructor(options: { max?: number; idleTimeoutMillis?: number; Client?: new () => unknown });
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
    readonly totalCount: number;
    readonly idleCount: number;
    readonly waitingCount: number;
  }
}

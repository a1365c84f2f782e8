// The bridge: one simulated internet's recursive resolver served over UDP on a loopback port,
// so dig, Node's dns.Resolver and any stub resolver can query it (`npm run dns-sim`). This is a
// host (Node), not the engine: it owns the socket and the wall clock; what each datagram gets
// is bridge-answer.ts's.
//
// Time: the internet's clock follows the wall (sim-clock.ts followWall). A resolution still
// walks the simulated hierarchy hop by hop, but each hop's latency is now waited out for real,
// so `dig` reports the simulated 106 ms for a cold www.example.test and a few for a cached one;
// and between requests the clock catches up with the wall, so TTLs count down in real seconds.
// Running each resolution instantly instead would let virtual time run ahead of the wall by
// every cold resolution's latency (100 cold queries a second: ten virtual seconds a second), so
// cached TTLs would expire faster the busier the bridge — the wall is the only clock a client
// shares with the bridge. Requests overlap on the one clock as they would on a real resolver.
import { createSocket, type RemoteInfo } from "node:dgram";
import { performance } from "node:perf_hooks";
import { answerDatagram } from "./bridge-answer.ts";
import { createInternet } from "./index.ts";
import type { Internet } from "./internet.ts";
import type { InternetOptions, RecordType, ResolverOptions } from "./learner-api.ts";
import type { RecursiveResolver, ResolveResult } from "./resolver.ts";

export interface DnsBridgeOptions {
  /** Default 127.0.0.1: the bridge is for tools on this machine. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The internet to serve (its clock is set to follow the wall); default a new one from `internetOptions`. */
  internet?: Internet;
  internetOptions?: InternetOptions;
  resolver?: ResolverOptions;
  /** Told of every resolution served (the CLI prints them). */
  onQuery?: (query: ServedQuery) => void;
  /** Told when answering a datagram failed in a way bridge-answer.ts did not foresee (it is dropped). */
  onError?: (error: unknown) => void;
}

export interface ServedQuery {
  from: string;
  name: string;
  type: string;
  result: ResolveResult;
}

export interface DnsBridge {
  host: string;
  port: number;
  internet: Internet;
  resolver: RecursiveResolver;
  close(): Promise<void>;
}

export async function startDnsBridge(options: DnsBridgeOptions = {}): Promise<DnsBridge> {
  const internet = options.internet ?? createInternet(options.internetOptions);
  internet.clock.followWall({ now: () => performance.now(), setTimer: (fire, ms) => setTimeout(fire, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) });
  const resolver = internet.newResolver(options.resolver);
  const socket = createSocket("udp4");

  const resolve = (from: RemoteInfo) => async (name: string, type: RecordType) => {
    internet.clock.catchUp();
    const result = await resolver.resolve(name, type);
    options.onQuery?.({ from: `${from.address}:${from.port}`, name, type, result });
    return result;
  };
  socket.on("message", (bytes, from) => {
    answerDatagram(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), resolve(from)).then(
      (reply) => {
        // A client gone by the time the answer is ready is not the bridge's problem.
        if (reply) socket.send(reply, from.port, from.address, () => {});
      },
      (error: unknown) => options.onError?.(error),
    );
  });
  // Errors after binding (ICMP unreachable surfacing on some systems) must not end the process.
  const bound = new Promise<void>((resolveBind, reject) => {
    socket.once("error", reject);
    socket.bind(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      socket.off("error", reject);
      socket.on("error", () => {});
      resolveBind();
    });
  });
  await bound;
  const address = socket.address();
  return {
    host: address.address,
    port: address.port,
    internet,
    resolver,
    close: () => new Promise((done) => socket.close(() => done())),
  };
}

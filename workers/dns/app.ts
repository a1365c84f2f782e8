// An application process with one thread, asking a resolver through its stub. gethostbyname
// holds the thread for the whole resolution (as socket.gethostbyname, or getaddrinfo on the
// event loop's own thread, does), so the app's other work waits; the async resolver sends the
// query and frees the thread until the answer comes.
import type * as Api from "./learner-api.ts";
import type { Internet } from "./internet.ts";

export function createApp(net: Internet, resolver: Api.Resolver, app: number): Api.App {
  /** The thread: each holder waits for the previous one to let go. */
  let thread: Promise<void> = Promise.resolve();
  const hold = <T>(run: () => Promise<T>): Promise<T> => {
    const turn = thread.then(run);
    thread = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  };
  const trace = net.env.trace;
  const first = async (hostname: string) => (await resolver.lookup(hostname)).address;

  return {
    gethostbyname: (hostname) =>
      hold(async () => {
        const started = net.now();
        try {
          return await first(hostname);
        } finally {
          trace?.({ kind: "app.blocked", app, name: hostname, ms: net.now() - started });
        }
      }),
    resolve: (hostname) => {
      net.clock.touch();
      return first(hostname);
    },
    work: (ms, label = "work") => {
      const asked = net.now();
      net.clock.touch();
      return hold(async () => {
        const waitedMs = net.now() - asked;
        await net.clock.sleep(ms);
        trace?.({ kind: "app.work", app, label, ms, waitedMs });
      });
    },
  };
}

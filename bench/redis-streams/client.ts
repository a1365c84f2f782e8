// The redis.streams load (run as its own process, so that the clients' work never shares an
// event loop with the bridge under test): `clients` connections, each repeating one script
// unpipelined — XADD a job, XREADGROUP one entry for its consumer, XACK what it read — and
// printing {"commands", "seconds"} when all are done. Lean on purpose (raw sockets, replies read
// as latin1 text), so that the load generator is not what limits either server.
//
//   node --import tsx bench/redis-streams/client.ts <port> <clients> <iterations> <key>
import { Socket } from "node:net";

const [port, clients, iterations, key] = [Number(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];

function encode(args: string[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/** Where the RESP2 value starting at i ends in s, or -1 when it is not all there yet. */
function end(s: string, i: number): number {
  const eol = s.indexOf("\r\n", i);
  if (eol < 0) return -1;
  const n = Number(s.slice(i + 1, eol));
  switch (s[i]) {
    case "$":
      return n < 0 ? eol + 2 : s.length >= eol + 4 + n ? eol + 4 + n : -1;
    case "*": {
      let at = eol + 2;
      for (let k = 0; k < n && at >= 0; k++) at = end(s, at);
      return n < 0 ? eol + 2 : at;
    }
    default:
      return eol + 2;
  }
}

/** One connection: send a command, resolve with its raw reply. */
function connect(): Promise<(args: string[]) => Promise<string>> {
  return new Promise((resolve, reject) => {
    const sock = new Socket();
    sock.setNoDelay(true);
    let buf = "";
    let waiting: ((reply: string) => void) | undefined;
    sock.on("data", (d: Buffer) => {
      buf += d.toString("latin1");
      const e = end(buf, 0);
      if (e < 0) return;
      const reply = buf.slice(0, e);
      buf = buf.slice(e);
      const w = waiting!;
      waiting = undefined;
      w(reply);
    });
    sock.once("error", reject);
    sock.connect(port, "127.0.0.1", () =>
      resolve((args) => {
        sock.write(encode(args));
        return new Promise((r) => (waiting = r));
      }),
    );
    sockets.push(sock);
  });
}

const sockets: Socket[] = [];
const ENTRY_ID = /^\*1\r\n\*2\r\n\$\d+\r\n[^\r]*\r\n\*1\r\n\*2\r\n\$\d+\r\n([0-9]+-[0-9]+)\r\n/;

async function worker(send: (args: string[]) => Promise<string>, n: number): Promise<number> {
  let commands = 0;
  for (let i = 0; i < n; i++) {
    const added = await send(["XADD", key, "*", "job", `${i}`, "payload", "send-welcome-email"]);
    if (added[0] !== "$") throw new Error(`XADD: ${added}`);
    const read = await send(["XREADGROUP", "GROUP", "workers", `w${i % 4}`, "COUNT", "1", "STREAMS", key, ">"]);
    commands += 2;
    const id = ENTRY_ID.exec(read)?.[1];
    if (id === undefined) {
      if (read !== "*-1\r\n") throw new Error(`XREADGROUP: ${read}`);
      continue;
    }
    const acked = await send(["XACK", key, "workers", id]);
    if (acked !== ":1\r\n") throw new Error(`XACK ${id}: ${acked}`);
    commands++;
  }
  return commands;
}

const conns = await Promise.all(Array.from({ length: clients }, () => connect()));
const setup = await conns[0](["XGROUP", "CREATE", key, "workers", "$", "MKSTREAM"]);
if (setup[0] === "-") throw new Error(setup);
const start = process.hrtime.bigint();
const counts = await Promise.all(conns.map((send) => worker(send, iterations)));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
for (const s of sockets) s.destroy();
console.log(JSON.stringify({ commands: counts.reduce((a, b) => a + b, 0), seconds }));

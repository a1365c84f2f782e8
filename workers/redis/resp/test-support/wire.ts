// Raw socket exchanges for the bridge's tests and bench, recorded the way the golden files were
// (../shared/golden/resp.json): bytes as latin1 strings, writes 50 ms apart, then everything the
// server sends within a window after the last write, or until it closes.
import { connect, type Socket } from "node:net";

export interface Exchange {
  received: string;
  closed: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function exchange(port: number, send: string | string[], windowMs = 200): Promise<Exchange> {
  const socket = await open(port);
  const writes = Array.isArray(send) ? send : [send];
  let received = "";
  let closed = false;
  let whenClosed!: () => void;
  const closedPromise = new Promise<void>((resolve) => (whenClosed = resolve));
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  // The server closing its side (FIN) or resetting counts as closed, as in the recording.
  socket.on("end", () => ((closed = true), whenClosed()));
  socket.on("close", () => ((closed = true), whenClosed()));
  socket.on("error", () => {});
  for (let i = 0; i < writes.length; i++) {
    if (i > 0) await sleep(50);
    if (!closed) socket.write(Buffer.from(writes[i], "latin1"));
  }
  await Promise.race([sleep(windowMs), closedPromise]);
  // A close right behind the last bytes may still be in flight; give it a moment.
  if (!closed) await Promise.race([sleep(20), closedPromise]);
  socket.destroy();
  return { received, closed };
}

export function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

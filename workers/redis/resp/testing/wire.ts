// Raw socket exchanges for the bridge's tests, recorded the way the golden files were
// (golden/resp.json): bytes as latin1 strings, writes 50 ms apart, then everything the
// server sends within a window after the last write, or until it closes.
import { connect, type Socket } from "node:net";

export interface Exchange {
  received: string;
  closed: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ExchangeOptions {
  /** How long to collect after the last write (the recordings used 200 ms). */
  windowMs?: number;
  /**
   * The answer the test expects, so a slow machine cannot fail a right answer: waiting stops as
   * soon as the expected bytes (and close) are in, and goes on up to `graceMs` past the window
   * while they are not. An expected silence is still listened to for the whole window.
   */
  expect?: Exchange;
  graceMs?: number;
}

/** How long to keep listening once the expected bytes are in, for any extra byte or close. */
const SETTLE_MS = 30;

export async function exchange(port: number, send: string | string[], options: ExchangeOptions = {}): Promise<Exchange> {
  const { windowMs = 200, expect, graceMs = 2000 } = options;
  const socket = await open(port);
  const writes = Array.isArray(send) ? send : [send];
  let received = "";
  let closed = false;
  let check = () => {};
  const arrived = () => expect !== undefined && received.length >= expect.received.length && (closed || !expect.closed);
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("latin1");
    check();
  });
  // The server closing its side (FIN) or resetting counts as closed, as in the recording.
  const onClosed = () => {
    closed = true;
    check();
  };
  socket.on("end", onClosed);
  socket.on("close", onClosed);
  socket.on("error", () => {});
  for (let i = 0; i < writes.length; i++) {
    if (i > 0) await sleep(50);
    if (!closed) socket.write(Buffer.from(writes[i], "latin1"));
  }
  await new Promise<void>((resolve) => {
    let windowOver = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      timers.forEach(clearTimeout);
      resolve();
    };
    check = () => {
      if (closed || (arrived() && (windowOver || (expect?.received.length ?? 0) > 0))) finish();
    };
    timers.push(
      setTimeout(() => {
        windowOver = true;
        if (expect === undefined || arrived()) finish();
      }, windowMs),
      setTimeout(finish, windowMs + (expect ? graceMs : 0)),
    );
    check();
  });
  // Bytes or a close right behind what was expected still count.
  if (!closed) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, SETTLE_MS);
      check = () => {
        if (!closed) return;
        clearTimeout(timer);
        resolve();
      };
    });
  }
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

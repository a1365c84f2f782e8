// One datagram to a UDP port on loopback and the first reply, or null when none comes within
// `waitMs`: how the bridge's tests send what no well-behaved client would.
import { createSocket } from "node:dgram";

export function exchange(port: number, bytes: Uint8Array, waitMs = 300): Promise<Uint8Array | null> {
  const socket = createSocket("udp4");
  return new Promise((resolve, reject) => {
    const finish = (reply: Uint8Array | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => finish(null), waitMs);
    socket.once("message", (reply) => finish(new Uint8Array(reply)));
    socket.once("error", (e) => {
      clearTimeout(timer);
      socket.close();
      reject(e);
    });
    socket.send(bytes, port, "127.0.0.1");
  });
}

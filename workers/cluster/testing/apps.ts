// Learner modules the cluster tests serve, as a lesson would hand them over: TypeScript source that
// imports `playground/cluster` and exports `app`, an ASGI app with WebSockets written by hand (the
// web engine's FastAPI WebSockets are not used here). Each worker imports its own copy.

/** Answers every frame with "worker N: <frame>". */
export const ECHO = `
import { workerId } from "playground/cluster";

export const app = {
  async asgiWebSocket(scope, receive, send) {
    await receive(); // websocket.connect
    await send({ type: "websocket.accept" });
    for (;;) {
      const message = await receive();
      if (message.type === "websocket.disconnect") return;
      await send({ type: "websocket.send", text: \`worker \${workerId()}: \${message.text}\` });
    }
  },
};
`;

/**
 * A chat room whose connection manager is a Set in the module: each worker has its own, so a
 * message reaches only the clients of the worker it arrived on.
 */
export const CHAT_IN_MEMORY = `
const connections = new Set<(text: string) => Promise<void>>();

async function broadcast(text: string) {
  for (const sendText of connections) await sendText(text);
}

export const app = {
  async asgiWebSocket(scope, receive, send) {
    await receive();
    await send({ type: "websocket.accept" });
    const sendText = (text: string) => send({ type: "websocket.send", text });
    connections.add(sendText);
    try {
      for (;;) {
        const message = await receive();
        if (message.type === "websocket.disconnect") return;
        await broadcast(message.text);
      }
    } finally {
      connections.delete(sendText);
    }
  },
};
`;

/** The same chat room, with every message published on Redis and each worker broadcasting what it hears. */
export const CHAT_REDIS = `
import { createBrokerClient } from "playground/cluster";

const connections = new Set<(text: string) => Promise<void>>();
const publisher = createBrokerClient();
const subscriber = publisher.duplicate();

async function broadcast(text: string) {
  for (const sendText of connections) await sendText(text);
}

// Connected on the first connection (in a worker), once: not as the module loads.
let connected: Promise<void> | null = null;
function connectOnce() {
  connected ??= (async () => {
    await publisher.connect();
    await subscriber.connect();
    await subscriber.subscribe("chat", (text) => broadcast(text));
  })();
  return connected;
}

export const app = {
  async asgiWebSocket(scope, receive, send) {
    await connectOnce();
    await receive();
    await send({ type: "websocket.accept" });
    const sendText = (text: string) => send({ type: "websocket.send", text });
    connections.add(sendText);
    try {
      for (;;) {
        const message = await receive();
        if (message.type === "websocket.disconnect") return;
        await publisher.publish("chat", message.text);
      }
    } finally {
      connections.delete(sendText);
    }
  },
};
`;

/**
 * Authentication by first message: the client must send "token:<valid token>" within 5 s of the
 * handshake. A wrong token is closed with 4001, silence with 4002 (asyncio.wait_for's timeout).
 */
export const AUTH = `
import { waitFor, TimeoutError } from "playground/cluster";

const TOKENS = new Set(["token:alice"]);

export const app = {
  async asgiWebSocket(scope, receive, send) {
    await receive();
    await send({ type: "websocket.accept" });
    let first;
    try {
      first = await waitFor(receive(), 5000);
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
      await send({ type: "websocket.close", code: 4002, reason: "authentication timed out" });
      return;
    }
    if (first.type === "websocket.disconnect") return;
    if (!TOKENS.has(first.text)) {
      await send({ type: "websocket.close", code: 4001, reason: "invalid token" });
      return;
    }
    await send({ type: "websocket.send", text: "welcome" });
    for (;;) {
      const message = await receive();
      if (message.type === "websocket.disconnect") return;
      await send({ type: "websocket.send", text: "you said " + message.text });
    }
  },
};
`;

/** Accepts and then only listens: the connection stays until the client closes or is dropped. */
export const QUIET = `
export const app = {
  async asgiWebSocket(scope, receive, send) {
    await receive();
    await send({ type: "websocket.accept" });
    for (;;) {
      const message = await receive();
      if (message.type === "websocket.disconnect") return;
    }
  },
};
`;

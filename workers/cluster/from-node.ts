// What the coordinator does with each message a worker sends (already read through
// read-message.ts): the worker's state, its connections' handshakes, frames and closes, pongs for
// its pings, its broker links, its console — each traced as it crosses the wire.
import { decode } from "../web/app/asgi.ts";
import type { Broker } from "./broker.ts";
import type { Causes } from "./causes.ts";
import type { ConsoleLine } from "./cluster.ts";
import type { FromNode } from "./protocol.ts";
import type { Slot } from "./slot.ts";
import type { ClusterTraceBody } from "./trace.ts";

/** What of the coordinator its message handling reaches. */
export interface Coordinator {
  emit(body: ClusterTraceBody): void;
  causes: Causes;
  broker: Broker;
  /** The worker ended (here: it could not load the module). */
  retire(slot: Slot, state: "crashed", error: string): void;
  onConsole?(line: ConsoleLine): void;
}

export function receiveFromNode(coordinator: Coordinator, slot: Slot, message: FromNode): void {
  const { emit, causes, broker } = coordinator;
  const worker = slot.worker;
  switch (message.type) {
    case "loaded":
      slot.alive = true;
      emit({ kind: "worker", worker, state: "started" });
      slot.loading?.resolve();
      slot.loading = null;
      return;
    case "load-failed": {
      const at = message.line ? ` (learner.ts:${message.line}${message.column ? `:${message.column}` : ""})` : "";
      const failure = new Error(`worker ${worker} failed to load your module: ${message.message}${at}`);
      const loading = slot.loading;
      slot.loading = null;
      coordinator.retire(slot, "crashed", message.message);
      loading?.reject(Object.assign(failure, { worker, line: message.line, column: message.column }));
      return;
    }
    case "accept": {
      const client = slot.conns.get(message.conn);
      if (!client || client.accepted) return;
      emit({ kind: "accept", client: client.id, worker });
      client.opened();
      return;
    }
    case "frame": {
      const text = message.text ?? decode(message.bytes ?? new Uint8Array());
      const client = slot.conns.get(message.conn);
      const delivered = client !== undefined && client.closed === null;
      slot.framesOut++;
      emit({ kind: "out", client: message.conn, worker, msg: causes.find(worker, text), text, delivered });
      if (delivered) client.deliver(text);
      return;
    }
    case "close": {
      const client = slot.conns.get(message.conn);
      if (!client) return;
      slot.conns.delete(message.conn);
      if (client.accepted) {
        emit({ kind: "close", client: client.id, worker, code: message.code, reason: message.reason, by: "server" });
        client.end({ code: message.code, reason: message.reason, by: "server" });
      } else {
        emit({ kind: "reject", client: client.id, worker, status: message.status ?? 403 });
        client.end({ code: 1006, reason: "", by: "server" });
      }
      return;
    }
    case "dropped": {
      const client = slot.conns.get(message.conn);
      if (!client) return;
      slot.conns.delete(message.conn);
      emit({ kind: "lost", client: client.id, worker, why: message.why });
      client.end({ code: 1006, reason: "", by: "server" });
      return;
    }
    case "ping":
      slot.post({ type: "pong", conns: message.conns.filter((conn) => slot.conns.get(conn)?.closed === null) });
      return;
    case "broker-open":
      broker.open(slot, message.link);
      return;
    case "broker-command":
      broker.command(slot, message.link, message.id, message.argv);
      return;
    case "broker-close":
      broker.close(slot, message.link);
      return;
    case "console":
      coordinator.onConsole?.({ worker, level: message.level, text: message.text });
      return;
  }
}

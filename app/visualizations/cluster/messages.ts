// What became of each frame a client sent, up to the playhead: how many clients were connected
// when it reached its worker, how many it reached, and for each one it missed, where it was lost —
// it never left its worker (a broadcast from memory), its publish had no receivers, the broker did
// not deliver it to a worker, a worker went down before sending it on, a worker did not send it,
// or it was sent after the client had gone. Words for it too: the text alternative's sentences.
import type { ClientNow, ClusterNow, Mark, Sent } from "./model";

export type MissReason = "never left" | "no receivers" | "not delivered" | "worker down" | "not sent" | "undelivered";

export interface Miss {
  reason: MissReason;
  /** Where it was lost: the worker it never left, that went down, did not send it, was not delivered it, or that sent it too late; the publisher for no receivers. */
  worker: number;
  /** For "worker down": how. */
  state?: "killed" | "crashed" | "stopped";
  count: number;
}

export interface Fate {
  sent: Sent;
  /** Clients connected when it was sent (the sender included). */
  connected: number;
  /** Of those, how many it reached. */
  reached: number;
  missed: number;
  misses: Miss[];
  /** Frames carrying it sent to clients that had already gone before it was sent (a vanished client's). */
  lostOnTheWay: number;
  /** No worker sent it on or published it: not a broadcast (an authentication frame, say), unless its worker went down. */
  passedOn: boolean;
}

/** It was carried less than a hop before `time`: more frames carrying it may come. */
export const onItsWay = (f: Fate, time: number) => f.sent.settlesAt > time;

/**
 * Worker `w` went down after `since` without sending a single frame out in between: it died
 * holding the message (not a worker that chose not to send it, then died much later).
 */
function diedHolding(now: ClusterNow, w: number, since: number) {
  const down = now.downs.find((d) => d.worker === w && d.t >= since);
  if (!down) return undefined;
  const outs = now.outTimes.get(w) ?? [];
  let lo = 0;
  let hi = outs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (outs[mid] <= since) lo = mid + 1;
    else hi = mid;
  }
  return lo < outs.length && outs[lo] < down.t ? undefined : down;
}

export function fateOf(now: ClusterNow, sent: Sent): Fate {
  const published = sent.publishes > 0;
  const senderDown = diedHolding(now, sent.worker, sent.t);
  const passedOn = published || sent.outWorkers.size > 0 || !!senderDown;
  const groups = new Map<string, Miss>();
  let reached = 0;
  for (const client of sent.openAtSend) {
    if (sent.received.has(client)) {
      reached++;
      continue;
    }
    const w = now.byClient.get(client)?.worker ?? sent.worker;
    const miss = whyMissed(now, sent, client, w, senderDown);
    const key = `${miss.reason} ${miss.worker}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { ...miss, count: 1 });
  }
  let lostOnTheWay = 0;
  for (const client of sent.undelivered) if (!sent.openAtSend.includes(client)) lostOnTheWay++;
  const connected = sent.openAtSend.length;
  const misses = passedOn ? [...groups.values()].sort((a, b) => b.count - a.count) : [];
  return { sent, connected, reached, missed: connected - reached, misses, lostOnTheWay, passedOn };
}

function whyMissed(now: ClusterNow, sent: Sent, client: number, w: number, senderDown: ReturnType<typeof diedHolding>): Omit<Miss, "count"> {
  if (sent.undelivered.has(client)) return { reason: "undelivered", worker: w };
  const published = sent.publishes > 0;
  const reachedAt = w === sent.worker ? sent.t : sent.deliveredTo.get(w);
  if (reachedAt !== undefined) {
    const down = diedHolding(now, w, reachedAt);
    if (down) return { reason: "worker down", worker: w, state: down.state };
    // The sender's own worker may rely on the broker for its own clients too.
    if (w === sent.worker && published && !sent.outWorkers.has(w) && !sent.deliveredTo.has(w)) {
      return sent.maxReceivers === 0 ? { reason: "no receivers", worker: sent.worker } : { reason: "not delivered", worker: w };
    }
    return { reason: "not sent", worker: w };
  }
  if (senderDown && !published) return { reason: "worker down", worker: sent.worker, state: senderDown.state };
  if (!published) return { reason: "never left", worker: sent.worker };
  if (sent.maxReceivers === 0) return { reason: "no receivers", worker: sent.worker };
  return { reason: "not delivered", worker: w };
}

export function fatesOf(now: ClusterNow): Fate[] {
  return now.sent.map((s) => fateOf(now, s));
}

/** An ✕ at the sender's worker for each frame that never left it. */
export function neverLeftMarks(fates: readonly Fate[]): Mark[] {
  return fates.filter((f) => f.misses.some((m) => m.reason === "never left")).map((f) => ({ kind: "never-left", t: f.sent.until, at: f.sent.t, worker: f.sent.worker, client: null, msg: f.sent.msg }));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function missPhrase(m: Miss): string {
  switch (m.reason) {
    case "never left":
      return `never left worker ${m.worker}`;
    case "no receivers":
      return "published to 0 receivers";
    case "not delivered":
      return `the broker did not deliver it to worker ${m.worker}`;
    case "worker down":
      return `worker ${m.worker} ${m.state ?? "killed"}`;
    case "not sent":
      return `worker ${m.worker} did not send it`;
    case "undelivered":
      return `worker ${m.worker} sent it after the client had gone`;
  }
}

/** "Message 12 from client 3 on worker 1 reached 6 of 24 clients (18 missed: never left worker 1)." */
export function fateSentence(f: Fate, time: number): string {
  const going = onItsWay(f, time);
  const head = `Message ${f.sent.msg} from client ${f.sent.client} on worker ${f.sent.worker}`;
  if (!f.passedOn) return going ? `${head} is on its way to worker ${f.sent.worker}.` : `${head} was not passed on to any client.`;
  const reach = `${f.reached} of ${plural(f.connected, "client")}`;
  if (going) return `${head} is on its way: it reached ${reach} so far.`;
  const gone = f.lostOnTheWay === 0 ? "" : ` ${f.lostOnTheWay === 1 ? "1 frame carrying it was" : `${f.lostOnTheWay} frames carrying it were`} lost on the way to a client already gone.`;
  if (f.connected === 0) return `${head} found no client connected to receive it.${gone}`;
  if (f.missed === 0) return `${head} reached ${f.connected === 1 ? "its 1 client" : `all ${f.connected} clients`}.${gone}`;
  const why = f.misses.length === 1 ? missPhrase(f.misses[0]) : f.misses.map((m) => `${m.count} ${missPhrase(m)}`).join("; ");
  return `${head} reached ${reach} (${f.missed} missed: ${why}).${gone}`;
}

export interface LossGroup {
  miss: Omit<Miss, "count">;
  messages: number;
  clients: number;
}

/** The misses of every frame that has arrived, grouped by where they were lost, most first. */
export function messageLosses(fates: readonly Fate[], time: number): LossGroup[] {
  const groups = new Map<string, LossGroup>();
  for (const f of fates) {
    if (onItsWay(f, time)) continue;
    for (const { count, ...miss } of f.misses) {
      const key = `${miss.reason} ${miss.worker} ${miss.state ?? ""}`;
      const g = groups.get(key) ?? groups.set(key, { miss, messages: 0, clients: 0 }).get(key)!;
      g.messages++;
      g.clients += count;
    }
  }
  return [...groups.values()].sort((a, b) => b.clients - a.clients);
}

export function lossGroupSentence(g: LossGroup): string {
  return `${plural(g.messages, "message")}, ${plural(g.clients, "client")} missed: ${missPhrase({ ...g.miss, count: g.clients })}.`;
}

/** How a connection ended, when it ended other than by its client closing it, or never opened. */
export function connectionLoss(c: ClientNow): string | null {
  switch (c.status) {
    case "lost":
      return `connection lost (1006), ${c.why ?? "no close handshake"}${c.vanished ? "; it had vanished without a word" : ""}`;
    case "vanished":
      return "vanished without a word; the worker still holds its socket";
    case "rejected":
      return `handshake refused with HTTP ${c.code ?? 403}`;
    case "closed":
      return c.by === "server" ? `closed by the app with ${c.code}${c.reason ? ` “${c.reason}”` : ""}` : null;
    default:
      return null;
  }
}

/** Every such connection in words, those that ended the same way on the same worker together. */
export function connectionLosses(clients: readonly ClientNow[]): string[] {
  const groups = new Map<string, { worker: number; what: string; clients: number[] }>();
  for (const c of clients) {
    const what = connectionLoss(c);
    if (what === null) continue;
    const key = `${c.worker} ${what}`;
    (groups.get(key) ?? groups.set(key, { worker: c.worker, what, clients: [] }).get(key)!).clients.push(c.client);
  }
  return [...groups.values()].map((g) => `${g.clients.length === 1 ? "Client" : "Clients"} ${g.clients.join(", ")} on worker ${g.worker}: ${g.what}.`);
}

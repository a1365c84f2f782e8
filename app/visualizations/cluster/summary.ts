// The picture's one-line summary and the SVG's accessible name, in words.
import type { ClientStatus, ClusterNow } from "./model";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function countClients(now: ClusterNow, ...statuses: ClientStatus[]): number {
  return now.clients.filter((c) => statuses.includes(c.status)).length;
}

/** "Cluster 2 of 2 · 4 workers (1 killed) · 17 clients connected, 7 ended · 12 frames in, 380 out, 11 published". */
export function summaryLine(now: ClusterNow, clusters: number): string {
  const count = (status: string) => now.workers.filter((w) => w.status === status).length;
  const down = [["killed", count("killed")], ["crashed", count("crashed")], ["stopped", count("stopped")]]
    .filter(([, n]) => n)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  const framesIn = now.workers.reduce((n, w) => n + w.framesIn, 0);
  const framesOut = now.workers.reduce((n, w) => n + w.framesOut, 0);
  const ended = countClients(now, "closed", "lost", "rejected", "vanished");
  return [
    clusters > 1 ? `Cluster ${now.info.cluster} of ${clusters}` : null,
    `${plural(now.workers.length, "worker")}${down ? ` (${down})` : ""}${now.info.balancer ? `, ${now.info.balancer}` : ""}`,
    `${plural(countClients(now, "open"), "client")} connected${ended ? `, ${ended} ended` : ""}`,
    `${plural(framesIn, "frame")} in, ${framesOut} out${now.info.usesBroker ? `, ${now.broker.publishes} published` : ""}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The SVG's name: what the picture is of (the tables below say what each part holds). */
export function pictureLabel(now: ClusterNow): string {
  return `Cluster ${now.info.cluster}: ${plural(now.info.clients.length, "client")} connect through a load balancer to ${plural(now.workers.length, "worker")}${now.info.usesBroker ? ", which publish to and receive from a Redis broker" : "; no worker uses the Redis broker"}. The tables below say what each holds at this moment.`;
}

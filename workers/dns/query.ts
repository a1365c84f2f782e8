// ONE query to one server, as the learner's own iterative loop sends it: a real message on the
// network from the learner's socket (random id and port), the decoded response back, or
// ETIMEOUT when none is accepted within the timeout.
import type * as Api from "./learner-api.ts";
import { NodeDnsError, syscallOf } from "./errors.ts";
import { absolute } from "./names.ts";
import { classify, rcodeName } from "./resolver.ts";
import { wireImage, type Target, type Transport, type TransportEnv } from "./transport.ts";

export async function sendQuery(socket: Transport, server: Target, name: string, type: Api.RecordType, options: Api.QueryOptions, trace: TransportEnv["trace"] = null): Promise<Api.QueryResponse> {
  const qname = absolute(name);
  const ex = await socket.send({ server, qname, qtype: type, rd: options.rd ?? false, timeoutMs: options.timeout ?? 1000, resolution: null, attempt: 1, ...(options.id !== undefined && { id: options.id & 0xffff }) });
  const r = ex.response;
  if (!r) throw new NodeDnsError("ETIMEOUT", syscallOf(type), name);
  trace?.({ kind: "response", query: ex.query, resolution: null, server: server.name, address: server.address, rcode: rcodeName(r.flags.rcode), answer: classify(r, qname), rttMs: ex.rttMs, aa: r.flags.aa, wire: wireImage(r) });
  const { header: _header, ...message } = r;
  return { ...message, rcode: rcodeName(r.flags.rcode), server: server.name, address: server.address, rttMs: ex.rttMs, size: ex.size };
}

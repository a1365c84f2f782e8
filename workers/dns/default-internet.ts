// The small internet a lesson starts with. Two root servers; the TLDs test. and example.; zones
// that show each behaviour the lesson talks about:
//   example.test   glue-delegated; www → web (a CNAME), web with three A records (round robin),
//                  AAAA, MX ×2, TXT, api → api.edge.cloud.example. (a chain across zones),
//                  loop-a ⇄ loop-b (a CNAME loop), SOA minimum 300 (negative caching);
//   cloud.example  a second TLD's zone, the target of the cross-zone chain;
//   shop.test      delegated to ns1.cloud.example. without glue (the resolver looks it up first);
//   lame.test      delegated to ns.lame-host.test, a live server that does not serve it (REFUSED).
// Addresses are from the documentation ranges (RFC 5737, RFC 3849).
export interface ServerSpec {
  name: string;
  address: string;
  rttMs: number;
  role: "root" | "tld" | "authoritative";
}

export interface ZoneSpec {
  origin: string;
  servers: string[];
  /** Records as "owner ttl TYPE data": owners relative to the origin ("@" for it), names in the data absolute. */
  records: string[];
}

const ROOT_RTT = 24;
const TLD_RTT = 32;
const AUTH_RTT = 48;

export const ROOT_SERVERS: ServerSpec[] = [
  { name: "a.root-servers.test.", address: "198.41.0.4", rttMs: ROOT_RTT, role: "root" },
  { name: "b.root-servers.test.", address: "199.9.14.201", rttMs: ROOT_RTT, role: "root" },
];

export const DEFAULT_SERVERS: ServerSpec[] = [
  { name: "ns1.nic.test.", address: "192.0.2.53", rttMs: TLD_RTT, role: "tld" },
  { name: "ns2.nic.test.", address: "192.0.2.54", rttMs: TLD_RTT, role: "tld" },
  { name: "ns.nic.example.", address: "192.0.2.153", rttMs: TLD_RTT, role: "tld" },
  { name: "ns1.example.test.", address: "198.51.100.53", rttMs: AUTH_RTT, role: "authoritative" },
  { name: "ns2.example.test.", address: "198.51.100.54", rttMs: AUTH_RTT, role: "authoritative" },
  { name: "ns1.cloud.example.", address: "203.0.113.53", rttMs: AUTH_RTT, role: "authoritative" },
  { name: "ns.lame-host.test.", address: "198.51.100.99", rttMs: AUTH_RTT, role: "authoritative" },
];

const soa = (mname: string, minimum = 300) => `@ 3600 SOA ${mname} hostmaster.${mname.split(".").slice(1).join(".")} 2026120601 7200 900 1209600 ${minimum}`;

export const ROOT_ZONE: ZoneSpec = {
  origin: ".",
  servers: ["a.root-servers.test.", "b.root-servers.test."],
  records: [
    "@ 86400 SOA a.root-servers.test. nstld.root-servers.test. 2026120600 1800 900 604800 86400",
    "@ 518400 NS a.root-servers.test.",
    "@ 518400 NS b.root-servers.test.",
    "a.root-servers.test. 518400 A 198.41.0.4",
    "b.root-servers.test. 518400 A 199.9.14.201",
  ],
};

export const DEFAULT_ZONES: ZoneSpec[] = [
  {
    origin: "test.",
    servers: ["ns1.nic.test.", "ns2.nic.test."],
    records: [soa("ns1.nic.test.", 900), "@ 172800 NS ns1.nic.test.", "@ 172800 NS ns2.nic.test.", "ns1.nic 172800 A 192.0.2.53", "ns2.nic 172800 A 192.0.2.54", "ns.lame-host 172800 A 198.51.100.99"],
  },
  {
    origin: "example.",
    servers: ["ns.nic.example."],
    records: [soa("ns.nic.example.", 900), "@ 172800 NS ns.nic.example.", "ns.nic 172800 A 192.0.2.153"],
  },
  {
    origin: "example.test.",
    servers: ["ns1.example.test.", "ns2.example.test."],
    records: [
      soa("ns1.example.test."),
      "@ 86400 NS ns1.example.test.",
      "@ 86400 NS ns2.example.test.",
      "ns1 86400 A 198.51.100.53",
      "ns2 86400 A 198.51.100.54",
      "@ 300 A 192.0.2.10",
      "www 300 CNAME web.example.test.",
      "web 300 A 192.0.2.10",
      "web 300 A 192.0.2.11",
      "web 300 A 192.0.2.12",
      "web 300 AAAA 2001:db8::10",
      "@ 3600 MX 10 mail.example.test.",
      "@ 3600 MX 20 backup-mail.example.test.",
      "mail 3600 A 192.0.2.25",
      "backup-mail 3600 A 192.0.2.26",
      '@ 3600 TXT "v=spf1 mx -all"',
      "api 60 CNAME api.edge.cloud.example.",
      "loop-a 300 CNAME loop-b.example.test.",
      "loop-b 300 CNAME loop-a.example.test.",
    ],
  },
  {
    origin: "cloud.example.",
    servers: ["ns1.cloud.example."],
    records: [soa("ns1.cloud.example."), "@ 86400 NS ns1.cloud.example.", "ns1 86400 A 203.0.113.53", "api.edge 30 A 203.0.113.80", "api.edge 30 A 203.0.113.81"],
  },
  {
    origin: "shop.test.",
    servers: ["ns1.cloud.example."],
    records: [soa("ns1.cloud.example."), "@ 86400 NS ns1.cloud.example.", "@ 600 A 203.0.113.20", "www 600 CNAME shop.test."],
  },
];

/** Delegations a default internet adds beyond its zones' own servers: a lame one. */
export const LAME_DELEGATIONS = [{ parent: "test.", zone: "lame.test.", servers: ["ns.lame-host.test."] }];

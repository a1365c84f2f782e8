// web.router.lookup: lookups per second of the radix Router against find-my-way, on the table of
// delvedor/router-benchmark (12 routes) and its requests (short static, static with same radix,
// dynamic route, mixed static dynamic, long static, wildcard — all together, in turn). Both run
// in this process, warmed up, in alternating rounds; the figure is the median round.
import FindMyWay from "find-my-way";
import { Router } from "../workers/web/index.ts";
import { median, report } from "./harness.ts";

const ROUTES: [method: string, starlette: string, findMyWay: string][] = [
  ["GET", "/user", "/user"],
  ["GET", "/user/comments", "/user/comments"],
  ["GET", "/user/avatar", "/user/avatar"],
  ["GET", "/user/lookup/username/{username}", "/user/lookup/username/:username"],
  ["GET", "/user/lookup/email/{address}", "/user/lookup/email/:address"],
  ["GET", "/event/{id}", "/event/:id"],
  ["GET", "/event/{id}/comments", "/event/:id/comments"],
  ["POST", "/event/{id}/comment", "/event/:id/comment"],
  ["GET", "/map/{location}/events", "/map/:location/events"],
  ["GET", "/status", "/status"],
  ["GET", "/very/deeply/nested/route/hello/there", "/very/deeply/nested/route/hello/there"],
  ["GET", "/static/{path:path}", "/static/*"],
];

const REQUESTS = [
  "/user",
  "/user/comments",
  "/user/lookup/username/john",
  "/event/abcd1234/comments",
  "/very/deeply/nested/route/hello/there",
  "/static/index.html",
];

const ROUNDS = 15;
const PASSES = 200_000; // each pass looks up every request once

function noop(): void {}

/** Lookups per second of one round, checking every lookup found a route. */
function round(lookup: (path: string) => boolean): number {
  let found = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < PASSES; i++) {
    for (let r = 0; r < REQUESTS.length; r++) if (lookup(REQUESTS[r])) found++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (found !== PASSES * REQUESTS.length) throw new Error(`only ${found} lookups found a route`);
  return (PASSES * REQUESTS.length) / seconds;
}

export default async function bench(): Promise<void> {
  const ours = new Router<() => void>({ strategy: "radix" });
  const peer = FindMyWay();
  for (const [method, path, fmwPath] of ROUTES) {
    ours.add(method, path, noop);
    peer.on(method as "GET", fmwPath, noop);
  }
  const oursLookup = (path: string) => ours.match("GET", path).status === 200;
  const peerLookup = (path: string) => peer.find("GET", path) !== null;

  for (let i = 0; i < 3; i++) {
    round(oursLookup);
    round(peerLookup);
  }
  const oursRounds: number[] = [];
  const peerRounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(round(oursLookup));
    peerRounds.push(round(peerLookup));
  }
  report({
    bench: "web.router.lookup",
    ours: median(oursRounds),
    unit: "lookups/s",
    peer: "find-my-way",
    peerValue: median(peerRounds),
  });
}

// LCS (t_string.c lcsCommand): the longest common subsequence of two strings by the classic
// dynamic-programming table, walked back from the end as Redis does (so IDX lists the matches
// from the last to the first, and ties go the same way).
import { lookupRead } from "./access.ts";
import { intArg, is } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { ErrorReply, SYNTAX, type Reply } from "./reply.ts";

function lcs(c: Connection, argv: string[]): Reply {
  const ea = lookupRead(c, argv[1]);
  const eb = lookupRead(c, argv[2]);
  if ((ea && ea.type !== "string") || (eb && eb.type !== "string")) return new ErrorReply("ERR The specified keys must contain string values");
  const a = ea ? (ea.value as string) : "";
  const b = eb ? (eb.value as string) : "";
  let getlen = false,
    getidx = false,
    withmatchlen = false,
    minmatchlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (is(argv[j], "idx")) getidx = true;
    else if (is(argv[j], "len")) getlen = true;
    else if (is(argv[j], "withmatchlen")) withmatchlen = true;
    else if (is(argv[j], "minmatchlen") && more) {
      minmatchlen = Math.max(0, intArg(argv[++j]));
    } else return SYNTAX;
  }
  if (getidx && getlen) return new ErrorReply("ERR If you want both the length and indexes, please just use IDX.");
  const alen = a.length;
  const blen = b.length;
  if ((alen + 1) * (blen + 1) * 4 > 512 * 1024 * 1024)
    return new ErrorReply("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
  const w = blen + 1;
  const dp = new Uint32Array((alen + 1) * w);
  for (let i = 1; i <= alen; i++) {
    for (let j = 1; j <= blen; j++) {
      if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) dp[i * w + j] = dp[(i - 1) * w + j - 1] + 1;
      else dp[i * w + j] = Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
    }
  }
  const total = dp[alen * w + blen];
  let idx = total;
  const result: string[] = new Array<string>(total);
  const matches: Reply[] = [];
  let aStart = alen,
    aEnd = 0,
    bStart = 0,
    bEnd = 0;
  let i = alen,
    j = blen;
  const computelcs = getidx || !getlen;
  while (computelcs && i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      result[idx - 1] = a[i - 1];
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else emit = true;
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (dp[(i - 1) * w + j] > dp[i * w + j - 1]) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    const matchLen = aEnd - aStart + 1;
    if (emit) {
      if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        const m: Reply[] = [
          [aStart, aEnd],
          [bStart, bEnd],
        ];
        if (withmatchlen) m.push(matchLen);
        matches.push(m);
      }
      aStart = alen;
    }
  }
  if (getidx) return ["matches", matches, "len", total];
  if (getlen) return total;
  return result.join("");
}

export const lcsCommands: CommandSpec[] = [cmd("lcs", -3, "readonly", [1, 2, 1], lcs)];

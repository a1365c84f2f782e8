import { describe, expect, it } from "vitest";
import { searchModule } from "./playground.ts";
import { MAX_IDS, type SearchTrace } from "./trace.ts";

describe("playground/search", () => {
  it("traces the posting lists and the matches as copies, capped", () => {
    const events: SearchTrace[] = [];
    const { showPostings } = searchModule({ now: () => 7, trace: (e) => events.push(e) });
    const long = Array.from({ length: MAX_IDS + 10 }, (_, i) => i);
    const matched = [3, 1];
    showPostings({ query: "query time", terms: [{ term: "query", ids: [1, 3, 5] }, { term: "time", ids: long }], matched });
    matched.push(9);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ t: 7, source: "search", kind: "postings", query: "query time", matched: [3, 1], matchedTotal: 2 });
    expect(event!.terms[0]).toEqual({ term: "query", ids: [1, 3, 5], total: 3 });
    expect(event!.terms[1]!.ids).toHaveLength(MAX_IDS);
    expect(event!.terms[1]!.total).toBe(MAX_IDS + 10);
  });
});

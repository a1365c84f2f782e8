// What `playground/search` reports: an inverted index's posting lists for one query and the
// documents the query matched. The learner's index lives in their own code, so the trace only
// knows it when lesson code shows it (showPostings); the search lesson's visualization draws this.

/** One term of the query and the ids of the documents that contain it. */
export interface PostingList {
  term: string;
  /** The list as it was given (at most MAX_IDS of it): not sorted or deduplicated here. */
  ids: number[];
  /** The list's full length, when it was longer than what `ids` keeps. */
  total: number;
}

export interface SearchPostingsTrace {
  t: number;
  source: "search";
  kind: "postings";
  query: string;
  terms: PostingList[];
  /** The ids the query matched, in the order they were ranked (at most MAX_IDS). */
  matched: number[];
  matchedTotal: number;
}

export type SearchTrace = SearchPostingsTrace;

/** Enough for any list a lesson draws; a bigger index still traces in constant space. */
export const MAX_IDS = 5_000;

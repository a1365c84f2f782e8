// What `import … from "playground/search"` gives lesson code: a way to show an inverted index in
// the Visualization pane. Only the types live here; playground.ts is the runtime.

export interface ShowPostings {
  /** The query as the learner typed it. */
  query: string;
  /** Each term of the query with its posting list: the ids of the documents that contain it. */
  terms: { term: string; ids: readonly number[] }[];
  /** The documents the query matched, best first. */
  matched: readonly number[];
}

/** Draws these posting lists and their intersection in the Visualization pane. */
export declare function showPostings(postings: ShowPostings): void;

// `playground/search` as lesson code imports it (types in learner-api.ts): showPostings copies
// what it is given into one trace event, so later changes to the learner's arrays cannot alter
// what the visualization draws.
import type * as LearnerApi from "./learner-api.ts";
import { MAX_IDS, type SearchTrace } from "./trace.ts";

export interface SearchModuleEnv {
  now(): number;
  trace(event: SearchTrace): void;
}

const ids = (list: readonly number[]) => Array.from(list.slice(0, MAX_IDS), Number);

export function searchModule(env: SearchModuleEnv): typeof LearnerApi {
  return {
    showPostings({ query, terms, matched }) {
      env.trace({
        t: env.now(),
        source: "search",
        kind: "postings",
        query: String(query),
        terms: terms.map(({ term, ids: list }) => ({ term: String(term), ids: ids(list), total: list.length })),
        matched: ids(matched),
        matchedTotal: matched.length,
      });
    },
  };
}

// The kept copy of a seeded database (docs/architecture.md, "Hosted engines"): runs are rolled
// back, so a seeded data directory never changes and can be kept in the browser, and a return
// visit, another tab, "Reset database" and the restart after a stuck statement load it in about
// a second instead of seeding again. This module is the logic, behind a small store interface
// (kept-store.ts is IndexedDB's; the Node tests hand it a Map):
//  1. the version: a hash of everything that defines the data (each dataset's seed SQL at its
//     size, PGlite's build, its initdb arguments and postgresqlconf), stored with the copy; another version is stale;
//  2. choosing a copy for the datasets a lesson needs: the smallest current one holding them all;
//  3. the marker: a row written last before the dump, read back after the load, so a partial or
//     foreign copy is detected (as is a load that throws) and the copy deleted;
//  4. keeping: one record per set of datasets, written in one IndexedDB transaction (two tabs
//     saving at once each write a whole record, never half of one), stale versions and all but
//     the newest MAX_COPIES deleted.
import type { DatasetName } from "./dataset-names.ts";
import type { SeedStep } from "./datasets.ts";

/** Copies kept at most (one per set of datasets: two datasets make three sets). */
export const MAX_COPIES = 3;

/** Rows per dataset held by a copy. */
export type DatasetRows = Partial<Record<DatasetName, number>>;

export interface KeptCopy {
  /** The copy's datasets, sorted and joined with "+": one record per set. */
  key: string;
  version: string;
  datasets: DatasetRows;
  /** PGlite's dumpDataDir. */
  data: Blob;
  savedAt: number;
}

/** Where copies are kept (IndexedDB in the worker: kept-store.ts). Any call may throw (storage refused). */
export interface CopyStore {
  list(): Promise<KeptCopy[]>;
  /** Writes the whole record at once. */
  put(copy: KeptCopy): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What defines a copy's data besides its datasets' seed steps. */
export interface VersionInputs {
  /** Names PGlite's build (the worker passes its .wasm file's hashed URL). */
  engine: string;
  postgresqlconf: readonly string[];
  /** PGlite's initDbStartParams (the cluster's data checksums are chosen there). */
  initdb: readonly string[];
  /** A dataset's seed steps at a size (datasets.ts seedSteps). */
  steps: (dataset: DatasetName, rows: number) => SeedStep[];
}

export const keyOf = (datasets: DatasetRows): string => namesOf(datasets).join("+");

const namesOf = (datasets: DatasetRows): DatasetName[] => (Object.keys(datasets) as DatasetName[]).sort();

/** 1. The version of a copy holding `datasets`: SHA-256 of what defines it, in hex. */
export async function versionOf(datasets: DatasetRows, inputs: VersionInputs): Promise<string> {
  const seeds = namesOf(datasets).map((name) => {
    const rows = datasets[name] as number;
    return { name, rows, steps: inputs.steps(name, rows).map((s) => [s.sql, s.params ?? null]) };
  });
  const text = JSON.stringify({ engine: inputs.engine, initdb: inputs.initdb, postgresqlconf: inputs.postgresqlconf, seeds });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * 2. The copy to load for a lesson needing `wanted`: among current copies (their version is the
 * one their datasets have now) holding every wanted dataset at its size, the one with the fewest
 * datasets. Stale copies are deleted on the way. Null when there is none (or the store refuses).
 */
export async function chooseCopy(store: CopyStore, wanted: DatasetRows, inputs: VersionInputs): Promise<KeptCopy | null> {
  let copies: KeptCopy[];
  try {
    copies = await store.list();
  } catch {
    return null;
  }
  const fitting: KeptCopy[] = [];
  for (const copy of copies) {
    if (copy.version !== (await versionOf(copy.datasets, inputs)) || copy.key !== keyOf(copy.datasets)) {
      await store.delete(copy.key).catch(() => {});
      continue;
    }
    if (namesOf(wanted).every((name) => copy.datasets[name] === wanted[name])) fitting.push(copy);
  }
  fitting.sort((a, b) => namesOf(a.datasets).length - namesOf(b.datasets).length || b.savedAt - a.savedAt);
  return fitting[0] ?? null;
}

/** 3. The marker: a schema the learner role has no access to, written last before the dump. */
export const MARKER_TABLE = "playground_kept.copy";

export function writeMarkerSql(version: string, datasets: DatasetRows): string {
  const json = JSON.stringify(datasets).replace(/'/g, "''");
  return `CREATE SCHEMA IF NOT EXISTS playground_kept;
    REVOKE ALL ON SCHEMA playground_kept FROM PUBLIC;
    DROP TABLE IF EXISTS ${MARKER_TABLE};
    CREATE TABLE ${MARKER_TABLE} (version text NOT NULL, datasets jsonb NOT NULL);
    INSERT INTO ${MARKER_TABLE} VALUES ('${version}', '${json}');`;
}

export const READ_MARKER_SQL = `SELECT version, datasets FROM ${MARKER_TABLE}`;

/** The rows a dataset's table holds, to check a loaded copy is whole. */
export const countSql = (dataset: DatasetName): string => `SELECT count(*)::int AS n FROM ${dataset}`;

/**
 * Whether a loaded copy is the one expected: its marker names `version` and the datasets, and
 * each table holds its rows. `query` runs SQL on the loaded database; an error means not.
 */
export async function verifyCopy(query: (sql: string) => Promise<Record<string, unknown>[]>, copy: Pick<KeptCopy, "version" | "datasets">): Promise<boolean> {
  try {
    const marker = await query(READ_MARKER_SQL);
    if (marker.length !== 1 || marker[0].version !== copy.version || keyOf(marker[0].datasets as DatasetRows) !== keyOf(copy.datasets)) return false;
    for (const name of namesOf(copy.datasets)) {
      const [row] = await query(countSql(name));
      if (row?.n !== copy.datasets[name]) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * 4. Keeps `copy` (replacing the copy of the same datasets), then deletes stale copies and all
 * but the newest MAX_COPIES. Answers whether it was kept: storage refused or full is not an error
 * the learner needs to hear about (Postgres works as before, seeding each visit).
 */
export async function keepCopy(store: CopyStore, copy: KeptCopy, inputs: VersionInputs): Promise<boolean> {
  try {
    await store.put(copy);
  } catch {
    return false;
  }
  try {
    const others = (await store.list()).filter((c) => c.key !== copy.key).sort((a, b) => b.savedAt - a.savedAt);
    for (const [i, other] of others.entries()) {
      const stale = other.version !== (await versionOf(other.datasets, inputs));
      if (stale || i >= MAX_COPIES - 1) await store.delete(other.key);
    }
  } catch {
    // Tidying is best effort; the copy is kept.
  }
  return true;
}

// Where the Postgres worker keeps its seeded copies (kept-copy.ts CopyStore): one IndexedDB object
// store, one record per set of datasets, the data directory as a Blob (which the browser keeps on
// disk, and hands back without reading it into memory until it is used). The worker's own scope:
// learner code runs in the sandbox worker and reaches Postgres only through protocol.ts, so it
// never reaches this database.
import type { CopyStore, KeptCopy } from "./kept-copy.ts";

const DB_NAME = "playground-postgres";
const STORE = "copies";

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB refused"));
    request.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
  opened.catch(() => (opened = null));
  return opened;
}

/** A request in its own transaction, answered once the transaction has committed. */
async function inTransaction<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  const tx = db.transaction(STORE, mode, { durability: "relaxed" });
  const result = done(make(tx.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
  return result;
}

export const indexedDbStore: CopyStore = {
  list: () => inTransaction("readonly", (s) => s.getAll() as IDBRequest<KeptCopy[]>),
  put: async (copy) => void (await inTransaction("readwrite", (s) => s.put(copy))),
  delete: async (key) => void (await inTransaction("readwrite", (s) => s.delete(key))),
};

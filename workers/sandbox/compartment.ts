// Where learner code runs inside the sandbox worker: an SES Compartment (docs/architecture.md,
// "The boundary"). After `lockdown()` every JavaScript intrinsic (Array.prototype, Promise,
// Function.prototype.constructor, …) is frozen and tamed, and a Compartment's global object holds
// only what is listed here. So learner code cannot reach the worker's `postMessage`, `Worker`,
// `importScripts`, `fetch` or `self`, cannot change the intrinsics the checks use, and cannot see
// the checks' code or results; the checks run outside it, in the worker's own scope.
//
// Plain module: SES's globals (lockdown, harden, Compartment) are installed by worker.ts, which
// imports "ses" first; Node tests run the runner without a compartment.
import { HEADER, requireFrom, type EvaluateOptions } from "./evaluate";
import { CompileError } from "./transpile";

declare const harden: <T>(value: T) => T;
declare const lockdown: (options: Record<string, string>) => void;
declare class Compartment {
  constructor(options: { globals: Record<string, unknown>; __options__: true });
  evaluate(source: string): unknown;
}

/**
 * Freezes this realm: lockdown() for the JavaScript intrinsics, harden() for the host prototypes
 * on the path of a message (lockdown knows only the language's own objects), so no object the
 * learner holds (a MessagePort, say) can reach and change them. Call once, after every module
 * the worker needs has been evaluated and before any learner code runs.
 */
export function lockRealm(): void {
  lockdown({
    // Stacks name the learner's lines (learner.ts:LINE:COL); markers are built from them.
    errorTaming: "unsafe",
    stackFiltering: "verbose",
    // Code that assigns `this.name = …` on an Error, or `obj.toString = …`, keeps working.
    overrideTaming: "severe",
    consoleTaming: "unsafe",
    domainTaming: "unsafe",
  });
  const g = globalThis as Record<string, unknown>;
  for (const name of ["EventTarget", "MessagePort", "MessageEvent", "Event"]) if (typeof g[name] === "function") harden(g[name]);
}

const NETWORK =
  "lesson code cannot reach the network: it runs in the playground's sandbox, which has no fetch, WebSocket or workers";

type Callback = (...args: unknown[]) => void;

/** Only functions: a string given to the real setTimeout would be evaluated in the worker's global scope. */
function callbackOf(fn: unknown, name: string): Callback {
  if (typeof fn !== "function") throw new TypeError(`${name} needs a function (a string of code is not run in the playground)`);
  return fn as Callback;
}

/** The learner's global object, beyond the (frozen) JavaScript intrinsics every compartment has. */
function learnerGlobals(console: Console): Record<string, unknown> {
  const g = globalThis as typeof globalThis & Record<string, unknown>;
  const host: Record<string, unknown> = {};
  // Host classes the learner may use; hardened so nobody can change them under the engines.
  for (const name of ["TextEncoder", "TextDecoder", "URL", "URLSearchParams", "AbortController", "AbortSignal"]) {
    if (typeof g[name] === "function") host[name] = harden(g[name]);
  }
  return {
    ...host,
    console,
    // The start compartment's Date and Math: a compartment's own have no clock and no randomness.
    Date: g.Date,
    Math: g.Math,
    setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => setTimeout(callbackOf(fn, "setTimeout"), ms, ...args),
    setInterval: (fn: unknown, ms?: number, ...args: unknown[]) => setInterval(callbackOf(fn, "setInterval"), ms, ...args),
    clearTimeout: (id?: number) => clearTimeout(id),
    clearInterval: (id?: number) => clearInterval(id),
    queueMicrotask: (fn: unknown) => queueMicrotask(callbackOf(fn, "queueMicrotask")),
    structuredClone: (value: unknown) => structuredClone(value),
    atob: (s: string) => atob(s),
    btoa: (s: string) => btoa(s),
    performance: { now: () => performance.now() },
    crypto: {
      getRandomValues: (array: ArrayBufferView<ArrayBuffer>) => crypto.getRandomValues(array),
      randomUUID: () => crypto.randomUUID(),
    },
    fetch: () => Promise.reject(new TypeError(`fetch failed: ${NETWORK}`)),
  };
}

/** SES refuses some texts outright (a possible `import(`, an HTML comment); say where, as a compile error. */
function rejected(error: unknown, filename: string): CompileError | null {
  const message = error instanceof Error ? error.message : "";
  const at = new RegExp(`rejected at ${filename.replace(/\./g, "\\.")}:(\\d+)`).exec(message);
  if (!at) return null;
  const what = /import/i.test(message) ? "`import(` (a dynamic import, even inside a comment or string)" : "an HTML comment (`<!--` or `-->`)";
  return new CompileError(`The playground's sandbox does not run code containing ${what}; use a static import, or rewrite the text`, Number(at[1]), 1);
}

/** Evaluates learner modules in a fresh Compartment per run; same contract as evaluateModule. */
export function compartmentEvaluator(): (code: string, options: EvaluateOptions) => Promise<Record<string, unknown>> {
  return async (code, options) => {
    const compartment = new Compartment({ globals: harden(learnerGlobals(options.console)), __options__: true });
    const module = { exports: {} as Record<string, unknown> };
    const require = requireFrom(options.modules);
    let fn: (exports: unknown, require: unknown, module: unknown, console: Console) => Promise<void>;
    try {
      fn = compartment.evaluate(`${HEADER}${code}\n})\n//# sourceURL=${options.filename}`) as typeof fn;
    } catch (e) {
      throw rejected(e, options.filename) ?? e;
    }
    await fn.call(undefined, module.exports, require, module, options.console);
    return module.exports;
  };
}

/**
 * Modules as learner code in a locked-down realm gets them outside the sandbox's own runner (a
 * worker of playground/cluster or of measureWorkers): each hardened when first imported, as the
 * sandbox hardens its playground modules.
 */
export function hardenedModules(modules: Record<string, unknown>): Record<string, unknown> {
  const hardened: Record<string, unknown> = {};
  for (const name of Object.keys(modules)) Object.defineProperty(hardened, name, { enumerable: true, get: () => harden(modules[name]) });
  return hardened;
}

/** Host globals a learner might reach for that the compartment does not have. */
const ABSENT = new Set([
  "self", "window", "document", "location", "navigator", "localStorage", "sessionStorage", "indexedDB", "caches",
  "MessagePort", "MessageChannel", "BroadcastChannel", "Worker", "SharedWorker", "importScripts", "postMessage",
  "XMLHttpRequest", "WebSocket", "EventSource", "Buffer", "process",
]);

/**
 * Inside a Compartment an unknown global reads as undefined (an SES deviation from a plain
 * ReferenceError), so `MessagePort.prototype` fails as "Cannot read properties of undefined".
 * When that is what happened at the learner's line, say which name is missing and why.
 */
export function explainMissingGlobal(message: string, lineText: string | undefined, column: number | undefined): string {
  let name: string | undefined;
  const read = /^Cannot read properties of undefined \(reading '[^']*'\)/.exec(message);
  if (read && lineText !== undefined && column !== undefined) name = /([A-Za-z_$][\w$]*)\s*\??\.\s*$/.exec(lineText.slice(0, column - 1))?.[1];
  name ??= /^([A-Za-z_$][\w$]*) is not a (?:constructor|function)$/.exec(message)?.[1];
  if (!name || !ABSENT.has(name)) return message;
  return `${message}: ${name} is not available to lesson code, which runs in the playground's sandbox without the page's or the worker's globals`;
}

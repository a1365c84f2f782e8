// Makes Postgres's own statement_timeout fire inside PGlite.
//
// Postgres arms statement_timeout with setitimer(); Emscripten turns that into a JS setTimeout
// whose callback raises SIGALRM. But PGlite runs a statement synchronously, so the setTimeout
// cannot fire until the statement has finished — a runaway query is never cancelled.
//
// This PGlite extension wraps the JS imports Postgres calls while it works — reading and writing
// data and temp files (fd_pread, fd_pwrite, …) and reading the clock (pg_sleep polls it) — and on
// each call, once the armed timer's deadline has passed, delivers the alarm there and then, as the
// setTimeout would have (`_emscripten_timeout`, which raises SIGALRM). Postgres's handler then
// sets its flags and the next CHECK_FOR_INTERRUPTS ends the statement with its own words:
// "canceling statement due to statement timeout" (SQLSTATE 57014).
//
// Limit, measured: a statement that only computes over pages already in shared buffers (a nested
// loop over small cached tables, a recursive CTE that stays in memory, a PL/pgSQL loop) calls no
// import, so nothing can interrupt it from inside the worker; the host must terminate the worker.
// Scans of the seeded tables (larger than a quarter of shared_buffers, so read through a small
// ring of buffers), sorts and hashes that spill, big generate_series and pg_sleep all tick.
//
// The deadline is kept on performance.now(), the clock Emscripten's timers use.
import type { Extension } from "@electric-sql/pglite";

const TICKING_IMPORTS = [
  "fd_pread", "fd_pwrite", "fd_read", "fd_write", "clock_time_get", "emscripten_date_now", "emscripten_get_now",
];

type Fn = (...args: unknown[]) => unknown;
type Imports = { env: Record<string, unknown> };
type Instantiate = (imports: Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => unknown;

export function statementTimeouts(): Extension {
  return {
    name: "statement-timeouts",
    setup: async (_pg, emscriptenOpts: { instantiateWasm: Instantiate }) => {
      const instantiate = emscriptenOpts.instantiateWasm;
      let deadline = 0;
      let timer = 0;
      let setTimer: Fn | undefined;
      let deliver: Fn | undefined;

      const tick = () => {
        if (deadline === 0 || performance.now() < deadline || !setTimer || !deliver) return;
        deadline = 0;
        setTimer(timer, 0); // drop the pending setTimeout: the alarm is delivered now, once
        deliver(timer, performance.now());
      };

      return {
        emscriptenOpts: {
          ...emscriptenOpts,
          instantiateWasm: (imports: Imports, done: Parameters<Instantiate>[1]) => {
            const env = imports.env;
            setTimer = env._setitimer_js as Fn | undefined;
            if (setTimer) {
              const original = setTimer;
              env._setitimer_js = (which: number, ms: number) => {
                timer = which;
                deadline = ms > 0 ? performance.now() + ms : 0;
                return original(which, ms);
              };
            }
            for (const name of TICKING_IMPORTS) {
              const original = env[name];
              if (typeof original !== "function") continue;
              env[name] = function (this: unknown, ...args: unknown[]) {
                tick();
                return (original as Fn).apply(this, args);
              };
            }
            return instantiate(imports, (instance, module) => {
              deliver = instance.exports._emscripten_timeout as Fn | undefined;
              done(instance, module);
            });
          },
        },
      };
    },
  };
}

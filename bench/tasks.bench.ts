// tasks.loop: simulated task switches per second on playground/tasks's event loop (100,000 tasks,
// each awaiting sleep(0) 10 times: 1,000,000 switches, every one through the ready queue and a
// task step) against the same program on native promises in the same process (100,000 async
// functions awaiting 10 times each), warmed up, in alternating rounds; the figure is the median.
import { createTask, gather, run, sleep } from "../workers/tasks/index.ts";
import { median, report } from "./harness.ts";

const TASKS = 100_000;
const AWAITS = 10;
const ROUNDS = 5;

async function simulated(): Promise<number> {
  let switches = 0;
  const start = process.hrtime.bigint();
  await run(async () => {
    const tasks = [];
    for (let i = 0; i < TASKS; i++)
      tasks.push(
        createTask(async () => {
          for (let j = 0; j < AWAITS; j++) {
            await sleep(0);
            switches++;
          }
        }),
      );
    await gather(tasks);
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (switches !== TASKS * AWAITS) throw new Error(`only ${switches} switches`);
  return switches / seconds;
}

async function native(): Promise<number> {
  let switches = 0;
  const start = process.hrtime.bigint();
  const all = [];
  for (let i = 0; i < TASKS; i++)
    all.push(
      (async () => {
        for (let j = 0; j < AWAITS; j++) {
          await null;
          switches++;
        }
      })(),
    );
  await Promise.all(all);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (switches !== TASKS * AWAITS) throw new Error(`only ${switches} switches`);
  return switches / seconds;
}

export default async function bench(): Promise<void> {
  await simulated();
  await native();
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await simulated());
    peer.push(await native());
  }
  report({ bench: "tasks.loop", ours: median(ours), unit: "task switches/s", peer: "native promises", peerValue: median(peer) });
}

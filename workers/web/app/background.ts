// FastAPI's BackgroundTasks: work that runs after the response has been sent, inside the same
// request, one task after another. One object is shared by the endpoint and every dependency
// of a request, so tasks run in the order they were added.

type Task = { fn: (...args: never[]) => unknown; args: unknown[] };

export class BackgroundTasks {
  readonly tasks: Task[] = [];
  /** Called around each task (the app uses it for trace events). */
  onTask?: (name: string, phase: "start" | "end") => void;

  addTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.tasks.push({ fn: fn as unknown as Task["fn"], args });
  }

  async run(): Promise<void> {
    for (const task of this.tasks) {
      const name = task.fn.name || "task";
      this.onTask?.(name, "start");
      await (task.fn as (...args: unknown[]) => unknown)(...task.args);
      this.onTask?.(name, "end");
    }
  }
}

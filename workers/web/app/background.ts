// FastAPI's BackgroundTasks (Starlette's): work that runs after the response has been sent, inside
// the same request, one task after another. One object is shared by the endpoint and every
// dependency of a request, so tasks run in the order they were added.
//
// A task that raises stops the rest (Starlette's loop simply propagates) and the exception leaves
// the ASGI app after the response was sent: the client already has its answer, which nothing can
// change; the request-scoped teardown sees the exception (endpoint.ts), and the server reports it
// (the app traces `unhandled`; Starlette's TestClient re-raises it; with raiseServerExceptions
// false the playground's TestClient logs uvicorn's "Exception in ASGI application" instead). The trace tells each task's
// start and its end or failure, and names the tasks the failure kept from running.

type Task = { fn: (...args: never[]) => unknown; args: unknown[] };

export type BackgroundPhase = "start" | "end" | "failed" | "skipped";

export class BackgroundTasks {
  readonly tasks: Task[] = [];
  /** Called around each task (the app uses it for trace events); `error` labels a failure. */
  onTask?: (name: string, phase: BackgroundPhase, error?: unknown) => void;

  addTask<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.tasks.push({ fn: fn as unknown as Task["fn"], args });
  }

  async run(): Promise<void> {
    const nameOf = (task: Task) => task.fn.name || "task";
    for (const [i, task] of this.tasks.entries()) {
      const name = nameOf(task);
      this.onTask?.(name, "start");
      try {
        await (task.fn as (...args: unknown[]) => unknown)(...task.args);
      } catch (error) {
        this.onTask?.(name, "failed", error);
        for (const rest of this.tasks.slice(i + 1)) this.onTask?.(nameOf(rest), "skipped");
        throw error;
      }
      this.onTask?.(name, "end");
    }
  }
}

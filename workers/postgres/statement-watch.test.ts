import { describe, expect, it } from "vitest";
import { createStatementLog } from "./statement-watch.ts";

describe("createStatementLog", () => {
  it("records the statements sent while a watch is open, and only then", async () => {
    const log = createStatementLog();
    const sent: string[] = [];
    const query = (text: string) => log.query({ text }, async () => (sent.push(text), text.length));
    await query("before");
    const { result, statements } = await log.watch(async () => {
      await query("one");
      await query("two");
      return "done";
    });
    await query("after");
    expect(result).toBe("done");
    expect(statements).toEqual([{ text: "one" }, { text: "two" }]);
    expect(sent).toEqual(["before", "one", "two", "after"]);
  });

  it("past `forward`, answers with the first statement's result without sending", async () => {
    const log = createStatementLog();
    const sent: string[] = [];
    const query = (text: string) => log.query({ text }, async () => (sent.push(text), `result of ${text}`));
    const { result, statements } = await log.watch(() => Promise.all(["a", "b", "c"].map(query)), { forward: 1 });
    expect(statements).toHaveLength(3);
    expect(sent).toEqual(["a"]);
    expect(result).toEqual(["result of a", "result of a", "result of a"]);
  });

  it("a watch that throws is closed all the same", async () => {
    const log = createStatementLog();
    await expect(log.watch(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const { statements } = await log.watch(async () => undefined);
    await log.query({ text: "later" }, async () => 0);
    expect(statements).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { BrokenResource, Channel } from "./channel";

describe("Channel (zero-buffer stream)", () => {
  it("makes a sender wait until a receiver takes the item", async () => {
    const ch = new Channel<number>();
    const log: string[] = [];
    const sent = ch.send(1).then(() => log.push("sent"));
    await Promise.resolve();
    expect(log).toEqual([]);
    expect(await ch.receive()).toEqual({ done: false, value: 1 });
    await sent;
    expect(log).toEqual(["sent"]);
  });

  it("hands an item straight to a waiting receiver", async () => {
    const ch = new Channel<string>();
    const got = ch.receive();
    await ch.send("a");
    expect(await got).toEqual({ done: false, value: "a" });
  });

  it("ends the stream for receivers when the sender closes", async () => {
    const ch = new Channel<string>();
    const got = ch.receive();
    ch.closeSend();
    expect(await got).toEqual({ done: true });
    expect(await ch.receive()).toEqual({ done: true });
  });

  it("breaks waiting senders when the receiver closes", async () => {
    const ch = new Channel<string>();
    const sent = ch.send("x");
    ch.closeReceive();
    await expect(sent).rejects.toBeInstanceOf(BrokenResource);
    await expect(ch.send("y")).rejects.toBeInstanceOf(BrokenResource);
  });

  it("fails everyone with the given error", async () => {
    const ch = new Channel<string>();
    const sent = ch.send("x");
    const boom = new Error("cancel");
    ch.fail(boom);
    await expect(sent).rejects.toBe(boom);
    await expect(ch.receive()).rejects.toBe(boom);
  });
});

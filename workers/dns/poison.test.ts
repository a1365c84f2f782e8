import { describe, expect, it } from "vitest";
import { ATTACKER_ADDRESS, createInternet } from "./index.ts";

const noDefence = { randomIds: false, randomPorts: false, bailiwick: true, caseRandomization: false };

describe("cache poisoning, raced for real", () => {
  it("takes a handful of packets against sequential ids and a fixed port", async () => {
    const result = await createInternet({ seed: 3 }).poison({ defences: noDefence, packetsPerWindow: 10 });
    expect(result.poisoned).toBe(true);
    expect(result.victimAnswer).toEqual([ATTACKER_ADDRESS]);
    expect(result.forgedPackets).toBeLessThanOrEqual(10);
  });

  it("takes tens of thousands with random ids", async () => {
    const result = await createInternet({ seed: 3 }).poison({ defences: { ...noDefence, randomIds: true }, packetsPerWindow: 500, budget: 400_000 });
    expect(result.poisoned).toBe(true);
    expect(result.forgedPackets).toBeGreaterThan(1000);
    expect(result.expectedPackets).toBe(65536);
  });

  it("does not succeed within its budget with random ports, or with 0x20 against sequential ids", async () => {
    const ports = await createInternet({ seed: 3 }).poison({ defences: { ...noDefence, randomIds: true, randomPorts: true }, budget: 20_000 });
    expect(ports.poisoned).toBe(false);
    expect(ports.expectedPackets).toBe(65536 * 64512);
    const caseRandom = await createInternet({ seed: 3 }).poison({ defences: { ...noDefence, caseRandomization: true }, packetsPerWindow: 10, budget: 2000 });
    expect(caseRandom.poisoned).toBe(false);
    expect(caseRandom.victimAnswer).not.toContain(ATTACKER_ADDRESS);
  });

  it("the out-of-zone record is cached without the bailiwick check and dropped with it", async () => {
    const off = await createInternet().poison({ attack: "out-of-zone", defences: { bailiwick: false } });
    expect(off.poisoned).toBe(true);
    const on = await createInternet().poison({ attack: "out-of-zone" });
    expect(on.poisoned).toBe(false);
    expect(on.victimAnswer.sort()).toEqual(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
  });
});

// validation.validate / validation.errors: validations per second of a nested model (a user with
// an address and 20 order items) by playground/validation against zod 4 validating the same data
// with the same constraints, in this process, warmed up, in alternating rounds; the figure is the
// median round. `validate` runs on valid input (nothing to coerce, so both do the same work),
// `errors` on input with a mistake in the user, the address and every item, collecting them all.
import { z } from "zod";
import { bool, float, int, list, model, str } from "../workers/validation/index.ts";
import { median, report } from "./harness.ts";

const ROUNDS = 11;
const CALLS = 20_000;

const Address = model("Address", { street: str({ minLength: 1 }), city: str({ minLength: 1 }), zip: str({ pattern: "^[0-9]{5}$" }) });
const Item = model("Item", { sku: str({ minLength: 3, maxLength: 12 }), qty: int({ ge: 1 }), price: float({ gt: 0 }), tags: list(str()) });
const User = model("User", {
  id: int({ gt: 0 }),
  name: str({ minLength: 1, maxLength: 50 }),
  email: str({ pattern: "^[^@]+@[^@]+$" }),
  active: bool(),
  address: Address,
  orders: list(Item),
});

const ZAddress = z.object({ street: z.string().min(1), city: z.string().min(1), zip: z.string().regex(/^[0-9]{5}$/) });
const ZItem = z.object({ sku: z.string().min(3).max(12), qty: z.int().gte(1), price: z.number().gt(0), tags: z.array(z.string()) });
const ZUser = z.object({
  id: z.int().gt(0),
  name: z.string().min(1).max(50),
  email: z.string().regex(/^[^@]+@[^@]+$/),
  active: z.boolean(),
  address: ZAddress,
  orders: z.array(ZItem),
});

const valid = {
  id: 7,
  name: "Ada Lovelace",
  email: "ada@example.com",
  active: true,
  address: { street: "12 St James's Square", city: "London", zip: "12345" },
  orders: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${100 + i}`, qty: 1 + (i % 4), price: 9.5 + i, tags: ["book", "gift"] })),
};
const invalid = {
  ...valid,
  id: 0,
  address: { ...valid.address, zip: "1234" },
  orders: valid.orders.map((o) => ({ ...o, qty: 0 })),
};

/** Validations per second of one round, checking each call's outcome. */
function round(validate: (input: unknown) => boolean, input: unknown, expectOk: boolean): number {
  let agreed = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) if (validate(input) === expectOk) agreed++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (agreed !== CALLS) throw new Error(`only ${agreed} of ${CALLS} validations came out ${expectOk ? "valid" : "invalid"}`);
  return CALLS / seconds;
}

function compare(name: string, input: unknown, expectOk: boolean): void {
  const ours = (x: unknown) => User.check(x).ok;
  const peer = (x: unknown) => ZUser.safeParse(x).success;
  const errorsOurs = User.check(invalid);
  const errorsPeer = ZUser.safeParse(invalid);
  if (errorsOurs.ok || errorsPeer.success || errorsOurs.errors.length !== errorsPeer.error.issues.length)
    throw new Error("the two libraries must find the same number of errors in the invalid input");
  for (let i = 0; i < 3; i++) {
    round(ours, input, expectOk);
    round(peer, input, expectOk);
  }
  const oursRounds: number[] = [];
  const peerRounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(round(ours, input, expectOk));
    peerRounds.push(round(peer, input, expectOk));
  }
  report({ bench: name, ours: median(oursRounds), unit: "validations/s", peer: "zod 4", peerValue: median(peerRounds) });
}

export default function bench(): Promise<void> {
  compare("validation.validate", valid, true);
  compare("validation.errors", invalid, false);
  return Promise.resolve();
}

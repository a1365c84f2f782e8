import { describe, expect, it } from "vitest";
import { any, asFloat, model } from "../../validation/index.ts";
import { TestClient } from "../testclient/client";
import { FastAPI } from "./app";
import { ValueError } from "./errors";
import { jsonDumps } from "./json-dumps";

describe("JSONResponse bodies written as Python's json.dumps", () => {
  it("writes Python's floats and ints: 4.0 stays 4.0, a bigint in full, a float in Python's repr", () => {
    expect(jsonDumps({ f: asFloat(4), big: 2n ** 70n, small: 1e-7, huge: 1.5e300, n: 3, s: "é\n" })).toBe(
      '{"f":4.0,"big":1180591620717411303424,"small":1e-07,"huge":1.5e+300,"n":3,"s":"é\\n"}',
    );
  });

  it("leaves out what JSON.stringify leaves out, and uses toJSON", () => {
    expect(jsonDumps({ a: undefined, b: [undefined, () => 1], c: new Date(0) })).toBe('{"b":[null,null],"c":"1970-01-01T00:00:00.000Z"}');
    expect(jsonDumps(undefined)).toBe("null");
  });

  it("refuses NaN and the infinities, as allow_nan=False does", () => {
    expect(() => jsonDumps([NaN])).toThrow(ValueError);
    expect(() => jsonDumps({ x: -Infinity })).toThrow("Out of range float values are not JSON compliant");
  });

  it("answers a request whose body held a float as the float it was", async () => {
    const app = new FastAPI();
    app.post("/echo", ({ body }) => body, { body: model("Echo", { value: any() }) });
    const res = await new TestClient(app).post("/echo", { content: '{"value": 4.0}', headers: { "content-type": "application/json" } });
    expect(res.text()).toBe('{"value":4.0}');
  });
});

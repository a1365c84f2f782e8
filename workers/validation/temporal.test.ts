// datetime and date as speedate reads them, and as model_dump(mode="json") writes them.
import { describe, expect, it } from "vitest";
import { asFloat, date, datetime } from "./index.ts";
import type { Type } from "./types.ts";

const outcome = (type: Type<string>, input: unknown) => {
  const r = type.check(input);
  return r.ok ? r.value : `${r.errors[0].type}: ${String(r.errors[0].ctx?.error ?? "")}`;
};

describe("datetime", () => {
  it.each([
    ["2024-01-15T10:30:00Z", "2024-01-15T10:30:00Z"],
    ["2024-01-15t10:30:00z", "2024-01-15T10:30:00Z"],
    ["2024-01-15_10:30", "2024-01-15T10:30:00"],
    ["2024-01-15T10:30:00+0530", "2024-01-15T10:30:00+05:30"],
    ["2024-01-15T10:30:00\u221208:00", "2024-01-15T10:30:00-08:00"],
    ["2024-01-15T10:30:00+00:00", "2024-01-15T10:30:00Z"],
    ["2024-01-15T10:30:00,5", "2024-01-15T10:30:00.500000"],
    ["2024-01-15", "2024-01-15T00:00:00"],
    ["1700000000.5", "2023-11-14T22:13:20.500000Z"],
    ["-1", "1969-12-31T23:59:59Z"],
    [1700000000123.5, "2023-11-14T22:13:20.123500Z"],
    [asFloat(0), "1970-01-01T00:00:00Z"],
    ["2024-01-15T10:30:00+05", "datetime_from_date_parsing: unexpected extra characters at the end of the input"],
    ["2024-01-15T10", "datetime_from_date_parsing: unexpected extra characters at the end of the input"],
    ["1e9", "datetime_from_date_parsing: input is too short"],
    ["2024-02-30", "datetime_from_date_parsing: day value is outside expected range"],
    ["2024/01/15", "datetime_from_date_parsing: invalid date separator, expected `-`"],
    [true, "datetime_type: "],
    [[2024, 3, 1], "datetime_type: "],
  ])("%j → %s", (input, expected) => {
    expect(outcome(datetime(), input)).toBe(expected);
  });

  it("takes a JavaScript Date as an aware datetime in UTC", () => {
    expect(datetime().validate(new Date(Date.UTC(2024, 0, 15, 10, 30, 0, 250)))).toBe("2024-01-15T10:30:00.250000Z");
  });
});

describe("date", () => {
  it.each([
    ["2024-02-29", "2024-02-29"],
    ["2024-01-15T00:00:00", "2024-01-15"],
    ["2024-01-15T00:00:00Z", "2024-01-15"],
    [1699920000, "2023-11-14"],
    ["1699920000", "2023-11-14"],
    ["2024-01-15T10:00:00", "date_from_datetime_inexact: "],
    [1700000000, "date_from_datetime_inexact: "],
    ["2023-02-29", "date_from_datetime_parsing: day value is outside expected range"],
    ["2024-01-15Z", "date_from_datetime_parsing: invalid datetime separator, expected `T`, `t`, `_` or space"],
    ["2024-01-15T25:00", "date_from_datetime_parsing: hour value is outside expected range of 0-23"],
    ["2024-01-15T10:00:00.", "date_from_datetime_parsing: second fraction digits missing after `.`"],
    ["2024-01-15T10:00:00+99:00", "date_from_datetime_parsing: timezone offset must be less than 24 hours"],
    [false, "date_type: "],
  ])("%j → %s", (input, expected) => {
    expect(outcome(date(), input)).toBe(expected);
  });
});

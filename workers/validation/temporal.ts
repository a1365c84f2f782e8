// datetime.datetime and datetime.date (filled in next).
import { type Run, Schema } from "./core.ts";
import type { JsonValue } from "./types.ts";

export class DateTimeSchema extends Schema<string> {
  readonly name = "datetime";
  exec(input: unknown, run: Run): unknown {
    return typeof input === "string" ? input : run.fail("datetime_type", input);
  }
  dumpValue(value: string): JsonValue {
    return value;
  }
}

export class DateSchema extends Schema<string> {
  readonly name = "date";
  exec(input: unknown, run: Run): unknown {
    return typeof input === "string" ? input : run.fail("date_type", input);
  }
  dumpValue(value: string): JsonValue {
    return value;
  }
}

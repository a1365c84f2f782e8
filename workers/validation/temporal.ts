// datetime.datetime and datetime.date, read as pydantic-core reads them with the speedate crate:
// RFC 3339-ish text (date, then T/t/_/space, then hh:mm[:ss[.ffffff]] and Z or ±hh[:]mm) or a
// Unix timestamp (seconds, or milliseconds beyond 2e10) as a number or as digits in a string.
// A datetime that fails is reported with the date parser's error (datetime_from_date_parsing),
// a date that fails with the datetime parser's (date_from_datetime_parsing), as Pydantic 2.13.
// A value is its ISO text as model_dump(mode="json") writes it: microseconds only when non-zero,
// UTC as "Z", a naive datetime without offset.
import { type Run, Schema } from "./core.ts";
import { PyFloat } from "./values.ts";

// speedate's ParseError texts.
const E = {
  tooShort: "input is too short",
  year: "invalid character in year",
  dateSep: "invalid date separator, expected `-`",
  month: "invalid character in month",
  day: "invalid character in day",
  monthRange: "month value is outside expected range of 1-12",
  dayRange: "day value is outside expected range",
  extra: "unexpected extra characters at the end of the input",
  dateTimeSep: "invalid datetime separator, expected `T`, `t`, `_` or space",
  hour: "invalid character in hour",
  minute: "invalid character in minute",
  second: "invalid character in second",
  timeSep: "invalid time separator, expected `:`",
  hourRange: "hour value is outside expected range of 0-23",
  minuteRange: "minute value is outside expected range of 0-59",
  secondRange: "second value is outside expected range of 0-59",
  fractionMissing: "second fraction digits missing after `.`",
  tzMinuteRange: "timezone minute value is outside expected range of 0-59",
  tzSign: "invalid timezone sign",
  tzHour: "invalid timezone hour",
  tzMinute: "invalid timezone minute",
  tzRange: "timezone offset must be less than 24 hours",
};

interface DateParts {
  year: number;
  month: number;
  day: number;
}

interface DateTimeParts extends DateParts {
  hour: number;
  minute: number;
  second: number;
  micro: number;
  /** Minutes east of UTC; undefined for a naive datetime. */
  offset: number | undefined;
}

type Parsed<T> = { ok: T } | { error: string };

const MS_WATERSHED = 20_000_000_000;

function digits(s: string, at: number, n: number): number | undefined {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return undefined;
    v = v * 10 + c - 48;
  }
  return v;
}

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Date::parse_bytes_partial: the first 10 characters as YYYY-MM-DD. */
function datePrefix(s: string): Parsed<DateParts> {
  if (s.length < 10) return { error: E.tooShort };
  const year = digits(s, 0, 4);
  if (year === undefined) return { error: E.year };
  if (s[4] !== "-") return { error: E.dateSep };
  const month = digits(s, 5, 2);
  if (month === undefined) return { error: E.month };
  if (s[7] !== "-") return { error: E.dateSep };
  const day = digits(s, 8, 2);
  if (day === undefined) return { error: E.day };
  if (month < 1 || month > 12) return { error: E.monthRange };
  if (day < 1 || day > daysIn(year, month)) return { error: E.dayRange };
  return { ok: { year, month, day } };
}

function parseDate(s: string): Parsed<DateParts> {
  const date = datePrefix(s);
  if ("ok" in date && s.length > 10) return { error: E.extra };
  return date;
}

/** Time::parse_bytes_offset, from position `at`. */
function parseTime(s: string, at: number, date: DateParts): Parsed<DateTimeParts> {
  if (s.length < at + 5) return { error: E.tooShort };
  const hour = digits(s, at, 2);
  if (hour === undefined) return { error: E.hour };
  if (s[at + 2] !== ":") return { error: E.timeSep };
  const minute = digits(s, at + 3, 2);
  if (minute === undefined) return { error: E.minute };
  if (hour > 23) return { error: E.hourRange };
  if (minute > 59) return { error: E.minuteRange };
  let i = at + 5;
  let second = 0;
  let micro = 0;
  if (s[i] === ":") {
    const sec = digits(s, i + 1, 2);
    if (sec === undefined) return { error: E.second };
    if (sec > 59) return { error: E.secondRange };
    second = sec;
    i += 3;
    if (s[i] === "." || s[i] === ",") {
      i++;
      const start = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return { error: E.fractionMissing };
      // Pydantic's default: digits past the sixth are truncated.
      micro = Number(s.slice(start, Math.min(i, start + 6)).padEnd(6, "0"));
    }
  }
  let offset: number | undefined;
  if (i < s.length) {
    const sign = s[i++];
    if (sign === "Z" || sign === "z") offset = 0;
    else {
      // ISO 8601 allows U+2212 MINUS for a negative offset; the minutes are required, the colon is not.
      if (sign !== "+" && sign !== "-" && sign !== "\u2212") return { error: E.tzSign };
      const h = digits(s, i, 2);
      if (h === undefined) return { error: E.tzHour };
      i += 2;
      if (s[i] === ":") i++;
      const m = digits(s, i, 2);
      if (m === undefined) return { error: E.tzMinute };
      i += 2;
      if (m > 59) return { error: E.tzMinuteRange };
      if (h >= 24) return { error: E.tzRange };
      offset = (sign === "+" ? 1 : -1) * (h * 60 + m);
    }
  }
  if (i < s.length) return { error: E.extra };
  return { ok: { ...date, hour, minute, second, micro, offset } };
}

/**
 * speedate's from_timestamp: seconds, or milliseconds when beyond 2e10 either way; a float's
 * fraction (of the second, once milliseconds are made seconds) gives the microseconds. UTC.
 */
function fromTimestamp(timestamp: number): DateTimeParts {
  const seconds = Math.abs(timestamp) > MS_WATERSHED ? timestamp / 1000 : timestamp;
  let whole = Math.floor(seconds);
  let micro = Math.round((seconds - whole) * 1_000_000);
  if (micro >= 1_000_000) {
    whole += 1;
    micro -= 1_000_000;
  }
  const d = new Date(whole * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micro,
    offset: 0,
  };
}

/** A number as a timestamp, or undefined if it is not one. */
function timestampOf(input: unknown): DateTimeParts | undefined {
  const n = input instanceof PyFloat ? input.value : typeof input === "bigint" ? Number(input) : input;
  if (typeof n !== "number" || !Number.isFinite(n)) return undefined;
  return fromTimestamp(n);
}

// speedate's float_parse_bytes: an int with an optional sign, or (only with a ".") a float.
const TIMESTAMP_TEXT = /^[+-]?(?:\d+|(?=[^.]*\.)(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/** DateTime::parse_bytes_with_config: RFC 3339 text, else digits read as a timestamp. */
function parseDateTime(s: string): Parsed<DateTimeParts> {
  const date = datePrefix(s);
  let error: string;
  if ("ok" in date) {
    const sep = s[10];
    if (sep === "T" || sep === "t" || sep === " " || sep === "_") {
      const time = parseTime(s, 11, date.ok);
      if ("ok" in time) return time;
      error = time.error;
    } else error = E.dateTimeSep;
  } else error = date.error;
  if (TIMESTAMP_TEXT.test(s)) return { ok: fromTimestamp(Number(s)) };
  return { error };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const dateText = (d: DateParts) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

function dateTimeText(d: DateTimeParts): string {
  let text = `${dateText(d)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
  if (d.micro) text += `.${pad(d.micro, 6)}`;
  if (d.offset === 0) text += "Z";
  else if (d.offset !== undefined) {
    const abs = Math.abs(d.offset);
    text += `${d.offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  return text;
}

const isNumber = (input: unknown) =>
  (typeof input === "number" || typeof input === "bigint" || input instanceof PyFloat) && typeof input !== "boolean";

export class DateTimeSchema extends Schema<string> {
  readonly name = "datetime";

  exec(input: unknown, run: Run): unknown {
    // A JavaScript Date is an aware datetime in UTC, as Python's datetime instance would be.
    if (input instanceof Date && !Number.isNaN(input.getTime())) return dateTimeText(fromTimestamp(input.getTime() / 1000));
    if (this.strictIn(run)) return run.fail("datetime_type", input);
    if (typeof input === "string") {
      const parsed = parseDateTime(input);
      if ("ok" in parsed) return run.lax(), dateTimeText(parsed.ok);
      // A plain date is midnight; otherwise the date parser's complaint is the one reported.
      const date = parseDate(input);
      if ("ok" in date) return run.lax(), dateTimeText({ ...date.ok, hour: 0, minute: 0, second: 0, micro: 0, offset: undefined });
      return run.fail("datetime_from_date_parsing", input, { error: date.error });
    }
    if (isNumber(input)) {
      const parts = timestampOf(input);
      if (parts) return run.lax(), dateTimeText(parts);
    }
    return run.fail("datetime_type", input);
  }
}

export class DateSchema extends Schema<string> {
  readonly name = "date";

  exec(input: unknown, run: Run): unknown {
    if (this.strictIn(run)) return run.fail("date_type", input);
    let parts: DateTimeParts | undefined;
    if (typeof input === "string") {
      const date = parseDate(input);
      if ("ok" in date) return run.lax(), dateText(date.ok);
      const parsed = parseDateTime(input);
      if ("error" in parsed) return run.fail("date_from_datetime_parsing", input, { error: parsed.error });
      parts = parsed.ok;
    } else if (isNumber(input)) parts = timestampOf(input);
    if (!parts) return run.fail("date_type", input);
    if (parts.hour || parts.minute || parts.second || parts.micro) return run.fail("date_from_datetime_inexact", input);
    run.lax();
    return dateText(parts);
  }
}

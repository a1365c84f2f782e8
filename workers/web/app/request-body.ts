// How FastAPI's get_request_handler reads the body of a route that declares one, before any
// dependency runs: JSON when the content-type says JSON (or says nothing), the raw bytes
// otherwise, nothing (Python's None) when the body is empty. A body that is not JSON ends the
// request at once with 422 `json_invalid` at ["body", <position>], in Python's decoder's words;
// one that is not UTF-8 with 400.
import { asFloat, errorDetail } from "../../validation/index.ts";
import { JSONDecodeError, loadsBytes, type LoadsOptions } from "../http/python-json";
import { decode } from "./asgi";
import { HTTPException, RequestValidationError } from "./errors";
import type { Request } from "./request";

/** Numbers as the validation engine reads Python's: 4.0 stays a float, ints beyond 2^53 are bigints. */
const PYTHON_NUMBERS: LoadsOptions = {
  parseFloat: (text) => {
    const n = Number(text);
    return Number.isInteger(n) ? asFloat(n) : n;
  },
  parseInt: (text) => {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  },
};

/** The body as FastAPI hands it to request_body_to_args; `undefined` is Python's None. */
export async function readRequestBody(request: Request): Promise<unknown> {
  const bytes = await request.body();
  if (bytes.length === 0) return undefined;
  const contentType = request.headers.get("content-type");
  // Bytes, which Pydantic reads as text (a model refuses them as it refuses a string).
  if (contentType && !isJsonMediaType(contentType)) return decode(bytes);
  try {
    return loadsBytes(bytes, PYTHON_NUMBERS);
  } catch (error) {
    if (error instanceof JSONDecodeError) {
      throw new RequestValidationError([errorDetail("json_invalid", ["body", error.pos], {}, { error: error.msg })]);
    }
    throw new HTTPException(400, "There was an error parsing the body", undefined, { cause: error });
  }
}

/** application/json or application/*+json, read as Python's email.message reads a content-type. */
function isJsonMediaType(value: string): boolean {
  const type = value.split(";")[0].trim().toLowerCase();
  const parts = type.split("/");
  // Python falls back to text/plain for a value that is not "maintype/subtype".
  if (parts.length !== 2) return false;
  const [main, sub] = parts;
  return main === "application" && (sub === "json" || sub.endsWith("+json"));
}

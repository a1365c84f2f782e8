// Builds the params object of a match, in template order, converted (int and float give numbers).
import type { RouteRecord } from "./context.ts";
import type { Params } from "./types.ts";

// Objects made by a constructor get room for their properties up front, which makes filling
// them about a third faster than filling `{}`; with Object.prototype they are plain objects.
const PlainObject = function (this: Params) {} as unknown as new () => Params;
PlainObject.prototype = Object.prototype;

function setParam(params: Params, name: string, value: string | number): void {
  // "__proto__" is a valid Starlette name; plain assignment would not create the key.
  if (name === "__proto__") Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  else params[name] = value;
}

/** From the start/end offsets the radix walk left in `spans`. */
export function paramsFromSpans<H>(route: RouteRecord<H>, path: string, spans: readonly number[]): Params {
  const params = new PlainObject();
  const names = route.info.paramNames;
  const convertors = route.convertors;
  for (let i = 0; i < names.length; i++) {
    const raw = path.slice(spans[2 * i], spans[2 * i + 1]);
    setParam(params, names[i], route.textParams ? raw : convertors[i].convert(raw));
  }
  return params;
}

/** From the groups of a linear route's regex match. */
export function paramsFromGroups<H>(route: RouteRecord<H>, groups: RegExpExecArray): Params {
  const params = new PlainObject();
  const names = route.info.paramNames;
  const convertors = route.convertors;
  for (let i = 0; i < names.length; i++) setParam(params, names[i], convertors[i].convert(groups[i + 1]));
  return params;
}

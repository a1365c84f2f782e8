// Starlette path templates ("/files/{name}.{ext}", "/items/{id:int}"), read the way
// starlette.routing.compile_path reads them: anything that is not a well-formed {name} or
// {name:convertor} is literal text, and the path must start with "/".
import { CONVERTORS, isConvertorName, type Convertor } from "./convertors.ts";

export type TemplatePart =
  | { readonly kind: "static"; readonly text: string }
  | { readonly kind: "param"; readonly name: string; readonly convertor: Convertor };

export interface Template {
  readonly path: string;
  readonly parts: readonly TemplatePart[];
  readonly paramNames: readonly string[];
  readonly convertors: readonly Convertor[];
}

const PARAM = /\{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?\}/g;

export function parseTemplate(path: string): Template {
  if (!path.startsWith("/")) throw new Error(`Routed paths must start with '/': ${JSON.stringify(path)}`);
  const parts: TemplatePart[] = [];
  const paramNames: string[] = [];
  const convertors: Convertor[] = [];
  const duplicated = new Set<string>();
  let idx = 0;
  for (const m of path.matchAll(PARAM)) {
    const name = m[1];
    const type = m[2] === undefined ? "str" : m[2].slice(1);
    if (!isConvertorName(type)) throw new Error(`Unknown path convertor '${type}' in ${path}`);
    if (m.index > idx) parts.push({ kind: "static", text: path.slice(idx, m.index) });
    if (paramNames.includes(name)) duplicated.add(name);
    parts.push({ kind: "param", name, convertor: CONVERTORS[type] });
    paramNames.push(name);
    convertors.push(CONVERTORS[type]);
    idx = m.index + m[0].length;
  }
  if (duplicated.size > 0) {
    const names = [...duplicated].sort().join(", ");
    throw new Error(`Duplicated param name${duplicated.size > 1 ? "s" : ""} ${names} at path ${path}`);
  }
  if (idx < path.length) parts.push({ kind: "static", text: path.slice(idx) });
  return { path, parts, paramNames, convertors };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * The whole-route regex Starlette would build. Its "$" is Python's, which also matches before a
 * final "\n" (a request for "/about%0A" reaches "/about"), hence the "\n?".
 */
export function templateRegex(template: Template): RegExp {
  let source = "^";
  for (const part of template.parts) {
    source += part.kind === "static" ? escapeRegex(part.text) : `(${part.convertor.regex})`;
  }
  return new RegExp(source + "\\n?$");
}

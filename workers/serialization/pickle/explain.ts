// explainPickle: what loading a pickle would do, found by walking its opcodes over descriptions
// of values (a stack machine of Python-syntax text), never by executing them. Every global the
// pickle names is an import loading would perform, every REDUCE/INST/OBJ/NEWOBJ a call: that is
// how a pickle runs code ("loading this would call os.system('echo pwned')").
import { PyException, type PyValue } from "../values.ts";
import { repr } from "../repr.ts";
import { genops } from "./genops.ts";
import type { PickleCall, PickleExplanation } from "./explanation.ts";

export type { PickleCall, PickleExplanation } from "./explanation.ts";

// Globals whose loading only rebuilds ordinary values (what pickle itself writes for sets,
// bytes, complex numbers, dates and plain instances under older protocols).
const HARMLESS = new Set([
  "builtins.set", "builtins.frozenset", "builtins.bytes", "builtins.bytearray", "builtins.complex", "builtins.object",
  "__builtin__.set", "__builtin__.frozenset", "__builtin__.bytes", "__builtin__.bytearray", "__builtin__.complex", "__builtin__.object",
  "_codecs.encode", "copyreg._reconstructor", "copy_reg._reconstructor", "copyreg.__newobj__",
  "datetime.date", "datetime.datetime", "datetime.time", "datetime.timedelta", "collections.OrderedDict",
]);

/** A value on the symbolic stack: text, or a container whose items may still grow. */
type Item =
  | { kind: "text"; text: string; global?: string; str?: string }
  | { kind: "list" | "tuple" | "set" | "frozenset"; items: Item[] }
  | { kind: "dict"; entries: [Item, Item][] }
  | { kind: "mark" };

const text = (t: string, extra: Partial<{ global: string; str: string }> = {}): Item => ({ kind: "text", text: t, ...extra });

function render(item: Item, seen = new Set<Item>()): string {
  if (item.kind === "text") return item.text;
  if (item.kind === "mark") return "<MARK>";
  if (seen.has(item)) return item.kind === "dict" ? "{...}" : "[...]";
  seen.add(item);
  const r = (i: Item) => render(i, seen);
  let out: string;
  if (item.kind === "dict") out = `{${item.entries.map(([k, v]) => `${r(k)}: ${r(v)}`).join(", ")}}`;
  else if (item.kind === "list") out = `[${item.items.map(r).join(", ")}]`;
  else if (item.kind === "tuple") out = item.items.length === 1 ? `(${r(item.items[0])},)` : `(${item.items.map(r).join(", ")})`;
  else if (item.kind === "set") out = item.items.length ? `{${item.items.map(r).join(", ")}}` : "set()";
  else out = `frozenset({${item.items.map(r).join(", ")}})`;
  seen.delete(item);
  return out;
}

/** The arguments of a call, from the tuple item given to REDUCE (or the items after a MARK). */
const argsText = (items: Item[]) => items.map((i) => render(i)).join(", ");

export function explainPickle(data: Uint8Array): PickleExplanation {
  const stack: Item[] = [];
  const memo = new Map<string, Item>();
  const imports: string[] = [];
  const calls: PickleCall[] = [];
  let result: Item | undefined;
  let error: string | undefined;

  const pop = (): Item => {
    const item = stack.pop();
    if (!item) throw new PyException("ValueError", "the stack is empty");
    return item;
  };
  const popMark = (): Item[] => {
    const at = stack.map((i) => i.kind).lastIndexOf("mark");
    if (at < 0) throw new PyException("ValueError", "no MARK exists on stack");
    return stack.splice(at).slice(1);
  };
  const imported = (name: string): Item => {
    imports.push(name);
    return text(name, { global: name });
  };
  const call = (offset: number, callee: Item, args: Item[]): Item => {
    const name = callee.kind === "text" ? (callee.global ?? callee.text) : render(callee);
    const a = argsText(args);
    calls.push({ offset, callee: name, args: a, sentence: `loading this would call ${name}(${a})` });
    return text(`${name}(${a})`);
  };
  const tupleItems = (item: Item): Item[] => (item.kind === "tuple" ? item.items : [text(`*${render(item)}`)]);
  const strOf = (item: Item) => (item.kind === "text" && item.str !== undefined ? item.str : render(item));

  try {
    for (const { opcode, arg, pos } of genops(data)) {
      const name = opcode.name;
      switch (name) {
        case "PROTO": case "FRAME": case "PUT": case "BINPUT": case "LONG_BINPUT": case "MEMOIZE":
          if (name !== "PROTO" && name !== "FRAME") {
            const top = stack[stack.length - 1];
            if (top) memo.set(name === "MEMOIZE" ? String(memo.size) : String(Number(arg)), top);
          }
          break;
        case "GET": case "BINGET": case "LONG_BINGET":
          stack.push(memo.get(String(Number(arg))) ?? text(`<memo ${arg}>`));
          break;
        case "MARK": stack.push({ kind: "mark" }); break;
        case "STOP": result = pop(); break;
        case "POP": pop(); break;
        case "POP_MARK": popMark(); break;
        case "DUP": stack.push(stack[stack.length - 1] ?? pop()); break;
        case "NONE": stack.push(text("None")); break;
        case "NEWTRUE": stack.push(text("True")); break;
        case "NEWFALSE": stack.push(text("False")); break;
        case "EMPTY_LIST": stack.push({ kind: "list", items: [] }); break;
        case "EMPTY_TUPLE": stack.push({ kind: "tuple", items: [] }); break;
        case "EMPTY_DICT": stack.push({ kind: "dict", entries: [] }); break;
        case "EMPTY_SET": stack.push({ kind: "set", items: [] }); break;
        case "LIST": stack.push({ kind: "list", items: popMark() }); break;
        case "TUPLE": stack.push({ kind: "tuple", items: popMark() }); break;
        case "FROZENSET": stack.push({ kind: "frozenset", items: popMark() }); break;
        case "TUPLE1": case "TUPLE2": case "TUPLE3": {
          const n = Number(name.slice(-1));
          const items = stack.splice(stack.length - n);
          if (items.length < n) throw new PyException("ValueError", "the stack is too short");
          stack.push({ kind: "tuple", items });
          break;
        }
        case "DICT": {
          const items = popMark();
          const entries: [Item, Item][] = [];
          for (let i = 0; i + 1 < items.length; i += 2) entries.push([items[i], items[i + 1]]);
          stack.push({ kind: "dict", entries });
          break;
        }
        case "APPEND": case "APPENDS": case "ADDITEMS": {
          const items = name === "APPEND" ? [pop()] : popMark();
          const target = stack[stack.length - 1];
          if (target && (target.kind === "list" || target.kind === "set")) target.items.push(...items);
          break;
        }
        case "SETITEM": case "SETITEMS": {
          const items = name === "SETITEM" ? [pop(), pop()].reverse() : popMark();
          const target = stack[stack.length - 1];
          if (target?.kind === "dict") for (let i = 0; i + 1 < items.length; i += 2) target.entries.push([items[i], items[i + 1]]);
          break;
        }
        case "GLOBAL": {
          const [module, attr] = String(arg).split(" ");
          stack.push(imported(`${module}.${attr}`));
          break;
        }
        case "STACK_GLOBAL": {
          const attr = pop();
          const module = pop();
          stack.push(imported(`${strOf(module)}.${strOf(attr)}`));
          break;
        }
        case "INST": {
          const args = popMark();
          const [module, attr] = String(arg).split(" ");
          stack.push(call(pos, imported(`${module}.${attr}`), args));
          break;
        }
        case "OBJ": {
          const [cls, ...args] = popMark();
          stack.push(call(pos, cls, args));
          break;
        }
        case "REDUCE": {
          const args = pop();
          stack.push(call(pos, pop(), tupleItems(args)));
          break;
        }
        case "NEWOBJ": case "NEWOBJ_EX": {
          if (name === "NEWOBJ_EX") pop();
          const args = pop();
          const cls = pop();
          const clsName = cls.kind === "text" ? (cls.global ?? cls.text) : render(cls);
          stack.push(call(pos, text(`${clsName}.__new__`), [cls, ...tupleItems(args)]));
          break;
        }
        case "BUILD": {
          const state = pop();
          const obj = stack[stack.length - 1];
          if (obj?.kind === "text") obj.text = `${obj.text} with state ${render(state)}`;
          break;
        }
        case "EXT1": case "EXT2": case "EXT4":
          stack.push(imported(`copyreg extension ${arg}`));
          break;
        case "PERSID": case "BINPERSID": {
          const id = name === "PERSID" ? text(repr(arg as PyValue)) : pop();
          stack.push(call(pos, text("persistent_load"), [id]));
          break;
        }
        case "NEXT_BUFFER": stack.push(text("<out-of-band buffer>")); break;
        case "READONLY_BUFFER": break;
        default: {
          // Every other opcode pushes the value of its argument.
          const value = arg as PyValue;
          stack.push(text(repr(value), typeof value === "string" ? { str: value } : {}));
        }
      }
    }
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    error = e.message;
  }

  const safe = imports.every((name) => HARMLESS.has(name));
  const resultText = result ? render(result) : "nothing (the pickle ends before STOP)";
  const lines = [
    ...imports.filter((name) => !HARMLESS.has(name)).map((name) => `loading this would import ${name}`),
    ...calls.filter((c) => !HARMLESS.has(c.callee)).map((c) => c.sentence),
  ];
  const summary = lines.length ? lines.join("\n") : `plain data: loading this would only build ${resultText}`;
  return { safe, imports, calls, result: resultText, summary, ...(error ? { error } : {}) };
}

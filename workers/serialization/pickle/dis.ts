// pickletools.dis, line for line: offsets, opcodes indented by the open MARKs, arguments as
// Python's repr, memo and mark notes, the sanity checks (raised after the offending line is
// written, as pickletools does), and the closing "highest protocol among opcodes" line. It only
// reads: nothing in the pickle is ever executed.
import { PyException, type PyValue } from "../values.ts";
import { repr, strRepr } from "../repr.ts";
import { MARK } from "./opcodes.ts";
import { genops } from "./genops.ts";

/** The text written before the error, and the error itself. */
export class DisError extends PyException {
  readonly partial: string;
  constructor(cause: PyException, partial: string) {
    super(cause.type, cause.message);
    this.partial = partial;
  }
}

// Python's memo is a dict: True and 1 are the same key.
const memoKey = (arg: PyValue | undefined) => String(typeof arg === "boolean" ? Number(arg) : arg);

/** The text pickletools.dis(data) prints; throws DisError (with the partial text) where it raises. */
export function dis(data: Uint8Array, indentLevel = 4): string {
  let out = "";
  const stack: string[] = [];
  const memo = new Map<string, string>();
  const markstack: number[] = [];
  let maxproto = -1;
  const indentChunk = " ".repeat(indentLevel);
  try {
    for (const { opcode, arg, pos } of genops(data)) {
      out += `${String(pos).padStart(5)}: `;
      let line = `${strRepr(opcode.code).slice(1, -1).padEnd(4)} ${indentChunk.repeat(markstack.length)}${opcode.name}`;
      maxproto = Math.max(maxproto, opcode.proto);
      let after = opcode.after;
      let numtopop = opcode.before.length;
      let errormsg: string | null = null;

      // 1. Does this opcode take a MARK off the stack?
      let markmsg: string | null = null;
      if (opcode.before.includes(MARK) || (opcode.name === "POP" && stack.length > 0 && stack[stack.length - 1] === MARK)) {
        if (markstack.length) {
          markmsg = `(MARK at ${markstack.pop()})`;
          for (;;) {
            if (stack.length === 0) throw new PyException("IndexError", "list index out of range");
            if (stack.pop() === MARK) break;
          }
          const at = opcode.before.indexOf(MARK);
          numtopop = at < 0 ? 0 : at;
        } else {
          errormsg = markmsg = "no MARK exists on stack";
        }
      }

      // 2. The memo: PUTs must be new and store something, GETs must find something.
      if (["PUT", "BINPUT", "LONG_BINPUT", "MEMOIZE"].includes(opcode.name)) {
        const key = opcode.name === "MEMOIZE" ? String(memo.size) : memoKey(arg);
        if (opcode.name === "MEMOIZE") markmsg = `(as ${memo.size})`;
        if (memo.has(key)) errormsg = `memo key ${repr(arg)} already defined`;
        else if (stack.length === 0) errormsg = "stack is empty -- can't store into memo";
        else if (stack[stack.length - 1] === MARK) errormsg = "can't store markobject in the memo";
        else memo.set(key, stack[stack.length - 1]);
      } else if (["GET", "BINGET", "LONG_BINGET"].includes(opcode.name)) {
        const stored = memo.get(memoKey(arg));
        if (stored !== undefined) after = [stored];
        else errormsg = `memo key ${repr(arg)} has never been stored into`;
      }

      // 3. The line: name, then (aligned) the argument's repr and the note.
      if (arg !== undefined || markmsg) {
        line += " ".repeat(Math.max(0, 10 - opcode.name.length));
        if (arg !== undefined) line += " " + repr(arg);
        if (markmsg) line += " " + markmsg;
      }
      out += line + "\n";
      if (errormsg) throw new PyException("ValueError", errormsg);

      // 4. The stack effect.
      if (stack.length < numtopop) throw new PyException("ValueError", `tries to pop ${numtopop} items from stack with only ${stack.length} items`);
      if (numtopop) stack.splice(stack.length - numtopop, numtopop);
      if (after.includes(MARK)) markstack.push(pos);
      stack.push(...after);
    }
    out += `highest protocol among opcodes = ${maxproto}\n`;
    if (stack.length) throw new PyException("ValueError", `stack not empty after STOP: [${stack.join(", ")}]`);
    return out;
  } catch (e) {
    if (e instanceof PyException) throw new DisError(e, out);
    throw e;
  }
}

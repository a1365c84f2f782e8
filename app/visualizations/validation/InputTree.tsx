// The input as a nested list: each place validation visited where it was in the input, with what
// it became beside it ("42" → 42), and each error pinned where it happened. Words and marks carry
// every state (✓, coerced, ✗); colour only repeats them.
import { formatOutput, formatValue, shapeText } from "./rows";
import type { NodeState, TreeNode } from "./tree";

const MARK: Record<NodeState, string> = {
  accepted: "✓",
  coerced: "coerced",
  rejected: "✗",
  missing: "✗",
  inner: "errors inside",
  pending: "",
};

function Key({ node, model }: { node: TreeNode; model: string }) {
  if (node.key === null) return <span className="vtree__key vtree__key--root">{model}</span>;
  if (typeof node.key === "number") return <span className="vtree__key vtree__key--index">[{node.key}]</span>;
  if (node.member) return <span className="vtree__key vtree__key--member">as {node.key}</span>;
  return <span className="vtree__key">{node.key}</span>;
}

function Value({ node }: { node: TreeNode }) {
  if (node.state === "missing") return <span className="vtree__shape">missing</span>;
  if (node.children.length > 0) return <span className="vtree__shape">{shapeText(node)}</span>;
  return (
    <>
      <code className="vtree__input">{formatValue(node.input)}</code>
      {node.state === "coerced" && (
        <>
          <span className="vtree__arrow"> → </span>
          <code className="vtree__output">{formatOutput(node)}</code>
        </>
      )}
    </>
  );
}

function Node({ node, model }: { node: TreeNode; model: string }) {
  const mark = MARK[node.state];
  return (
    <li className={`vtree__node vtree__node--${node.state}`}>
      <div className="vtree__row">
        <Key node={node} model={model} /> <Value node={node} />
        {mark && <span className="vtree__mark">{mark}</span>}
      </div>
      {node.errors.length > 0 && (
        <ul className="vtree__errors">
          {node.errors.map((e, i) => (
            <li key={i} className="vtree__error">
              <code className="vtree__error-type">{e.type}</code>
              {e.rest.length > 0 && <span className="vtree__error-rest"> at {e.rest.join(".")}</span>} <span className="vtree__error-msg">{e.msg}</span>
            </li>
          ))}
        </ul>
      )}
      {node.children.length > 0 && (
        <ul className="vtree__children">
          {node.children.map((c) => (
            <Node key={String(c.key)} node={c} model={model} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function InputTree({ root, model, label }: { root: TreeNode; model: string; label: string }) {
  return (
    <ul className="vtree" aria-label={label}>
      <Node node={root} model={model} />
    </ul>
  );
}

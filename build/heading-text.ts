// The words of a Markdown heading as a step's title names them: its text with the markup taken
// off (`` `ILIKE` reads everything `` is "ILIKE reads everything"). The build's validation and
// the remark plugin that cuts the prose into sections both read headings through this.

/** The little of an mdast node this reads. */
export interface TextNode {
  type: string;
  value?: string;
  children?: TextNode[];
}

export function headingText(node: TextNode): string {
  if (typeof node.value === "string" && (node.type === "text" || node.type === "inlineCode")) return node.value;
  return (node.children ?? []).map(headingText).join("").replace(/\s+/g, " ").trim();
}

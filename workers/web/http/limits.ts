// What a request may not exceed, so hostile text is refused in time linear in its length with a
// short reason, instead of being read whole (or quoted whole) into strings and stack frames.
//
// One line of the head, of a chunk size or of a trailer holds at most 16 KB, its line end not
// counted: h11, uvicorn's parser, refuses a head it has buffered 16 KB of without completing
// (max_incomplete_event_size), Node caps its header section at 16 KB, and a chunk extension at
// 16 KB too. uvicorn answers any of these with 400, as every malformed request here is answered.
export const MAX_LINE = 16 * 1024;

/** How much of an offending text a reason quotes. */
const SHOWN = 60;

/** `text` as a reason quotes it: JSON, cut after its first few characters. */
export function quoted(text: string): string {
  return text.length <= SHOWN ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, SHOWN))}…`;
}

// What the banner above the editor says after a replacement, drawn from the stored record (so it
// is the same after a reload) and honest by construction: it speaks of the learner's own code
// only when a backup of code they wrote is there to go back to; the starter is not their code.
import type { Backup, CodeOrigin, CodeRecord } from "../stores/code-backups";

export interface WayBack {
  label: string;
  /** The backup it brings back (an index into record.backups). */
  index: number;
}

export interface CodeBannerView {
  text: string;
  ways: WayBack[];
}

/** The starter is the starter even when a backup calls it the learner's (they typed it back). */
function originOf(backup: Backup, starter: string): CodeOrigin {
  return backup.code === starter ? "starter" : backup.origin;
}

// A shared link was not the learner's doing in this page, so its way back is named for what it
// brings; Reset code and Show solution are, and the dialog promises an Undo.
function label(backup: Backup, starter: string): string {
  if (backup.by === "reset" || backup.by === "solution" || backup.by === "back") return "Undo";
  switch (originOf(backup, starter)) {
    case "mine":
      return "Back to my code";
    case "starter":
      return "Back to the starter";
    case "solution":
      return "Back to the solution";
    case "share":
      return "Back to the previous link's code";
  }
}

export function codeBanner(record: CodeRecord, current: string, starter: string): CodeBannerView | null {
  const newest = record.backups[0];
  if (!newest) return null;
  // A backup holding the code already in the editor is no way back (say a write failed before a reload).
  const mineIndex = record.backups.findIndex((b) => originOf(b, starter) === "mine" && b.code !== current);
  const ways: WayBack[] = [];
  if (newest.code !== current) ways.push({ label: label(newest, starter), index: 0 });
  if (mineIndex > 0 || (mineIndex === 0 && ways.length === 0)) ways.push({ label: "Back to my code", index: mineIndex });
  if (ways.length === 0) return null;

  // The newest backup is what the last replacement replaced.
  const replacedMine = mineIndex === 0;
  const kept = mineIndex >= 0 ? " Your own code is kept." : "";
  switch (record.last ?? newest.by) {
    case "share":
      return { text: `Loaded the code from a shared link.${kept || " Press Run to try it."}`, ways };
    case "reset":
      return { text: `Code reset to the starter.${kept}`, ways };
    case "solution":
      return { text: replacedMine ? "Showing the solution in place of your code." : `Showing the solution.${kept}`, ways };
    case "back":
      return { text: replacedMine && newest.by === "back" ? "Went back to the earlier code. What you had written is kept." : `Went back one step.${kept}`, ways };
    case "earlier":
      return { text: replacedMine ? "Your earlier code was kept." : `Earlier code was kept.${kept}`, ways };
    case "host":
      return { text: `The course page put its code in the editor.${kept}`, ways };
    case "import":
      return { text: `Loaded the code from a progress file.${kept}`, ways };
  }
}

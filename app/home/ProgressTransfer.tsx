// Export and Import of all progress and code (app/stores/progress-file.ts): Export downloads the
// file; Import reads one, says what is wrong with it or shows what would change, and changes
// nothing until the learner says Import.
import { useRef, useState } from "react";
import { catalogue, findLesson } from "../lessons/catalogue";
import { Dialog } from "../shell/Dialog";
import { MAX_FILE_CHARS, planImport, readFile, type ImportPlan, type LessonChange } from "../stores/progress-file";
import { applyImport, currentProgress, exportProgress } from "../stores/progress-transfer";

const ids = () => catalogue.map((l) => l.id);
const title = (id: string) => findLesson(id)?.title ?? id;

function describe(change: LessonChange): string {
  const parts: string[] = [];
  if (change.code === "added") parts.push("its code is added");
  if (change.code === "replaced") parts.push("your code here is replaced (kept as a way back in the lesson)");
  if (change.completes) parts.push("marked completed");
  return parts.join("; ");
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ProgressTransfer() {
  const input = useRef<HTMLInputElement>(null);
  const [plan, setPlan] = useState<{ plan: ImportPlan; file: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: "ok" | "warn" } | null>(null);

  const read = async (file: File) => {
    setMessage(null);
    if (file.size > MAX_FILE_CHARS * 4) return setMessage({ text: `“${file.name}” is far too large to be a progress file.`, tone: "warn" });
    const result = readFile(await file.text());
    if (!result.ok) return setMessage({ text: `“${file.name}” was not imported. ${result.error}`, tone: "warn" });
    setPlan({ plan: planImport(currentProgress(ids()), result.snapshot, (id) => findLesson(id) !== undefined), file: file.name });
  };

  const close = () => setPlan(null);
  const changes = plan?.plan.changes ?? [];
  return (
    <section className="transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title" className="transfer__title">
        Your progress
      </h2>
      <p className="transfer__text">It is saved in this browser. Export it to a file to keep a copy or to carry it to another browser, and import it there.</p>
      <div className="transfer__actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            const { name, text } = exportProgress(ids(), new Date());
            download(name, text);
            setMessage({ text: `Exported to ${name}.`, tone: "ok" });
          }}
        >
          Export progress
        </button>
        <button type="button" className="button" onClick={() => input.current?.click()}>
          Import progress…
        </button>
        {/* The button above stands for it: a file input cannot be styled, and this one is out of the tab order. */}
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Progress file to import"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ""; // the same file can be picked again
            if (file) void read(file);
          }}
        />
      </div>
      <p className={message ? `transfer__message transfer__message--${message.tone}` : "transfer__message"} role="status">
        {message?.text}
      </p>

      <Dialog title="Import progress?" open={plan !== null} onClose={close}>
        {plan && (
          <>
            {changes.length === 0 ? (
              <p>Nothing would change: this browser already has everything in “{plan.file}”.</p>
            ) : (
              <>
                <p>Importing “{plan.file}” changes these lessons. Completions are never taken away.</p>
                <ul className="transfer__changes" aria-label="What importing changes">
                  {changes.map((c) => (
                    <li key={c.lesson}>
                      <strong>{title(c.lesson)}</strong>: {describe(c)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {plan.plan.unknown.length > 0 && <p>Left out, not lessons on this site: {plan.plan.unknown.join(", ")}.</p>}
            <div className="dialog__actions">
              <button type="button" className="button" onClick={close} autoFocus>
                {changes.length === 0 ? "Close" : "Cancel"}
              </button>
              {changes.length > 0 && (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => {
                    applyImport(plan.plan);
                    close();
                    setMessage({ text: `Imported “${plan.file}”: ${changes.length} ${changes.length === 1 ? "lesson" : "lessons"} updated.`, tone: "ok" });
                  }}
                >
                  Import
                </button>
              )}
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}

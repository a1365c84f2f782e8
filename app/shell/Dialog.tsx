// A modal built on the native <dialog>: focus is trapped and Escape closes it, for free.
import { useEffect, useRef, type ReactNode } from "react";

export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2 className="dialog__title">{title}</h2>
      {open && children}
    </dialog>
  );
}

import { useStore } from "zustand";
import { theme, toggleTheme } from "../stores/theme";

export function ThemeToggle() {
  const current = useStore(theme, (s) => s.theme);
  const next = current === "dark" ? "light" : "dark";
  return (
    <button type="button" className="button button--quiet" onClick={toggleTheme} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      {current === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}

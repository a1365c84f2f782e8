// Light or dark: follows the system until the learner picks one, then remembers the pick.
import { createStore } from "zustand/vanilla";
import { readItem, writeItem } from "./storage";

export type Theme = "light" | "dark";
const KEY = "bp:theme";

function systemTheme(): Theme {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function stored(): Theme | null {
  const v = readItem(KEY);
  return v === "light" || v === "dark" ? v : null;
}

export const theme = createStore<{ theme: Theme; chosen: boolean }>(() => ({ theme: stored() ?? systemTheme(), chosen: stored() !== null }));

export function applyTheme(): void {
  const apply = () => {
    document.documentElement.dataset.theme = theme.getState().theme;
  };
  apply();
  theme.subscribe(apply);
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!theme.getState().chosen) theme.setState({ theme: systemTheme() });
  });
}

/** Shows `pick` on this page without remembering it (an embed's ?theme=: the course page's choice, not the learner's). */
export function showTheme(pick: Theme): void {
  theme.setState({ theme: pick, chosen: true });
}

export function toggleTheme(): void {
  const next: Theme = theme.getState().theme === "dark" ? "light" : "dark";
  writeItem(KEY, next);
  theme.setState({ theme: next, chosen: true });
}

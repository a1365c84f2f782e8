import { ThemeToggle } from "./ThemeToggle";

export function Header() {
  return (
    <header className="site-header">
      <a className="site-header__brand" href="#/">
        Backend Playground
      </a>
      <nav aria-label="Site">
        <a href="#/">Lessons</a>
      </nav>
      <ThemeToggle />
    </header>
  );
}

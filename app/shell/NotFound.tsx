export function NotFound({ what }: { what: string }) {
  return (
    <main className="not-found">
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href="#/">See all lessons</a>
      </p>
    </main>
  );
}

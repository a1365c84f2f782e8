// The Postgres a lesson uses (its host: workers/postgres/host.ts), as one bar while it downloads,
// starts and seeds its million rows, then a quiet line with "Reset database".
import { useState } from "react";
import { useStore } from "zustand";
import { DEFAULT_ROWS } from "../../workers/postgres/dataset-names";
import type { PostgresHost } from "../../workers/postgres/host";

const rows = new Intl.NumberFormat("en-US");

export function PostgresStatus({ host }: { host: PostgresHost }) {
  const { phase, label, fraction, error, restarting, datasets, keeping } = useStore(host.state);
  const [resetting, setResetting] = useState(false);
  if (phase === "idle") return null;
  if (phase === "failed") {
    return (
      <div className="banner banner--warn" role="alert">
        <span>{error}</span>
      </div>
    );
  }
  const busy = phase !== "ready" || resetting;
  const percent = Math.round(fraction * 100);
  return (
    <div className="engine-status" aria-label="Database">
      {busy ? (
        <>
          <label className="engine-status__label" htmlFor="postgres-progress">
            {restarting ? "Restarting after a stuck statement: " : ""}
            {label}… {percent}%
          </label>
          {/* One bar for the whole wait (download, boot, seeding), that only moves forward: workers/postgres/progress.ts. */}
          <progress id="postgres-progress" className="engine-status__bar" value={fraction} max={1}>
            {percent}%
          </progress>
        </>
      ) : (
        <span className="engine-status__label">
          Postgres is ready: {datasets.map((d) => `${d} (${rows.format(DEFAULT_ROWS[d])} rows)`).join(" and ")}; every run is rolled back.
          {keeping ? " Keeping a copy of the database for your next visit…" : ""}
        </span>
      )}
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={async () => {
          setResetting(true);
          try {
            await host.reset();
          } finally {
            setResetting(false);
          }
        }}
      >
        Reset database
      </button>
    </div>
  );
}

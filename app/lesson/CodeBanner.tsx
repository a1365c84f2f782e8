import type { CodeBannerView } from "./code-banner";

/** What replaced the learner's code, and the way back to what it replaced (see code-banner.ts). */
export function CodeBanner({ view, onGoBack, onDismiss }: { view: CodeBannerView; onGoBack: (index: number) => void; onDismiss: () => void }) {
  return (
    <div className="banner banner--info" role="note">
      <span>{view.text}</span>
      <div className="banner__actions">
        {view.ways.map((way) => (
          <button key={way.index} type="button" className="button button--small" onClick={() => onGoBack(way.index)}>
            {way.label}
          </button>
        ))}
        <button type="button" className="button button--quiet button--small" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
    </div>
  );
}

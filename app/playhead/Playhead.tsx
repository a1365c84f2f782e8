// The one timeline under every visualization: play / pause, step to the previous or next event,
// scrub, jump to the start or the end, speed, and the run-clock time. Keyboard on the track:
// Space plays or pauses, ←/→ step one event, Home/End jump, Page Up/Down move a tenth of the run.
// When the system asks for reduced motion, Play jumps to the end instead of animating.
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from "react";
import { useStore } from "zustand";
import type { RunStore } from "../lesson/run-session";
import { formatMs } from "../visualizations/run-timeline/steps";
import { follow, runMsPerMs, seek, SPEEDS, type PlayheadStore, type Speed } from "./playhead";
import { momentAt, nextMoment, previousMoment, START } from "./timeline";
import { useScrollRoom } from "../lesson/scroll-room";
import "./playhead.css";

const count = new Intl.NumberFormat("en-US");

/** Small icons drawn here: the media-control characters (⏮ ⏭) are missing from many fonts. */
const ICONS = {
  start: "M2 3h2v10H2zM9 8l5-5v10zM4 8l5-5v10z",
  previous: "M3 8l7-5v10zM11 3h2v10h-2z",
  play: "M4 2.5l10 5.5-10 5.5z",
  pause: "M4 3h3v10H4zM9 3h3v10H9z",
  next: "M3 3h2v10H3zM13 8L6 13V3z",
  end: "M12 3h2v10h-2zM7 8L2 13V3zM12 8l-5 5V3z",
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && !!window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
}

export function Playhead({ store, playhead }: { store: RunStore; playhead: PlayheadStore }) {
  const trace = useStore(store, (s) => s.trace);
  const end = useStore(store, (s) => s.traceEnd);
  const dropped = useStore(store, (s) => s.traceDropped);
  const running = useStore(store, (s) => s.running);
  const { pinned, playing, speed } = useStore(playhead);
  const track = useRef<HTMLDivElement>(null);
  const room = useScrollRoom("--playhead-room");

  const time = pinned?.time ?? end;
  const shown = pinned?.count ?? trace.length;

  // Playing moves the moment forward on every frame, at the chosen speed, until the end.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const state = playhead.getState();
      const run = store.getState();
      const at = (state.pinned?.time ?? 0) + (now - last) * runMsPerMs(run.traceEnd, state.speed);
      last = now;
      if (at >= run.traceEnd) {
        follow(playhead); // at the end (or, while the run goes on, its live edge): follow it
        return;
      }
      playhead.setState({ pinned: momentAt(run.trace, at) });
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, playhead, store]);

  if (trace.length === 0) return null;

  const play = () => {
    if (playing) return playhead.setState({ playing: false });
    if (prefersReducedMotion()) return follow(playhead);
    // From the end, play the run again from its start.
    playhead.setState({ pinned: pinned ?? START, playing: true });
  };
  const previous = () => seek(playhead, previousMoment(trace, pinned, end));
  const next = () => seek(playhead, nextMoment(trace, pinned, end));
  const toStart = () => seek(playhead, START);
  const toEnd = () => follow(playhead);
  const toTime = (t: number) => (t >= end ? toEnd() : seek(playhead, momentAt(trace, Math.max(0, t))));

  const onKey = (e: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      " ": play,
      ArrowLeft: previous,
      ArrowDown: previous,
      ArrowRight: next,
      ArrowUp: next,
      Home: toStart,
      End: toEnd,
      PageDown: () => toTime(time - end / 10),
      PageUp: () => toTime(time + end / 10),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const timeAtPointer = (e: PointerEvent) => {
    const box = track.current!.getBoundingClientRect();
    return (Math.min(Math.max(e.clientX - box.left, 0), box.width) / Math.max(1, box.width)) * end;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    toTime(timeAtPointer(e));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) toTime(timeAtPointer(e));
  };

  const fraction = end > 0 ? Math.min(1, time / end) : 1;
  const live = running && pinned === null;
  const where = `${formatMs(time)} of ${formatMs(end)}${live ? " so far" : ""}`;
  const which = shown === 0 ? "before the first event" : `event ${count.format(shown)} of ${count.format(trace.length)}`;

  return (
    <div className="playhead" role="group" aria-label="Playhead" ref={room}>
      <div className="playhead__buttons">
        {(
          [
            ["start", "Jump to the start", "Home", toStart],
            ["previous", "Previous event", "←", previous],
            [playing ? "pause" : "play", playing ? "Pause" : "Play", "Space", play],
            ["next", "Next event", "→", next],
            ["end", "Jump to the end", "End", toEnd],
          ] as const
        ).map(([icon, label, key, action]) => (
          <button
            key={label === "Pause" ? "Play" : label}
            type="button"
            className={`playhead__button${icon === "play" || icon === "pause" ? " playhead__button--play" : ""}`}
            aria-label={label}
            title={label === "Play" && prefersReducedMotion() ? "Jump to the end (reduced motion)" : `${label} (${key})`}
            onClick={action}
          >
            <Icon name={icon} />
          </button>
        ))}
      </div>
      <div
        ref={track}
        className="playhead__track"
        role="slider"
        tabIndex={0}
        aria-label="Moment in the run"
        aria-valuemin={0}
        aria-valuemax={Math.max(0, Math.round(end * 10) / 10)}
        aria-valuenow={Math.round(time * 10) / 10}
        aria-valuetext={`${where}, ${which}`}
        onKeyDown={onKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
      >
        <div className="playhead__rail" />
        <div className="playhead__done" style={{ width: `${fraction * 100}%` }} />
        <div className="playhead__thumb" style={{ left: `${fraction * 100}%` }} />
      </div>
      <span className="playhead__readout" aria-live="off">
        {where} · {which}
        {live && <span className="playhead__live"> · live</span>}
        {dropped > 0 && <span className="playhead__dropped"> · {count.format(dropped)} later events not kept</span>}
      </span>
      <label className="playhead__speed">
        <span className="visually-hidden">Speed</span>
        <select value={speed} onChange={(e) => playhead.setState({ speed: Number(e.target.value) as Speed })}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

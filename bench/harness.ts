// The benchmark report format (DESIGN §7): one JSON object per line,
//   {"bench", "ours", "unit", "peer", "peerValue", "ratio"}   with ratio = ours / peerValue,
// measured side by side in one process run. Each bench/*.bench.ts default-exports a function
// that measures and calls report() once per figure.
export interface BenchFigure {
  bench: string;
  ours: number;
  unit: string;
  peer: string;
  peerValue: number;
}

export function report(figure: BenchFigure): void {
  const ratio = figure.peerValue === 0 ? null : figure.ours / figure.peerValue;
  const round = (n: number) => Number(n.toPrecision(6));
  console.log(
    JSON.stringify({
      bench: figure.bench,
      ours: round(figure.ours),
      unit: figure.unit,
      peer: figure.peer,
      peerValue: round(figure.peerValue),
      ratio: ratio === null ? null : round(ratio),
    }),
  );
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

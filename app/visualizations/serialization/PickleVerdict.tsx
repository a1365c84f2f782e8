// What the run's last pickle would do if it were loaded: explainPickle's account when the run asked
// for one, and the opcodes through which it would import or call, each at its offset. Its bytes and
// every opcode are one choice away in the hex view (the button moves the playhead to them).
import type { SerializationBytesTrace, SerializationExplainTrace } from "../../../workers/serialization/trace";
import { dangersOf, shorten } from "./model";

export function PickleVerdict({ pickle, explain, shown, onShow }: { pickle: SerializationBytesTrace; explain: SerializationExplainTrace | undefined; shown: boolean; onShow: () => void }) {
  const dangers = dangersOf(pickle);
  const safe = explain ? explain.safe : dangers.length === 0;
  return (
    <section className={safe ? "ser-explain" : "ser-explain ser-explain--danger"} aria-label="What loading the pickle would do">
      <h3>{safe ? "Loading this pickle would only build data" : "Loading this pickle would run code"}</h3>
      {explain && explain.calls.length > 0 && (
        <ul>
          {explain.calls.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}
      {dangers.length > 0 && (
        <ul className="ser-explain__ops">
          {dangers.map(({ field, danger }) => (
            <li key={field.start}>
              byte {field.start}: <code>{field.name}</code>
              {field.value && <code> {shorten(field.value, 40)}</code>} — {danger}
            </li>
          ))}
        </ul>
      )}
      {!shown && (
        <button type="button" className="ser-explain__show" onClick={onShow}>
          Show its {pickle.length} bytes and every opcode
        </button>
      )}
    </section>
  );
}

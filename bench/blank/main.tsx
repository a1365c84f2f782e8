// The benchmarks' peer: the least a Vite + React page can be, one button and nothing else.
import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")!).render(<button type="button">Run</button>);

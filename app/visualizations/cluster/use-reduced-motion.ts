// Whether the system asks for reduced motion, kept up to date (false where there is no window).
import { useMediaQuery } from "../../shell/use-media-query";

export function useReducedMotion(): boolean {
  return useMediaQuery("(prefers-reduced-motion: reduce)");
}

// The visualizations a lesson may name in its front matter (`visualization: <id>`). Kept apart
// from the components so the build can validate lessons without loading React.
export const VISUALIZATION_IDS = ["run-timeline", "middleware-onion", "dependency-graph", "routing", "caching", "search", "pagination", "pool", "cluster", "validation", "serialization", "dns", "tasks"] as const;
export type VisualizationId = (typeof VISUALIZATION_IDS)[number];

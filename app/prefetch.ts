// Imported first by main.tsx, so it runs before React's modules are evaluated: a deep link to a
// lesson starts fetching that lesson's chunk at once, while the rest of the app starts up. The
// module system hands the same module to the lesson page when it asks for it.
import { parseRoute } from "./router/hash-route";
import { findLesson, loadLessonContent } from "./lessons/catalogue";

const route = parseRoute(location.hash);
if (route.name === "lesson" && findLesson(route.id)) void loadLessonContent(route.id).catch(() => {});

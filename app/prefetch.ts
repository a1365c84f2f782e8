// Imported first by main.tsx, so it runs before React's modules are evaluated: a deep link to a
// lesson starts fetching that lesson's chunk at once, while the rest of the app starts up. The
// module system hands the same module to the lesson page when it asks for it.
import { parseRoute } from "./router/hash-route";
import { findLesson, loadLessonContent } from "./lessons/catalogue";
import { startPostgresFor } from "./home/start-early";

const route = parseRoute(location.hash);
const lesson = route.name === "lesson" ? findLesson(route.id) : undefined;
if (lesson) {
  void loadLessonContent(lesson.id).catch(() => {});
  // A Postgres lesson's database starts now, not after React has rendered the lesson page and
  // its effects have run: on a first visit that was 0.3–0.7 s of the wait for "Postgres is
  // ready". The page's own start later gets the same boot.
  startPostgresFor(lesson);
}

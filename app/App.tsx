import { useEffect, useState } from "react";
import { useHashRoute } from "./router/hash-route";
import { Header } from "./shell/Header";
import { StorageBanner } from "./shell/StorageBanner";
import { UpdatePrompt } from "./shell/UpdatePrompt";
import { HomePage } from "./home/HomePage";
import { LessonPage } from "./lesson/LessonPage";
import { NotFound } from "./shell/NotFound";
import { findLesson } from "./lessons/catalogue";
import { probeStorage } from "./stores/storage";
import { showTheme } from "./stores/theme";

export function App() {
  const route = useHashRoute();
  const embed = route.name === "lesson" && route.embed;
  // Asked once: a browser that refuses storage (or a frame it keeps from storage) is said so at once.
  useState(probeStorage);
  const embedTheme = route.name === "lesson" && route.embed ? route.options.theme : null;
  useEffect(() => {
    if (embedTheme) showTheme(embedTheme);
  }, [embedTheme]);

  useEffect(() => {
    const lesson = route.name === "lesson" ? findLesson(route.id) : undefined;
    document.title = lesson ? `${lesson.title} · Backend Playground` : "Backend Playground";
  }, [route]);

  return (
    <div className={embed ? "app app--embed" : "app"}>
      {!embed && <Header />}
      <StorageBanner embed={embed} />
      <UpdatePrompt />
      {route.name === "home" && <HomePage />}
      {route.name === "lesson" &&
        (findLesson(route.id) ? (
          <LessonPage key={route.id} lesson={findLesson(route.id)!} embed={route.embed} sharedCode={route.code} options={route.options} />
        ) : (
          <NotFound what={`There is no lesson called “${route.id}”.`} />
        ))}
      {route.name === "not-found" && <NotFound what={`Nothing lives at “${route.path}”.`} />}
    </div>
  );
}

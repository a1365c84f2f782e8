// Lessons the plan (DESIGN.md §1) has and the catalogue does not yet. The home page and the
// README show them as coming, never as there; once a lesson's folder exists it leaves this list
// on its own (see comingLessons), and lessons/readme.test.ts keeps the README in step.
export interface PlannedLesson {
  id: string;
  topic: string;
}

// Every lesson of the plan exists now; a topic added to the plan goes here until it is written.
export const PLANNED_LESSONS: readonly PlannedLesson[] = [];

export function comingLessons(existing: readonly { id: string }[]): PlannedLesson[] {
  const ids = new Set(existing.map((l) => l.id));
  return PLANNED_LESSONS.filter((l) => !ids.has(l.id));
}

/** "Routing: from request text to handler" → "routing": what a lesson is about, for a sentence. */
export function topicOf(title: string): string {
  const topic = title.split(":")[0].trim();
  // Lower-case the first word unless it is an acronym (DNS, HTTP).
  return /^[A-Z][a-z]/.test(topic) ? topic[0].toLowerCase() + topic.slice(1) : topic;
}

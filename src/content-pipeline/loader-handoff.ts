/**
 * What the lessons loader (astro-loader.ts) shares with the integrations that read its output and
 * with `npm run build`'s script: the files it writes into Astro's cache folder, its name, the global
 * it notes reloads in, and where the build tells it about the lessons run started beside Astro. A
 * module of its own, with no imports: Astro loads the integrations with its config, and importing
 * these from the loader made every build load the whole pipeline (remark, rehype, KaTeX) once more
 * for the config, before the content sync loads it for real; and plain Node loads it for the build
 * script.
 */

/** Where the loader tells the attachments integration which files the pages use. */
export const ATTACHMENT_MANIFEST = 'vault-attachments.json';

/** Where the loader tells the lesson-embeds integration which lessons have a quiz (their slugs). */
export const LESSON_QUIZZES_MANIFEST = 'lesson-quizzes.json';

/** The lessons loader's name, by which `npm run dev` asks Astro to run it again (see dev-notes-reload.ts). */
export const LESSONS_LOADER = 'ami-lab-lessons';

/** Where the loader notes the last reload of `npm run dev` it ran (a global: see astro-loader.ts). */
export const LESSONS_RELOADED = Symbol.for('ami-lab.lessons-reloaded');

/**
 * Where `npm run build` (src/scripts/build-site.mjs) tells the lessons loader about the pipeline run
 * it started beside Astro (see early-lessons.ts): the file that run writes its lessons to, and the
 * process id to wait on.
 */
export const EARLY_LESSONS_FILE_ENV = 'AMI_LAB_EARLY_LESSONS_FILE';
export const EARLY_LESSONS_PID_ENV = 'AMI_LAB_EARLY_LESSONS_PID';

/**
 * Beside the early run's lessons: the pages it makes for the search index (see search-pages.ts),
 * which the build script indexes while Astro renders, and the note the loader leaves of the inputs
 * the lessons in its store were made from, when it took that run's lessons or already held lessons
 * made from the same inputs (see noteStoredLessons in early-lessons.ts). The build script publishes
 * that index only when both name the same inputs, the lessons Astro's pages show.
 */
export const earlySearchPagesFile = (earlyLessonsFile: string): string => `${earlyLessonsFile}.search`;
export const earlyLessonsTakenFile = (earlyLessonsFile: string): string => `${earlyLessonsFile}.taken`;

/** Beside the early run's lessons: the lab scenarios it builds after them (see labs/early-labs.ts). */
export const earlyLabsFile = (earlyLessonsFile: string): string => `${earlyLessonsFile}.labs`;

/** Beside the early run's lessons: the digest of the inputs it read, written first (see promiseEarlyLessons in early-lessons.ts). */
export const earlyInputsFile = (earlyLessonsFile: string): string => `${earlyLessonsFile}.inputs`;

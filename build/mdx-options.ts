// How lesson.mdx files are read, shared by the build (vite.config.ts) and the lesson validator,
// so that the validator sees each lesson exactly as the page will.
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import { remarkStepSections } from "./remark-step-sections.ts";

export const REMARK_PLUGINS = [remarkFrontmatter, remarkGfm, remarkStepSections];

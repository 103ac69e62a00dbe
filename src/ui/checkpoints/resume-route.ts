/**
 * Where a checkpoint resumes: read from the model-kind registry (src/ui/model-kinds.ts), which holds every
 * kind's route. Kept as its own module for the pages that only need the route.
 */
export { resumeTarget, type ResumeTarget } from '../model-kinds';

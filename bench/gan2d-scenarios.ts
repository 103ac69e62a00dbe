/** 2-D GAN benchmarks (studio), run in the studio's own worker. Each takes a log line callback. */
export const GAN2D_SCENARIOS: Record<string, (log: (line: string) => void) => Promise<unknown>> = {};

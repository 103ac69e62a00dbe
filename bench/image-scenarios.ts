/** MNIST benchmarks (studio: image GAN, VAE), run in the studio's own workers. Each takes a log line callback. */
export const IMAGE_SCENARIOS: Record<string, (log: (line: string) => void) => Promise<unknown>> = {};

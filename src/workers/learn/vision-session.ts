/** Learn panels 7, 10–12: the MNIST classifier and CNN jobs. Methods are prefixed `vision`. */
export const visionApi = {};

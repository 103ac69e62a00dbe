/** Learn panels 1–6: worker-side jobs (e.g. the regularization panel's live fit). Methods are prefixed `foundations`. */
export const foundationsApi = {};

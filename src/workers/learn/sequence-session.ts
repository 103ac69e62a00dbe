/** Learn panels 8–9: RNN/LSTM/GRU and the tiny transformer. Methods are prefixed `sequence`. */
export const sequenceApi = {};

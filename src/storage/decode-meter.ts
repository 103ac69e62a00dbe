/**
 * How much work decoding has done: JSON values scanned and walked, bytes inflated. The decoders add to it as
 * they go (one addition per value or per inflated slice), so tests and the bench can show that a refusal
 * came after work bounded by the limits, not by what the input claimed. Nothing reads it in the app.
 */
export interface DecodeWork {
  /** Values counted in JSON text before JSON.parse (json.ts's scan). */
  jsonValuesScanned: number;
  /** Values visited in parsed or in-memory JSON (json.ts's walk). */
  jsonValuesWalked: number;
  /** Bytes produced by inflating share links and zip entries. */
  bytesInflated: number;
}

export const decodeWork: DecodeWork = { jsonValuesScanned: 0, jsonValuesWalked: 0, bytesInflated: 0 };

export function resetDecodeWork(): void {
  decodeWork.jsonValuesScanned = 0;
  decodeWork.jsonValuesWalked = 0;
  decodeWork.bytesInflated = 0;
}

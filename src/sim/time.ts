/** Simulated milliseconds, branded so they are never mixed up with wall-clock time. */
export type SimMs = number & { readonly __simMs: unique symbol };

/** Marks a number as simulated milliseconds. */
export const simMs = (ms: number): SimMs => ms as SimMs;

/** Milliseconds in one simulated second. */
export const MS_PER_SEC = 1000;

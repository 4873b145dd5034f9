import type { GateId } from './types.js';

/** The gates a "Ready for Stage 1" verdict rests on; "Ready for Stage 2" needs all ten (R-VERDICT). */
export const STAGE1_GATES: readonly GateId[] = ['G1', 'G2', 'G4', 'G6', 'G7', 'G10'];

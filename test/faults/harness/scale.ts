// The two sizes of the fault suite: FAULTS_SCALE=quick (CI, a few minutes) and full (quality.md's numbers).
export const QUICK = process.env.FAULTS_SCALE === 'quick';

/** `full` under the full suite, `quick` under the quick one. */
export const pick = <T>(full: T, quick: T): T => (QUICK ? quick : full);

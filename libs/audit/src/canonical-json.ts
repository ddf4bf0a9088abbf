// The chain's canonical JSON lives in libs/domain (pure: the database layer and the browser use it too).
export { canonicalJson } from '@lyg/domain';

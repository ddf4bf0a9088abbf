/**
 * The length of text a person wrote, as the limits of the contract count it: without the whitespace around it, in
 * characters as people count them (code points, so a character outside the Basic Multilingual Plane is one, not two).
 * Blank text has length 0. The API's validator and the browser's form count the same way.
 */
export const textLength = (s: string): number => [...s.trim()].length;

// Administrative division codes (行政区划代码), GB/T 2260.

// GB/T 2260: two digits province, two prefecture, two county. The first pair is one of the assigned
// province-level codes, which excludes 000000 and other all-zero placeholders as well.
const REGION_CODE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|81|82)\d{4}$/;

export function checkRegionCode(input: string): boolean {
  return REGION_CODE.test(input);
}

/** Whether a region lies in a prefecture-level city (e.g. `3207` 连云港市), by the code's hierarchy. */
export function isInCity(regionCode: string, prefix: string): boolean {
  return regionCode.startsWith(prefix);
}

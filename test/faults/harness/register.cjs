// Lets node run the suite's TypeScript directly (`node -r ./test/faults/harness/register.cjs file.ts`), compiled on
// load by swc with the build's own options, for scripts such as the scale-out benchmark that reuse the harness.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const { swcOptions } = require('../../../scripts/swc-options.cjs');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions(), filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};

// One swc configuration for the build (scripts/build.mjs) and for jest (jest.config.cjs), so that tests run the
// code exactly as it is shipped. Path aliases (@lyg/<lib>) are rewritten to relative paths at compile time.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: false },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: { '@lyg/*': ['libs/*/src'] },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs', ignoreDynamic: true },
    sourceMaps: 'inline',
  };
}

module.exports = { swcOptions, root };

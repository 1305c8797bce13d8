import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator, run with `npm run codegen`. It reads the committed contract
 * (`schema/schema.graphql`) and turns the operations in `test/documents/` into typed documents
 * (`TypedDocumentNode`s) that the tests execute. A frontend uses the same client preset over its
 * own operations: point `schema` at the gateway's URL or at this file.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/documents/**/*.graphql'],
  ignoreNoDocuments: false,
  // ESM with NodeNext resolution: relative imports need their .js extension.
  emitLegacyCommonJSImports: false,
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;

/**
 * Marks a GraphQL document for relay-compiler, which reads these templates straight from the source
 * files (the tag's name is what it looks for); at run time the tag only returns the text.
 */
export function graphql(strings: TemplateStringsArray): string {
  return strings.join('');
}

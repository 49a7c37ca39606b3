/** Example operations preloaded as GraphiQL tabs: what a developer tries first. */
import type { ExampleTab } from './graphiql-page';

export const EXAMPLE_TABS: ExampleTab[] = [
  {
    query: `# Public lookup of a subject by unified social credit code (no token needed).
# Natural persons' data is desensitised; fields the catalog does not publish are denied.
query PublicSubject($code: String!) {
  subject(code: $code) {
    name
    uscc
    subjectKind
    legalRepresentative
    entityType
    status
    establishedOn
    registeredCapital
    registrationAuthority
  }
}`,
    variables: JSON.stringify({ code: '91320100748204660Q' }, null, 2),
  },
];

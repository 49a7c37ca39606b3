/** The text of a catalog draft, in the file format the shipped catalog is written in. */
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The text of a catalog version in the shipped file format (src/catalog/data/*.yaml), as YAML or JSON.' })
export class CatalogDraftInput {
  @Field(() => String, {
    description: 'The whole document: kind (BASE_CATALOG, SUPPLEMENTARY_CATALOG or MEASURE_LIST), id, title and its items or measures.',
  })
  @MaxLength(500_000)
  source!: string;

  @Field(() => String, { nullable: true, description: 'File name shown in problem messages (file:line item … field …), e.g. nanjing-2026.yaml.' })
  @IsOptional()
  @Matches(/^[\w.-]{1,100}$/, { message: 'fileName: letters, digits, ".", "_" and "-" only, at most 100 characters' })
  fileName?: string | null;
}

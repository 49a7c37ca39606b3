ALTER TABLE "serious_list_types" DROP CONSTRAINT "list_type_comment_30_days";--> statement-breakpoint
ALTER TABLE "serious_list_types" ADD CONSTRAINT "list_type_comment_30_days" CHECK (CASE WHEN "serious_list_types"."comment_from" IS NULL AND "serious_list_types"."comment_to" IS NULL
        THEN "serious_list_types"."standard_level" IN ('LAW', 'JUDICIAL_INTERPRETATION')
        ELSE coalesce("serious_list_types"."comment_to" - "serious_list_types"."comment_from" + 1 >= 30, false) END);
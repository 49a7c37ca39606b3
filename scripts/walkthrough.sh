#!/usr/bin/env bash
# The README's walkthrough, run as written: penalty recorded → published → repaired → gone.
set -euo pipefail
API=${API:-http://localhost:${PORT:-4000}/graphql}
gql() { curl -s "$API" -H 'content-type: application/json' "$@"; }
DEPT=$(npm run -s token -- --role DEPARTMENT --agency SAMR_320106)
SUBJ=$(npm run -s token -- --role SUBJECT --subject 1)

# 1. 南京市鼓楼区市场监督管理局 records a penalty on a legally effective decision
gql -H "authorization: Bearer $DEPT" -H 'x-purpose: CREDIT_SUPERVISION' -d '{"query":"mutation { recordCreditInformation(input: { subjectCode: \"91320100748204660Q\", itemCode: \"03-02-001\", decisionDate: \"2026-06-01\", severity: GENERAL, document: { kind: ADMINISTRATIVE_PENALTY, number: \"宁鼓市监处罚〔2026〕88号\", issuer: \"南京市鼓楼区市场监督管理局\", effectiveOn: \"2026-06-01\" }, penalty: { violationType: \"未按规定公示年度报告\", penaltyCategory: \"罚款\", fineAmount: \"0.5\", penaltyBasis: \"《企业信息公示暂行条例》第十八条\" } }) { id publicationStart publicationEnd ... on AdministrativePenalty { documentNumber } } }"}' | tee /tmp/story-1.json
RECORD=$(python3 -c 'import json;print(json.load(open("/tmp/story-1.json"))["data"]["recordCreditInformation"]["id"])')

# 2. the public sees it on the subject's profile
gql -d '{"query":"{ subject(code: \"91320100748204660Q\") { profile { penalties { totalCount edges { node { id ... on AdministrativePenalty { documentNumber } } } } } } }"}'; echo

# 3. the company applies for credit repair (minimum period served, commitment given, no fee)
gql -H "authorization: Bearer $SUBJ" -d "{\"query\":\"mutation { applyForCreditRepair(input: { creditRecordId: \\\"$RECORD\\\", commitment: \\\"本单位承诺所提交材料真实有效。\\\", obligationsEvidence: \\\"罚款已缴纳，年度报告已补报。\\\" }) { id state dueOn } }\"}" | tee /tmp/story-3.json; echo
APP=$(python3 -c 'import json;print(json.load(open("/tmp/story-3.json"))["data"]["applyForCreditRepair"]["id"])')

# 4. the department approves it
gql -H "authorization: Bearer $DEPT" -H 'x-purpose: CREDIT_REPAIR_REVIEW' -d "{\"query\":\"mutation { decideCreditRepair(input: { id: \\\"$APP\\\", approve: true, treatment: MARKED, reason: \\\"已履行义务并完成整改，准予修复。\\\" }) { state treatment } }\"}"; echo

# 5. gone from the public view (not listed, not counted); the company still sees it, marked REPAIRED
gql -d '{"query":"{ subject(code: \"91320100748204660Q\") { profile { penalties { totalCount edges { node { id } } } } } }"}'; echo
gql -H "authorization: Bearer $SUBJ" -d '{"query":"{ subject(code: \"91320100748204660Q\") { profile { penalties { edges { node { id recordStatus } } } } } }"}'; echo

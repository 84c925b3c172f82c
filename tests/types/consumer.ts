// A small consumer of the types generated from api/openapi.json, as an app developer would write
// it: `tsc --strict` must accept it without casts (tests/test_types.py). The locale codes of
// /v1/locales are the type the paths take, and what is always sent is not optional.
import type { components, operations, paths } from "../../api/types/openapi";

type Factsheet = components["schemas"]["Factsheet"];
type Locale = components["schemas"]["Locale"];
type LocaleCode = components["schemas"]["LocaleCode"];
type SectionId = components["schemas"]["SectionId"];
type Problem = components["schemas"]["Problem"];
type ItemResponse =
  paths["/v1/{locale}/sections/{section_id}/items/{item_id}"]["get"]["responses"]["200"]["content"]["application/json"];
type SectionPath = operations["getSection"]["parameters"]["path"];

export function sectionUrl(base: string, locale: Locale, section: SectionId): string {
  const path: SectionPath = { locale: locale.code, section_id: section };
  return `${base}/v1/${path.locale}/sections/${path.section_id}.json`;
}

export async function riskTitles(base: string, locale: LocaleCode): Promise<string[]> {
  const response = await fetch(`${base}/v1/${locale}/factsheet.json`);
  const sheet: Factsheet = await response.json();
  const risks = sheet.sections.find((section) => section.id === "risks");
  return risks ? risks.items.map((item) => item.title ?? item.id) : [];
}

export function describe(item: ItemResponse): string {
  const number: number | null = item.number;
  return `${number === null ? "" : `${number}. `}${item.title ?? ""}: ${item.points.join("; ")}`;
}

export function status(sheet: Factsheet): "source" | "machine-translated" | "reviewed" | "changed-since-review" {
  return sheet.metadata.translation.status;
}

export function explain(problem: Problem): string {
  switch (problem.type) {
    case "/v1/problems/unknown-locale":
      return `use one of ${(problem.locales ?? []).join(", ")}`;
    case "/v1/problems/unknown-section":
      return `use one of ${(problem.sections ?? []).join(", ")}`;
    default:
      return problem.detail ?? problem.title;
  }
}

// A retrieval pipeline shows a chunk with its citation, rights and notices, never without them.
type Chunks = paths["/v1/{locale}/chunks"]["get"]["responses"]["200"]["content"]["application/json"];

export function quote(chunks: Chunks, id: string): string | null {
  const chunk = chunks.chunks.find((candidate) => candidate.id === id);
  if (!chunk) return null;
  const section: SectionId = chunk.section;
  const citation = chunk.citation;
  const pinned: string | null = citation.edition_url;
  return [
    `“${chunk.text}” (${section})`,
    `${citation.title}, ${citation.edition}, version ${citation.version} (${citation.checksum})`,
    ...chunk.notices,
    ...chunk.translation.fallbacks.map((context) => `in Dutch: ${context}`),
    citation.rights,
    pinned ?? citation.url ?? "",
  ].join("\n");
}

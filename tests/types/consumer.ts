// A small consumer of the types generated from api/openapi.json, as an app developer would write
// it: `tsc --strict` must accept it without casts (tests/test_types.py).
import type { components, paths } from "../../api/types/openapi";

type Factsheet = components["schemas"]["Factsheet"];
type ItemResponse =
  paths["/v1/{locale}/sections/{section_id}/items/{item_id}"]["get"]["responses"]["200"]["content"]["application/json"];

export async function riskTitles(base: string, locale: string): Promise<string[]> {
  const response = await fetch(`${base}/v1/${locale}/factsheet.json`);
  const sheet: Factsheet = await response.json();
  const risks = sheet.sections.find((section) => section.id === "risks");
  return risks ? risks.items.map((item) => item.title ?? item.id) : [];
}

export function describe(item: ItemResponse): string {
  const number: number | null = item.number;
  return `${number === null ? "" : `${number}. `}${item.title ?? ""}: ${item.points.join("; ")}`;
}

export function status(sheet: Factsheet): "source" | "machine-translated" | "reviewed" | undefined {
  return sheet.metadata.translation?.status;
}

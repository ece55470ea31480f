/**
 * The fixed vocabularies of the marketplace: technology fields, transfer modes,
 * certifications, regions, consulting kinds, TRL levels and the supported locales.
 * Codes are stable identifiers stored in the database and the search index;
 * their labels live in locales/<lng>/taxonomy.json.
 */

export const LOCALES = ["ko", "en", "ja", "zh", "vi", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const RTL_LOCALES: ReadonlySet<Locale> = new Set(["ar"]);
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export const TECH_FIELDS = [
  "battery",
  "semiconductor",
  "semiconductor_equipment",
  "display",
  "bio_pharma",
  "medical_device",
  "smart_factory",
  "hydrogen",
  "robotics",
  "agri_food",
  "cosmetics",
  "ict_saas",
  "mobility",
  "advanced_materials",
  "energy_environment",
] as const;
export type TechField = (typeof TECH_FIELDS)[number];

export const TRANSFER_MODES = [
  "exclusive_license",
  "non_exclusive_license",
  "assignment",
  "joint_development",
  "technical_assistance",
  "joint_venture",
] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const CERTIFICATIONS = ["innobiz", "venture", "mainbiz", "tips", "performance"] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export const REGIONS = [
  "east_asia",
  "southeast_asia",
  "south_asia",
  "middle_east",
  "europe",
  "north_america",
  "latin_america",
  "africa",
  "oceania",
] as const;
export type Region = (typeof REGIONS)[number];

export const CONSULTING_KINDS = [
  "valuation",
  "transfer_strategy",
  "licensing_contract",
  "export_regulation",
  "localisation",
  "buyer_introduction",
] as const;
export type ConsultingKind = (typeof CONSULTING_KINDS)[number];

export const VALUATION_METHODS = ["income", "market", "cost", "relief_from_royalty"] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];

export const PATENT_JURISDICTIONS = ["KR", "US", "EP", "CN", "JP", "PCT"] as const;
export const PATENT_STATUSES = ["applied", "registered", "expired"] as const;

export const CURRENCIES = ["KRW", "USD"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export const EMPLOYEE_BANDS = ["1-9", "10-49", "50-99", "100-299", "300+"] as const;

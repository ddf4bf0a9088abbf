// The enumerations of the public contract (spec/contract.md). Values are fixed: other systems rely on them.

export const IP_RIGHT_TYPES = [
  'invention_patent',
  'utility_model',
  'design_patent',
  'trademark',
  'copyright',
  'trade_secret',
  'geographical_indication',
  'plant_variety',
  'ic_layout',
] as const;
export type IpRightType = (typeof IP_RIGHT_TYPES)[number];

export const PATENT_TYPES = ['invention_patent', 'utility_model', 'design_patent'] as const satisfies readonly IpRightType[];
export type PatentType = (typeof PATENT_TYPES)[number];
export const isPatentType = (t: IpRightType): t is PatentType => (PATENT_TYPES as readonly string[]).includes(t);

export const COMPANY_SIZES = ['large', 'sme', 'micro', 'individual'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const CONDUCTS = [
  'manufacture',
  'sale',
  'offer_for_sale',
  'use',
  'import',
  'export',
  'online_listing',
  'exhibition',
  'copying',
  'counterfeiting',
  'passing_off',
  'misappropriation',
] as const;
export type Conduct = (typeof CONDUCTS)[number];

export const CHANNELS = ['offline', 'ecommerce', 'exhibition', 'cross_border'] as const;
export type Channel = (typeof CHANNELS)[number];

export const INDUSTRIES = [
  'high_end_petrochemical',
  'new_medicine',
  'new_materials',
  'marine_equipment',
  'new_energy',
  'intelligent_manufacturing',
  'shipping_services',
  'big_health',
  'new_generation_it',
  'energy_saving',
  'digital_creative',
  'agriculture',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const REMEDIES = [
  'stop_infringement',
  'takedown',
  'damages',
  'punitive_damages',
  'mediation',
  'administrative_penalty',
  'criminal_investigation',
  'customs_detention',
] as const;
export type Remedy = (typeof REMEDIES)[number];

export const EVIDENCE_KINDS = [
  'right_certificate',
  'infringement_evidence',
  'purchase_record',
  'screenshot',
  'notarial_certificate',
  'authorization_letter',
  'patent_evaluation_report',
  'expert_opinion',
  'respondent_statement',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROUTES = [
  'return_for_correction',
  'not_accepted',
  'police_transfer_review',
  'customs_referral',
  'fast_track',
  'mediation',
  'court_referral',
  'administrative_enforcement',
] as const;
export type Route = (typeof ROUTES)[number];

/** Routes an examiner can accept a case into (the two screening outcomes are not destinations of `accept`). */
export const ACCEPTABLE_ROUTES = [
  'police_transfer_review',
  'customs_referral',
  'fast_track',
  'mediation',
  'court_referral',
  'administrative_enforcement',
] as const satisfies readonly Route[];
export type AcceptableRoute = (typeof ACCEPTABLE_ROUTES)[number];

export const COMPETENT_AGENCIES = [
  'police',
  'customs',
  'protection_center',
  'mediation_committee',
  'court',
  'copyright_bureau',
  'agriculture_bureau',
  'market_regulation',
] as const;
export type CompetentAgency = (typeof COMPETENT_AGENCIES)[number];

export const FLAGS = [
  'repeat_infringer',
  'punitive_damages_candidate',
  'criminal_threshold_reached',
  'criminal_threshold_near',
  'foreign_related',
  'key_industry',
  'ecommerce',
  'cross_border',
  'limitation_risk',
  'public_health',
] as const;
export type Flag = (typeof FLAGS)[number];

export const OUTCOMES = [
  'infringement_established',
  'not_established',
  'penalized',
  'settled',
  'not_filed',
  'transferred_criminal',
  'court_filed',
  'court_not_filed',
  'customs_detained',
  'customs_no_action',
  'withdrawn',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that make the respondent a repeat infringer for later complaints (lifecycle.md). */
export const INFRINGEMENT_OUTCOMES = ['infringement_established', 'penalized'] as const satisfies readonly Outcome[];

export const ROLES = [
  'enterprise',
  'examiner',
  'supervisor',
  'mediator',
  'officer',
  'police',
  'court',
  'customs',
  'procuratorate',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles of the receiving agencies: they see only cases transferred to their organisation. */
export const AGENCY_ROLES = ['police', 'court', 'customs', 'procuratorate'] as const satisfies readonly Role[];
/** Staff of the protection center and the bodies it routes to. */
export const STAFF_ROLES = ['examiner', 'supervisor', 'mediator', 'officer', 'admin'] as const satisfies readonly Role[];

export const CLOCKS = ['working_days', 'calendar_days', 'hours'] as const;
export type Clock = (typeof CLOCKS)[number];

// The vocabulary the purpose rules match against (purpose-rules.ts). Kept apart so that the list of
// words a reviewer must read is in one place, and the rules read as logic. Patterns run on the
// normalized reason (NFKC, zero-width characters removed, whitespace collapsed); case-sensitive
// ones say so.

/** Words that, alone or together, say nothing about which investigation this is (R21). */
export const GENERIC_WORDS = new Set(
  `a an the of on in at to for and or by as per re regarding about with this that these those is it be are was my our its from into only just some any all various standard normal usual etc
   investigation investigations investigate investigating investigative investigatory investigator
   purpose purposes reason reasons law enforcement official officially business police department dept agency
   check checks checking query queries querying lookup look looking up search searching searches run running ran
   plate plates tag tags vehicle vehicles car cars auto info information inquiry inquiries
   case cases incident incidents report reports reported number no num
   follow followup following routine patrol work related ongoing active open pending criminal crime crimes general
   suspicious intel intelligence research data review reviewing needed need needs possible potential duty matter use see
   test testing other misc miscellaneous lead leads part alpr lpr hit hits verify verifying verification confirm confirming
   hot list lists hotlist stolen theft wanted warrant person persons missing alert felony misdemeanor
   traffic collision accident canvass scene area officer safety bolo audit compliance records request evidence assist assistance`
    .split(/\s+/)
    .filter(Boolean),
);

/** Case numbers that are placeholders rather than numbers (compared with dashes removed, lower case). */
export const CASE_NUMBER_PLACEHOLDERS = new Set([
  'na', 'none', 'nil', 'null', 'tbd', 'tba', 'test', 'unknown', 'unk', 'pending', 'temp', 'xxxx', 'abcd', 'case', 'incident', 'noncase',
  '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '9876543210',
]);
/** Words that make any case number a placeholder wherever they appear in it. */
export const CASE_NUMBER_PLACEHOLDER_WORDS = /test|tbd|none|pending|unknown|sample|dummy|fake/i;

/** Crimes: naming one is what lets a reason mention a protest, a clinic or a place of worship. */
export const CRIME_TERMS =
  /\b(?:arson|arsonist|fire-?bomb(?:ing)?|bomb(?:ing)?|explosive|assault(?:ed)?|battery|burglary|burglarized|robbery|robbed|theft|stolen|vandali[sz](?:ed|ing|m)|graffiti|shooting|shot|stabbing|stabbed|homicide|murder|kidnap(?:ped|ping)?|carjack(?:ed|ing)?|threat(?:s|ened|ening)?|hit[- ]and[- ]run|trespass(?:ing)?|stalk(?:ed|ing)|harass(?:ed|ment|ing)|looting|looted|break-?in|broke into)\b/i;

// ─── Personal identifying information (R21: nothing beyond a suspect's last name) ───────────────

export const DOB_LABEL = /\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s?date|birthday|born\s+(?:on\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i;
/** Full dates: m/d/yyyy, m-d-yy, yyyy-mm-dd. Groups: (month, day, year) or (year, month, day). */
export const FULL_DATE = /\b(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})|(\d{4})-(\d{1,2})-(\d{1,2}))\b/g;
export const SSN = /\b\d{3}[-\s]\d{2}[-\s]\d{4}\b|\b(?:ssn|ss#|social\s+security)\b/i;
/** A California driver licence number is one letter and seven digits; or any labelled licence number. */
export const DRIVER_LICENSE = /\b[A-Z]\d{7}\b|\b(?:CDL|OLN|D\.?L\.?|driver'?s?\s+licen[cs]e)\s*(?:#|no\.?|number)?\s*:?\s*[A-Z]?\d{5,}/i;
export const PHONE = /(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b/;
export const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/;
/** A person keyword then two capitalized words: "suspect John Smith", "driver: Smith, John" (case-sensitive names). */
export const FULL_NAME =
  /\b(?:[Ss]uspects?|[Ss]ubjects?|[Nn]amed|[Dd]river|[Oo]wner|R\/O|[Vv]ictims?|[Ww]itness(?:es)?|RP|[Rr]eporting [Pp]arty|[Ww]anted)\s*[:,-]?\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][a-z'’-]+)(?:\s+[A-Z]\.)?,?\s+([A-Z][a-z'’-]+)/g;
/** Capitalized words after a person keyword that are not names: descriptions, vehicles, streets, days. */
export const NOT_A_NAME = new Set(
  `Male Female Man Woman Boy Girl Juvenile Adult Unknown Unk Vehicle Car Truck Van Suv Sedan Pickup Motorcycle Fled Left Was Is Seen Then And
   White Black Hispanic Latino Latina Asian Red Blue Silver Grey Gray Green Gold Tan Brown Dark Light Yellow Orange Purple Maroon Beige
   Honda Toyota Ford Chevy Chevrolet Nissan Dodge Ram Jeep Bmw Mercedes Audi Lexus Kia Hyundai Subaru Mazda Tesla Volkswagen Gmc Chrysler Buick Cadillac Acura Infiniti Mitsubishi Volvo
   Civic Accord Camry Corolla Prius Tacoma Altima Sentra Mustang Explorer Silverado Tahoe Sienna Odyssey Wrangler Charger
   St Street Ave Avenue Blvd Boulevard Rd Road Dr Drive Ln Lane Way Ct Court Pl Place Hwy Highway Fwy Freeway Park Mall Center Plaza County City
   Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December`
    .split(/\s+/)
    .filter(Boolean),
);

// ─── Criminal history and CLETS (R21) ───────────────────────────────────────────────────────────

export const CRIMINAL_HISTORY =
  /\b(?:rap\s*sheet|criminal\s+(?:history|record)|prior\s+(?:convictions?|arrests?|record)|priors\s+for|CII\b|SID\s*(?:#|no\.?|number)?\s*:?\s*\d|FBI\s*(?:#|no\.?|number|id)\s*:?\s*[A-Z0-9-]*\d|booking\s*(?:#|no\.?|number)\s*:?\s*\d|PFN\b|(?:on|currently\s+on)\s+(?:probation|parole)\s+for)/i;
/** CLETS/NCIC/NLETS message mnemonics and field codes (case-sensitive, as the messages print them). */
export const CLETS_MNEMONIC = /(?<![A-Za-z0-9])(?:QW|QWA|QWB|QWI|QWS|QV|QA|QB|QG|QH|QR|QRP|DQ|KQ|RQ|ZQ|IQ|FQ|YQ|AQ)(?![A-Za-z0-9])/;
export const CLETS_FIELD = /\b(?:MKE|ORI|NIC|OLN|LIC|LIS|LIT|LIY|VIN|VMA|VYR|VMO|VST|VCO|NAM|DOB|SEX|RAC|HGT|WGT|EYE|HAI|SOC|OCA|DOW|MNU)\/\S/;
export const CLETS_TEXT =
  /^\s*(?:NCIC|CLETS|NLETS)\b|\b(?:NCIC|CLETS|NLETS|DMV)\s+(?:return(?:ed|s)?|response|record|records|shows?|showed|says|said|printout|revealed|came\s+back|hit\s+shows)|\bper\s+(?:NCIC|CLETS|NLETS)\b|(?<![-/\d])10-29(?![-/]\d)|(?<![-/\d])10-2[78]\s+(?:return|shows?|showed|clear|negative|positive|came\s+back|revealed|:)/im;

// ─── Prohibited purposes (R22, R37) ─────────────────────────────────────────────────────────────

export const IMMIGRATION_CASED = /(?<![A-Za-z])(?:I\.?C\.?E\.?|C\.?B\.?P\.?|ERO|USBP)(?![A-Za-z])/;
export const IMMIGRATION =
  /\bimmigration\s+(?:status|enforcement|violations?|violators?|checks?|holds?|detainers?|warrants?|agents?|officers?|officials?|authorities|arrests?|raids?|sweeps?|removal|sting|operations?|proceedings|court)\b|\bdeport(?:ed|ation|ations|able|ing|s)?\b|\bremoval\s+(?:proceedings?|orders?|operations?)\b|\billegal\s+(?:aliens?|immigrants?|immigration)\b|\bundocumented\b|\bvisa\s+overstay|\boverstay(?:ed|ing)?\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+)?visa\b|\b287\s?\(?g\)?|\bimmigration\s+and\s+customs\s+enforcement\b|\bcustoms\s+and\s+border\s+(?:protection|patrol)\b|\bborder\s+patrol\b|\bhomeland\s+security\s+ERO\b|\bgreen\s+card\b|\balien\s+registration\b|\bunlawful(?:ly)?\s+present|\bunlawful\s+presence\b|\b(?:no|without)\s+papers\b|\bI-(?:200|205|247[A-Z]?)\b/i;

/** Reproductive health care itself as the target: refused whatever else the reason says. */
export const REPRODUCTIVE_TARGETING =
  /\billegal\s+abortions?\b|\b(?:obtain(?:ed|ing)?|get|got|getting|seek(?:ing)?|sought|ha(?:d|ve|ving)|perform(?:ed|ing)?|provid(?:e|ed|ing)|induc(?:e|ed|ing)|self-managed|aid(?:ed|ing)?|assist(?:ed|ing)?|help(?:ed|ing)?)\s+(?:an?\s+|the\s+|her\s+|their\s+|illegal\s+)?abortions?\b|\babortion\s+(?:pills?|medications?|patients?|seekers?|travel)\b|\bmifepristone\b|\bmisoprostol\b|\bout[- ]of[- ]state\s+patients?\b|\btravel(?:l?ed|l?ing|s)?\s+(?:to\s+california\s+)?(?:to|for)\s+(?:an?\s+)?(?:abortion|reproductive)|\bterminat(?:e|ed|es|ing|ion\s+of)\s+(?:a\s+|her\s+|the\s+|their\s+)?pregnanc(?:y|ies)\b|\bpregnancy\s+(?:loss|outcome|termination)s?\b|\bmiscarriage\b|\bstillbirth\b/i;
/** Reproductive health care as context: refused unless the reason names a crime against a patient or provider. */
export const REPRODUCTIVE_CONTEXT =
  /\babortions?\b|\breproductive\s+(?:health|care|services|rights|clinic)\b|\bfamily\s+planning\b|\bplanned\s+parenthood\b|\bcontracepti(?:on|ves?)\b|\bbirth\s+control\b|\bIVF\b|\bin\s+vitro\b/i;
export const CRIMES_AGAINST_CARE = /\b(?:blockade|blocked\s+(?:the\s+)?entrance|FACE\s+Act)\b/i;

/** A protected characteristic named as the reason for the search: refused whatever else the reason says. */
export const PROTECTED_BASIS =
  /\b(?:because|since|due\s+to|based\s+on|on\s+account\s+of)\s+(?:of\s+)?(?:(?:his|her|their|its|the\s+(?:driver|occupants?|owner)'?s?)\s+)?(?:race|racial|religion|religious|ethnicity|ethnic|national\s+origin|nationality|sexual\s+orientation|gender(?:\s+identity)?|sex|disability|political\s+(?:views|beliefs|affiliation)|skin\s+colou?r|colou?r\s+of\s+(?:his|her|their)\s+skin|accent|ancestry|citizenship)\b|\b(?:because|since|as)\s+(?:he|she|they|the\s+(?:driver|occupants?|owner))\s+(?:is|are|was|were|looked|looks|appeared|appears|seemed|seems)\s+(?:to\s+be\s+)?(?:an?\s+)?(?:black|white|hispanic|latino|latina|latinx|mexican|asian|arab|middle[- ]eastern|muslim|jewish|sikh|hindu|christian|catholic|mormon|gay|lesbian|transgender|trans|queer|disabled|african|indian|native|immigrants?|foreign(?:er)?|out\s+of\s+place)\b|\b(?:looked|looks|appeared|seemed)\s+(?:out\s+of\s+place|foreign|middle[- ]eastern)\b/i;
/** A group or place of worship as the target: refused unless the reason names a crime. */
export const PROTECTED_GROUP =
  /\b(?:muslim|jewish|sikh|hindu|christian|catholic|mormon|arab|black|hispanic|latino|latinx|asian|gay|lgbtq?\+?|transgender|immigrant|mexican)\s+(?:people|persons|community|communities|neighbou?rhoods?|areas?|drivers|residents|worshipp?ers|congregants|families|population|groups?|businesses|owned\s+businesses)\b|\b(?:attend(?:s|ed|ing|ees)?|worshipp?ers?|congregants?|members?\s+of|visitors?\s+(?:of|to|at)|vehicles?\s+(?:at|parked\s+at|near|outside)|everyone\s+at|people\s+at|who\s+(?:go|goes|went|attend(?:s|ed)?)\s+to)\s+(?:the\s+|a\s+|that\s+|this\s+)?(?:local\s+)?(?:mosque|church|synagogue|temple|gurdwara|masjid|cathedral|chapel|mandir|kingdom\s+hall)\b/i;

/** First Amendment activity as context: refused unless the reason names a crime (R22). */
export const FIRST_AMENDMENT_CONTEXT =
  /\b(?:protest(?:s|ers|ors|ing|ed)?|rall(?:y|ies)|demonstrations?|demonstrators?|vigils?|picket(?:s|ing|ers|line)?|sit-ins?|activists?|marchers|political\s+(?:meetings?|events?|gatherings?|groups?|organi[sz]ations?|party|rall(?:y|ies))|union\s+(?:meetings?|rall(?:y|ies)|organi[sz]ers?)|journalists?|petitioners?)\b/i;
/** "march" as an assembly, in lower case only: "March 3" is a date (case-sensitive). */
export const MARCH_ASSEMBLY = /\bmarch(?:es)?\b/;
/** Who attended: refused even when a crime is named (a dragnet over an assembly). */
export const FIRST_AMENDMENT_TARGETING =
  /\b(?:attendees|participants|organi[sz]ers|everyone|every\s+(?:car|vehicle|plate)|all\s+(?:cars|vehicles|plates|people)|who\s+(?:attended|went\s+to|was\s+at|were\s+at))\s+(?:of\s+|at\s+|in\s+|from\s+|near\s+|to\s+)?(?:the\s+|a\s+|that\s+|this\s+|last\s+night'?s\s+|today'?s\s+)?(?:[\w'-]+\s+){0,3}?(?:protest|rally|demonstration|march|vigil|political\s+meeting|picket|sit-in)\b/i;

/** Personal use (R22). */
export const PERSONAL_USE =
  /\b(?:my|our)\s+(?:ex|ex-?wife|ex-?husband|ex-?girlfriend|ex-?boyfriend|wife|husband|girlfriend|boyfriend|spouse|neighbou?rs?|friends?|family|relatives?|cousin|brother|sister|son|daughter|mother|father|mom|dad|landlord|tenant|roommate|date|co-?worker|in-laws?)\b|\bpersonal\s+(?:reasons?|use|matter|business|interest)\b|\b(?:just|out\s+of)\s+curio(?:us|sity)\b|\bfor\s+(?:fun|a\s+friend)\b/i;

"""Who acts in a news text: government bodies, legislatures, courts, people, companies, countries.

Three sources of evidence, strongest first:

1. a small table of well-known bodies and organisations with their usual spellings, so that
   "Commerce Department", "US Commerce dept" and "Department of Commerce" are one actor,
   "U.S. Department of Commerce";
2. general patterns: "X Department", "Department of X", "Ministry of X", "X Ministry",
   "X Commission/Agency/Administration/...", legislatures and courts, a role before a name
   ("Senator Maria Cantwell", "spokesperson Mao Ning"), a name with a role in apposition
   ("Jonathan Ross, chief executive of Groq"), company suffixes ("Acme Corp.") and cues
   ("chipmaker X", "X, an AI company", "China's X"), names written in camel case ("DeepSeek");
3. the document itself: once a text has introduced "Maria Cantwell" or "Groq, an AI company",
   a later "Cantwell" or "Groq" is the same actor.

A demonym or country before a body ("Chinese Foreign Ministry") gives its country. Countries
are actors when named as nouns ("China opposes ..."); demonyms alone are not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline.countries import COUNTRIES

GOVERNMENT = "government"
LEGISLATURE = "legislature"
COURT = "court"
PERSON = "person"
COMPANY = "company"
COUNTRY = "country"
INTERNATIONAL = "international"
MEDIA = "media"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor: canonical ``name``, ``kind`` (one of the Actor model's kinds),
    ISO ``country`` code ("" when unknown), and where it was found (``text == source[start:end]``).

    ``role`` is what the text says a person is ("Commerce Secretary nominee").
    """

    name: str
    kind: str
    country: str
    text: str
    start: int
    end: int
    role: str = ""


# Countries: code, short name used in canonical names, the ways a text names them, demonyms.
_COUNTRY_TABLE: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("US", "U.S.", ("United States", "U.S.", "US", "USA", "U.S.A.", "America"), ("American",)),
    ("CN", "China", ("China", "PRC", "People's Republic of China"), ("Chinese",)),
    ("TW", "Taiwan", ("Taiwan",), ("Taiwanese",)),
    ("HK", "Hong Kong", ("Hong Kong",), ()),
    ("JP", "Japan", ("Japan",), ("Japanese",)),
    ("KR", "South Korea", ("South Korea", "Korea"), ("South Korean", "Korean")),
    ("KP", "North Korea", ("North Korea", "DPRK"), ("North Korean",)),
    ("IN", "India", ("India",), ("Indian",)),
    ("RU", "Russia", ("Russia", "Russian Federation"), ("Russian",)),
    ("UA", "Ukraine", ("Ukraine",), ("Ukrainian",)),
    ("GB", "United Kingdom", ("United Kingdom", "UK", "U.K.", "Britain"), ("British",)),
    ("FR", "France", ("France",), ("French",)),
    ("DE", "Germany", ("Germany",), ("German",)),
    ("IT", "Italy", ("Italy",), ("Italian",)),
    ("ES", "Spain", ("Spain",), ("Spanish",)),
    ("PT", "Portugal", ("Portugal",), ("Portuguese",)),
    ("NL", "Netherlands", ("Netherlands",), ("Dutch",)),
    ("BE", "Belgium", ("Belgium",), ("Belgian",)),
    ("IE", "Ireland", ("Ireland",), ("Irish",)),
    ("SE", "Sweden", ("Sweden",), ("Swedish",)),
    ("NO", "Norway", ("Norway",), ("Norwegian",)),
    ("DK", "Denmark", ("Denmark",), ("Danish",)),
    ("FI", "Finland", ("Finland",), ("Finnish",)),
    ("PL", "Poland", ("Poland",), ("Polish",)),
    ("HU", "Hungary", ("Hungary",), ("Hungarian",)),
    ("CZ", "Czech Republic", ("Czech Republic", "Czechia"), ("Czech",)),
    ("AT", "Austria", ("Austria",), ("Austrian",)),
    ("CH", "Switzerland", ("Switzerland",), ("Swiss",)),
    ("GR", "Greece", ("Greece",), ("Greek",)),
    ("TR", "Turkey", ("Turkey", "Türkiye"), ("Turkish",)),
    ("IL", "Israel", ("Israel",), ("Israeli",)),
    ("IR", "Iran", ("Iran",), ("Iranian",)),
    ("SA", "Saudi Arabia", ("Saudi Arabia",), ("Saudi",)),
    ("AE", "United Arab Emirates", ("United Arab Emirates", "UAE"), ("Emirati",)),
    ("EG", "Egypt", ("Egypt",), ("Egyptian",)),
    ("ZA", "South Africa", ("South Africa",), ("South African",)),
    ("NG", "Nigeria", ("Nigeria",), ("Nigerian",)),
    ("KE", "Kenya", ("Kenya",), ("Kenyan",)),
    ("CA", "Canada", ("Canada",), ("Canadian",)),
    ("MX", "Mexico", ("Mexico",), ("Mexican",)),
    ("BR", "Brazil", ("Brazil",), ("Brazilian",)),
    ("AR", "Argentina", ("Argentina",), ("Argentine", "Argentinian")),
    ("CL", "Chile", ("Chile",), ("Chilean",)),
    ("AU", "Australia", ("Australia",), ("Australian",)),
    ("NZ", "New Zealand", ("New Zealand",), ()),
    ("SG", "Singapore", ("Singapore",), ("Singaporean",)),
    ("MY", "Malaysia", ("Malaysia",), ("Malaysian",)),
    ("ID", "Indonesia", ("Indonesia",), ("Indonesian",)),
    ("PH", "Philippines", ("Philippines",), ("Philippine", "Filipino")),
    ("VN", "Vietnam", ("Vietnam", "Viet Nam"), ("Vietnamese",)),
    ("TH", "Thailand", ("Thailand",), ("Thai",)),
    ("PK", "Pakistan", ("Pakistan",), ("Pakistani",)),
    ("BD", "Bangladesh", ("Bangladesh",), ("Bangladeshi",)),
    # Further countries by region (Chad, Jordan and Georgia are left to their demonyms: they are
    # also first names or a U.S. state).
    ("MA", "Morocco", ("Morocco",), ("Moroccan",)),
    ("DZ", "Algeria", ("Algeria",), ("Algerian",)),
    ("TN", "Tunisia", ("Tunisia",), ("Tunisian",)),
    ("LY", "Libya", ("Libya",), ("Libyan",)),
    ("SD", "Sudan", ("Sudan",), ("Sudanese",)),
    ("ET", "Ethiopia", ("Ethiopia",), ("Ethiopian",)),
    ("SO", "Somalia", ("Somalia",), ("Somali",)),
    ("GH", "Ghana", ("Ghana",), ("Ghanaian",)),
    ("SN", "Senegal", ("Senegal",), ("Senegalese",)),
    ("CI", "Côte d’Ivoire", ("Ivory Coast", "Côte d'Ivoire", "Côte d’Ivoire"), ("Ivorian",)),
    ("CM", "Cameroon", ("Cameroon",), ("Cameroonian",)),
    ("ML", "Mali", ("Mali",), ("Malian",)),
    ("NE", "Niger", ("Niger",), ("Nigerien",)),
    ("BF", "Burkina Faso", ("Burkina Faso",), ("Burkinabe",)),
    ("CD", "DR Congo", ("Democratic Republic of Congo", "DR Congo", "DRC"), ("Congolese",)),
    ("UG", "Uganda", ("Uganda",), ("Ugandan",)),
    ("TZ", "Tanzania", ("Tanzania",), ("Tanzanian",)),
    ("RW", "Rwanda", ("Rwanda",), ("Rwandan",)),
    ("ZM", "Zambia", ("Zambia",), ("Zambian",)),
    ("ZW", "Zimbabwe", ("Zimbabwe",), ("Zimbabwean",)),
    ("MZ", "Mozambique", ("Mozambique",), ("Mozambican",)),
    ("AO", "Angola", ("Angola",), ("Angolan",)),
    ("NA", "Namibia", ("Namibia",), ("Namibian",)),
    ("IQ", "Iraq", ("Iraq",), ("Iraqi",)),
    ("SY", "Syria", ("Syria",), ("Syrian",)),
    ("LB", "Lebanon", ("Lebanon",), ("Lebanese",)),
    ("JO", "Jordan", (), ("Jordanian",)),
    ("KW", "Kuwait", ("Kuwait",), ("Kuwaiti",)),
    ("QA", "Qatar", ("Qatar",), ("Qatari",)),
    ("BH", "Bahrain", ("Bahrain",), ("Bahraini",)),
    ("OM", "Oman", ("Oman",), ("Omani",)),
    ("YE", "Yemen", ("Yemen",), ("Yemeni",)),
    ("AF", "Afghanistan", ("Afghanistan",), ("Afghan",)),
    ("KZ", "Kazakhstan", ("Kazakhstan",), ("Kazakh", "Kazakhstani")),
    ("UZ", "Uzbekistan", ("Uzbekistan",), ("Uzbek",)),
    ("AZ", "Azerbaijan", ("Azerbaijan",), ("Azerbaijani",)),
    ("AM", "Armenia", ("Armenia",), ("Armenian",)),
    ("BY", "Belarus", ("Belarus",), ("Belarusian",)),
    ("RO", "Romania", ("Romania",), ("Romanian",)),
    ("BG", "Bulgaria", ("Bulgaria",), ("Bulgarian",)),
    ("RS", "Serbia", ("Serbia",), ("Serbian",)),
    ("HR", "Croatia", ("Croatia",), ("Croatian",)),
    ("SI", "Slovenia", ("Slovenia",), ("Slovenian",)),
    ("SK", "Slovakia", ("Slovakia",), ("Slovak",)),
    ("EE", "Estonia", ("Estonia",), ("Estonian",)),
    ("LV", "Latvia", ("Latvia",), ("Latvian",)),
    ("LT", "Lithuania", ("Lithuania",), ("Lithuanian",)),
    ("IS", "Iceland", ("Iceland",), ("Icelandic",)),
    ("LU", "Luxembourg", ("Luxembourg",), ()),
    ("MT", "Malta", ("Malta",), ("Maltese",)),
    ("CY", "Cyprus", ("Cyprus",), ("Cypriot",)),
    ("AL", "Albania", ("Albania",), ("Albanian",)),
    ("MK", "North Macedonia", ("North Macedonia",), ()),
    ("BA", "Bosnia and Herzegovina", ("Bosnia and Herzegovina", "Bosnia"), ("Bosnian",)),
    ("MD", "Moldova", ("Moldova",), ("Moldovan",)),
    ("ME", "Montenegro", ("Montenegro",), ("Montenegrin",)),
    ("XK", "Kosovo", ("Kosovo",), ()),
    ("LK", "Sri Lanka", ("Sri Lanka",), ("Sri Lankan",)),
    ("NP", "Nepal", ("Nepal",), ("Nepali", "Nepalese")),
    ("MM", "Myanmar", ("Myanmar", "Burma"), ("Burmese",)),
    ("KH", "Cambodia", ("Cambodia",), ("Cambodian",)),
    ("LA", "Laos", ("Laos",), ("Laotian",)),
    ("MN", "Mongolia", ("Mongolia",), ("Mongolian",)),
    ("CO", "Colombia", ("Colombia",), ("Colombian",)),
    ("PE", "Peru", ("Peru",), ("Peruvian",)),
    ("VE", "Venezuela", ("Venezuela",), ("Venezuelan",)),
    ("EC", "Ecuador", ("Ecuador",), ("Ecuadorian",)),
    ("BO", "Bolivia", ("Bolivia",), ("Bolivian",)),
    ("PY", "Paraguay", ("Paraguay",), ("Paraguayan",)),
    ("UY", "Uruguay", ("Uruguay",), ("Uruguayan",)),
    ("CU", "Cuba", ("Cuba",), ("Cuban",)),
    ("CR", "Costa Rica", ("Costa Rica",), ("Costa Rican",)),
    ("PA", "Panama", ("Panama",), ("Panamanian",)),
    ("GT", "Guatemala", ("Guatemala",), ("Guatemalan",)),
    ("HN", "Honduras", ("Honduras",), ("Honduran",)),
    ("SV", "El Salvador", ("El Salvador",), ("Salvadoran",)),
    ("NI", "Nicaragua", ("Nicaragua",), ("Nicaraguan",)),
    ("DO", "Dominican Republic", ("Dominican Republic",), ("Dominican",)),
    ("JM", "Jamaica", ("Jamaica",), ("Jamaican",)),
    ("HT", "Haiti", ("Haiti",), ("Haitian",)),
    ("EU", "EU", ("European Union", "EU", "E.U."), ("European",)),
)
_COUNTRY_BY_CODE = {code: short for code, short, _, _ in _COUNTRY_TABLE}
_COUNTRY_NOUNS = {name: code for code, _, names, _ in _COUNTRY_TABLE for name in names}
_DEMONYMS = {name: code for code, _, _, demonyms in _COUNTRY_TABLE for name in demonyms}
# The demonym a government is named by ("Peruvian government"): each country's first.
_GOVERNMENT_DEMONYM = {code: demonyms[0] for code, _, _, demonyms in _COUNTRY_TABLE if demonyms}


# Well-known bodies: canonical name, kind, country, other spellings (general knowledge).
_KNOWN: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("White House", GOVERNMENT, "US", ("the White House",)),
    ("U.S. Congress", LEGISLATURE, "US", ("Congress", "US Congress", "U.S. Congress")),
    ("U.S. Senate", LEGISLATURE, "US", ("Senate", "US Senate", "U.S. Senate")),
    (
        "U.S. House of Representatives",
        LEGISLATURE,
        "US",
        ("House of Representatives", "U.S. House", "US House"),
    ),
    (
        "U.S. Supreme Court",
        COURT,
        "US",
        ("Supreme Court", "US Supreme Court", "U.S. Supreme Court"),
    ),
    ("U.S. Department of Defense", GOVERNMENT, "US", ("Pentagon", "DoD", "DOD")),
    ("U.S. Department of Justice", GOVERNMENT, "US", ("DOJ", "DoJ")),
    ("U.S. Department of Homeland Security", GOVERNMENT, "US", ("DHS",)),
    ("U.S. Department of Health and Human Services", GOVERNMENT, "US", ("HHS",)),
    (
        "Bureau of Industry and Security",
        GOVERNMENT,
        "US",
        ("BIS", "Commerce's Bureau of Industry and Security"),
    ),
    ("Federal Trade Commission", GOVERNMENT, "US", ("FTC",)),
    ("NASA", GOVERNMENT, "US", ("National Aeronautics and Space Administration",)),
    ("U.S. Navy", GOVERNMENT, "US", ("Navy", "US Navy")),
    ("U.S. Army", GOVERNMENT, "US", ("Army", "US Army")),
    ("U.S. Air Force", GOVERNMENT, "US", ("Air Force", "US Air Force")),
    ("Federal Communications Commission", GOVERNMENT, "US", ("FCC",)),
    ("Securities and Exchange Commission", GOVERNMENT, "US", ("SEC",)),
    ("Commodity Futures Trading Commission", GOVERNMENT, "US", ("CFTC",)),
    ("Food and Drug Administration", GOVERNMENT, "US", ("FDA",)),
    ("Environmental Protection Agency", GOVERNMENT, "US", ("EPA",)),
    ("Federal Bureau of Investigation", GOVERNMENT, "US", ("FBI",)),
    ("Federal Reserve", GOVERNMENT, "US", ("Fed", "Federal Reserve Board")),
    ("Office of Foreign Assets Control", GOVERNMENT, "US", ("OFAC",)),
    (
        "Office of the U.S. Trade Representative",
        GOVERNMENT,
        "US",
        ("USTR", "U.S. Trade Representative", "US Trade Representative"),
    ),
    (
        "Committee on Foreign Investment in the United States",
        GOVERNMENT,
        "US",
        ("CFIUS",),
    ),
    (
        "National Telecommunications and Information Administration",
        GOVERNMENT,
        "US",
        ("NTIA",),
    ),
    ("National Institute of Standards and Technology", GOVERNMENT, "US", ("NIST",)),
    ("Cybersecurity and Infrastructure Security Agency", GOVERNMENT, "US", ("CISA",)),
    ("Government Accountability Office", GOVERNMENT, "US", ("GAO",)),
    ("Ministry of Commerce of China", GOVERNMENT, "CN", ("MOFCOM",)),
    ("Cyberspace Administration of China", GOVERNMENT, "CN", ("CAC",)),
    ("State Council of China", GOVERNMENT, "CN", ("State Council",)),
    ("National People's Congress", LEGISLATURE, "CN", ("NPC",)),
    (
        "Ministry of Industry and Information Technology of China",
        GOVERNMENT,
        "CN",
        ("MIIT",),
    ),
    ("National Development and Reform Commission", GOVERNMENT, "CN", ("NDRC",)),
    ("State Administration for Market Regulation", GOVERNMENT, "CN", ("SAMR",)),
    ("People's Bank of China", GOVERNMENT, "CN", ("PBOC",)),
    ("Communist Party of China", GOVERNMENT, "CN", ("CPC", "CCP", "Chinese Communist Party")),
    ("European Commission", GOVERNMENT, "EU", ("EU Commission",)),
    ("European Parliament", LEGISLATURE, "EU", ("EU Parliament",)),
    ("Council of the European Union", GOVERNMENT, "EU", ("Council of the EU",)),
    ("European Council", GOVERNMENT, "EU", ()),
    ("Court of Justice of the European Union", COURT, "EU", ("CJEU", "European Court of Justice")),
    ("European Union", INTERNATIONAL, "EU", ("EU", "E.U.")),
    ("UK Parliament", LEGISLATURE, "GB", ("House of Commons", "House of Lords", "Westminster")),
    ("Competition and Markets Authority", GOVERNMENT, "GB", ("CMA",)),
    ("Ofcom", GOVERNMENT, "GB", ()),
    ("Korea Fair Trade Commission", GOVERNMENT, "KR", ("KFTC", "Fair Trade Commission of Korea")),
    ("Competition Commission of India", GOVERNMENT, "IN", ("CCI",)),
    ("United Nations", INTERNATIONAL, "", ("UN", "U.N.")),
    ("World Trade Organization", INTERNATIONAL, "", ("WTO",)),
    ("NATO", INTERNATIONAL, "", ("North Atlantic Treaty Organization",)),
    ("Group of Seven", INTERNATIONAL, "", ("G7", "G-7")),
    ("Group of Twenty", INTERNATIONAL, "", ("G20", "G-20")),
    ("OECD", INTERNATIONAL, "", ("Organisation for Economic Co-operation and Development",)),
    ("International Monetary Fund", INTERNATIONAL, "", ("IMF",)),
    ("World Bank", INTERNATIONAL, "", ()),
    ("World Health Organization", INTERNATIONAL, "", ("WHO",)),
    ("International Court of Justice", COURT, "", ("ICJ",)),
    # Companies that policy news names daily.
    ("OpenAI", COMPANY, "US", ()),
    ("Anthropic", COMPANY, "US", ()),
    ("Google", COMPANY, "US", ()),
    ("Alphabet", COMPANY, "US", ()),
    ("Microsoft", COMPANY, "US", ()),
    ("Meta", COMPANY, "US", ("Meta Platforms", "Facebook")),
    ("Instagram", COMPANY, "US", ()),
    ("WhatsApp", COMPANY, "US", ()),
    ("YouTube", COMPANY, "US", ()),
    ("Telegram", COMPANY, "", ()),
    ("Snapchat", COMPANY, "US", ()),
    ("Apple", COMPANY, "US", ("Apple Inc.",)),
    ("Amazon", COMPANY, "US", ()),
    ("Nvidia", COMPANY, "US", ("NVIDIA",)),
    ("Intel", COMPANY, "US", ()),
    ("AMD", COMPANY, "US", ("Advanced Micro Devices",)),
    ("Qualcomm", COMPANY, "US", ()),
    ("Micron", COMPANY, "US", ("Micron Technology",)),
    ("IBM", COMPANY, "US", ()),
    ("Oracle", COMPANY, "US", ()),
    ("Tesla", COMPANY, "US", ()),
    ("TSMC", COMPANY, "TW", ("Taiwan Semiconductor Manufacturing Co",)),
    ("Samsung", COMPANY, "KR", ("Samsung Electronics",)),
    ("ASML", COMPANY, "NL", ()),
    ("Huawei", COMPANY, "CN", ("Huawei Technologies",)),
    ("ZTE", COMPANY, "CN", ()),
    ("SMIC", COMPANY, "CN", ("Semiconductor Manufacturing International Corp",)),
    ("ByteDance", COMPANY, "CN", ()),
    ("TikTok", COMPANY, "CN", ()),
    ("Tencent", COMPANY, "CN", ()),
    ("Alibaba", COMPANY, "CN", ("Alibaba Group",)),
    ("Baidu", COMPANY, "CN", ()),
    # News organisations.
    ("Reuters", MEDIA, "GB", ("Thomson Reuters",)),
    ("Associated Press", MEDIA, "US", ("AP", "The Associated Press")),
    ("Agence France-Presse", MEDIA, "FR", ("AFP",)),
    ("Bloomberg", MEDIA, "US", ("Bloomberg News",)),
    ("Fox News", MEDIA, "US", ()),
    ("CNN", MEDIA, "US", ()),
    ("BBC", MEDIA, "GB", ()),
    ("CNBC", MEDIA, "US", ()),
    ("The New York Times", MEDIA, "US", ("New York Times", "NYT")),
    ("The Wall Street Journal", MEDIA, "US", ("Wall Street Journal", "WSJ")),
    ("The Washington Post", MEDIA, "US", ("Washington Post",)),
    ("Financial Times", MEDIA, "GB", ("FT",)),
    ("The Guardian", MEDIA, "GB", ()),
    ("Politico", MEDIA, "US", ()),
    ("Axios", MEDIA, "US", ()),
    ("Xinhua", MEDIA, "CN", ("Xinhua News Agency",)),
    ("Global Times", MEDIA, "CN", ("the Global Times",)),
    ("People's Daily", MEDIA, "CN", ()),
    ("South China Morning Post", MEDIA, "HK", ("SCMP",)),
    ("Nikkei", MEDIA, "JP", ()),
)

# Well-known bodies named by what they do: "China's market regulator", "Britain's competition
# watchdog", "the U.S. securities regulator" are the body of that country with that function.
# Country, words of the description (any one), head nouns, canonical name (general knowledge).
_REGULATOR_HEADS = ("regulator", "watchdog", "authority", "agency", "administration", "commission")
_KNOWN_FUNCTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("CN", ("market", "antitrust", "anti-monopoly", "competition"), _REGULATOR_HEADS,
     "State Administration for Market Regulation"),
    ("CN", ("cyberspace", "internet", "cyber", "online"), _REGULATOR_HEADS,
     "Cyberspace Administration of China"),
    ("CN", ("commerce", "trade"), ("ministry",), "Ministry of Commerce of China"),
    ("CN", ("industry", "technology"), ("ministry",),
     "Ministry of Industry and Information Technology of China"),
    ("US", ("communications", "telecommunications", "telecom", "broadcast"), _REGULATOR_HEADS,
     "Federal Communications Commission"),
    ("US", ("securities", "stock market"), _REGULATOR_HEADS, "Securities and Exchange Commission"),
    ("US", ("consumer protection",), _REGULATOR_HEADS, "Federal Trade Commission"),
    ("US", ("drug", "food and drug"), _REGULATOR_HEADS, "Food and Drug Administration"),
    ("US", ("commerce",), ("department",), "U.S. Department of Commerce"),
    ("GB", ("competition", "antitrust", "markets"), _REGULATOR_HEADS,
     "Competition and Markets Authority"),
    ("GB", ("media", "communications", "broadcasting", "online safety", "telecoms"),
     _REGULATOR_HEADS, "Ofcom"),
    ("KR", ("competition", "antitrust", "fair trade"), _REGULATOR_HEADS,
     "Korea Fair Trade Commission"),
    ("IN", ("competition", "antitrust"), _REGULATOR_HEADS, "Competition Commission of India"),
)  # fmt: skip

# US executive departments: "Commerce Department", "Dept. of Commerce" name the U.S. one unless
# the text says another country.
_US_DEPARTMENTS = {
    "commerce": "Commerce",
    "state": "State",
    "treasury": "the Treasury",
    "defense": "Defense",
    "justice": "Justice",
    "homeland security": "Homeland Security",
    "energy": "Energy",
    "agriculture": "Agriculture",
    "labor": "Labor",
    "education": "Education",
    "health and human services": "Health and Human Services",
    "transportation": "Transportation",
    "interior": "the Interior",
    "the interior": "the Interior",
    "the treasury": "the Treasury",
    "veterans affairs": "Veterans Affairs",
    "housing and urban development": "Housing and Urban Development",
    "war": "War",
}
_MINISTRY_NAMES = {"foreign": "Foreign Affairs", "defence": "Defence", "defense": "Defence"}
_US_PRESIDENTS = {"Trump", "Biden", "Obama", "Bush", "Clinton", "Reagan", "Carter", "Nixon"}

_BODY_WORDS = (
    "Commission|Agency|Administration|Authority|Bureau|Office|Council|Board|Service|Regulator|"
    "Directorate|Inspectorate|Committee|Institute|Reserve|Ministry|Department"
)
# Words that may not be part of a person's name.
_NOT_NAME = {
    "The", "A", "An", "This", "That", "These", "Those", "He", "She", "They", "It", "We", "I",
    "But", "And", "Or", "If", "When", "While", "After", "Before", "As", "In", "On", "At", "For",
    "With", "From", "By", "Of", "To", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Department", "Ministry",
    "House", "Senate", "Congress", "Court", "Commission", "Agency", "Administration", "Office",
    "Council", "Committee", "Bureau", "Government", "President", "Secretary", "Minister",
    "Senator", "Spokesperson", "Spokesman", "Spokeswoman", "Chief", "Executive", "Director",
    "General", "Inc", "Corp", "Ltd", "Group", "News", "Times", "Post", "Journal", "AI",
    "Republican", "Republicans", "Democrat", "Democrats", "Washington", "Beijing", "Reuters",
    "Party", "State", "Federal", "National", "Foreign", "Commerce", "Trade", "Treasury",
    "Justice", "Defense", "Defence", "Security", "Affairs", "University", "Institute",
    "Daily", "Weekly", "Review", "Street", "Silicon", "Valley", "Wall", "White", "Global",
    "Technology", "Technologies", "Photo", "Image", "Video", "Reporting", "Editing",
    "CS", "PM", "FM", "DPM",
}  # fmt: skip
_NOT_NAME |= set(_COUNTRY_NOUNS) | set(_DEMONYMS)
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_DATE_OPENERS = {"On", "In", "Last", "Since", "By", "Until", "Early", "Late", "Earlier", "Later"}
# Words that cannot open a company name ("General Motors" can; "The" and "Monday" cannot).
_NOT_COMPANY_START = {
    "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "I",
    "But", "And", "Or", "If", "When", "While", "After", "Before", "As", "In", "On", "At",
    "For", "With", "From", "By", "Of", "To", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Department", "Ministry", "President", "Secretary",
    "CS", "PM", "FM", "DPM",
}  # fmt: skip

# Role words before a name ("Senator Maria Cantwell", "spokesperson Mao Ning").
_ROLE_WORDS = (
    r"President|Vice President|Prime Minister|Premier|Chancellor|Senator|Sen\.|Senators|"
    r"Representative|Rep\.|Congressman|Congresswoman|Governor|Gov\.|Mayor|Secretary|Minister|"
    r"Judge|Justice|Chief Justice|Ambassador|Commissioner|Chairman|Chairwoman|Chair|Director|"
    r"Administrator|Attorney General|Speaker|Leader|General|Gen\.|Admiral|King|Queen|Prince|"
    r"Pope|Dr\.|Professor|Prof\.|CEO|Chief Executive|[Ss]pokesperson|[Ss]pokesman|"
    r"[Ss]pokeswoman|[Nn]ominee|[Cc]zar|[Aa]dviser|[Aa]dvisor|[Oo]fficial|[Ll]awmaker|"
    r"[Aa]nalyst|[Ee]xpert|[Ee]conomist|[Pp]rofessor|[Rr]esearcher|[Ff]ounder|[Cc]o-founder|"
    r"[Ee]nvoy|[Nn]egotiator|[Rr]egulator|[Cc]hief [Ee]xecutive|[Ee]xecutive|[Ll]eader|"
    r"[Mm]inister|[Ss]ecretary|[Dd]irector|[Cc]hair(?:man|woman)?|[Pp]resident|[Ss]enator|"
    r"[Aa]ttorney|[Ll]awyer|[Jj]udge|[Oo]fficer|CS|PM|FM|DPM"
)
# Abbreviated titles of news English ("Interior CS", "PM", "FM"), read as the titles.
_TITLE_ABBREVIATIONS = {
    "CS": "Cabinet Secretary",
    "PM": "Prime Minister",
    "FM": "Foreign Minister",
    "DPM": "Deputy Prime Minister",
}
_TITLE_ABBREVIATION = re.compile(r"\b(?:" + "|".join(_TITLE_ABBREVIATIONS) + r")\b")
# Words that open a fronted adverbial before a title ("On Monday Prime Minister Jane Roe",
# "Later that week Minister ..."): they are no part of the role.
_ROLE_LEAD = {
    "The", "A", "An", "On", "In", "At", "By", "For", "With", "From", "To", "Of", "And", "But",
    "Or", "As", "After", "Before", "When", "While", "Last", "This", "Next", "Earlier", "Later",
    "Then", "Meanwhile", "Also", "If", "Since", "Until", "During", "Separately", "Yesterday",
    "Today", "Tonight", "Overnight",
}  # fmt: skip
# Roles in apposition after a name ("David Sacks, the White House's AI and crypto czar").
_APPOSITIVE_ROLE = re.compile(
    r"\b(?:president|vice president|prime minister|premier|chancellor|senator|representative|"
    r"congress(?:man|woman)|governor|mayor|secretary|minister|judge|justice|ambassador|"
    r"commissioner|chair(?:man|woman)?|director|administrator|attorney general|speaker|leader|"
    r"spokes(?:person|man|woman)|nominee|czar|adviser|advisor|official|lawmaker|analyst|expert|"
    r"economist|professor|researcher|scholar|fellow|founder|co-founder|chief executive|ceo|"
    r"cfo|cto|executive|head|envoy|negotiator|partner|investor|lawyer|attorney|officer|"
    r"manager|member)\b",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = (
    r"Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Ltd\.?|Limited|LLC|L\.L\.C\.|PLC|plc|"
    r"GmbH|AG|S\.A\.|SA|N\.V\.|NV|SE|Holdings|Group|Technologies|Technology|Ventures|Capital|"
    r"Partners|Labs|Motors|Platforms|Systems|Semiconductors?|Electronics|Pharmaceuticals|"
    r"Airlines|Bancorp|Industries|Enterprises|Networks|Robotics|Therapeutics|Software"
)
_COMPANY_CUE_BEFORE = (
    r"company|firm|startup|start-up|maker|chipmaker|automaker|carmaker|giant|conglomerate|"
    r"developer|lab|laboratory|platform|app|model|chatbot|operator|provider|retailer|group|"
    r"brand|supplier|manufacturer|rival|competitor|unicorn|subsidiary|affiliate|parent|owner|"
    r"lender|bank|insurer|airline|miner"
)
_COMPANY_CUE_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+[^,;]{0,60}?\b(?:company|firm|startup|start-up|maker|chipmaker|"
    r"automaker|giant|developer|lab|platform|operator|provider|group|manufacturer|supplier|"
    r"unicorn|business|corporation|conglomerate)\b",
    re.IGNORECASE,
)
_MEDIA_CUE_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+[^,;]{0,60}?\b(?:news(?:paper| website| site| agency| outlet| "
    r"service| portal| network| channel)?|newspaper|magazine|broadcaster|tabloid|outlet|"
    r"publication|wire service|journal|blog)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = r"(?:(?:Ma?c)?[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)*|[A-Z]\.(?:\s?[A-Z]\.)?)"
# A family name may follow a small particle: "Luiz Inacio Lula da Silva", "Ursula von der Leyen".
_NAME_PARTICLE = r"(?:(?:de|da|dos|das|del|della|di|du|van|von|der|den|bin|ibn)\s+){0,2}"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_PARTICLE}{_NAME_TOKEN}){{0,2}}"
# A capitalised word; a possessive "'s" is not part of it.
_PROPER = r"[A-Z](?:[\w&.-]|['’](?!s\b))*\w"
_CALENDAR_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b"
)
_PROPER_PHRASE = rf"{_PROPER}(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?{_PROPER}){{0,4}}"

_DESCRIBED_BY_PRODUCT = re.compile(
    r"\b(?P<product>[A-Z][\w-]*[A-Za-z])\s+(?P<noun>maker|developer|creator|owner|operator)\b"
)
# A capitalised name acting: "Quillon sued ...", "Nordfund has blocked ...".
_ACTING_NAME = re.compile(
    rf"(?<![\w.'’-])(?P<name>{_PROPER}(?:\s+{_PROPER}){{0,2}})(?:'s|’s)?\s+"
    r"(?:(?:has|have|had|also|on \w+|will)\s+)?(?:sued|sues|banned|bans|blocked|blocks|filed|"
    r"files|announced|announces|launched|launches|released|releases|unveiled|agreed|signed|"
    r"acquired|restricted|suspended|fined|opened|appealed|rejected|denied|confirmed|"
    r"introduced|imposed|approved|said|says|told|warned|plans|taken|taking)\b"
)
_COMMON_SUBJECTS = frozenset(
    re.findall(
        r"\w+",
        "officials analysts experts critics lawmakers regulators investors sources researchers "
        "technologists prosecutors police authorities residents workers protesters shareholders "
        "economists scientists diplomats negotiators companies firms banks countries governments "
        "people users consumers engineers executives employees leaders members voters ministers "
        "senators judges lawyers doctors students teachers parents farmers observers activists "
        "unions traders manufacturers opponents supporters democrats republicans it he she they "
        "we i this that these those there the a an one some many most both each its his her "
        "their our when after before while if as but and so yet however meanwhile separately "
        "earlier later then now today yesterday last",
    )
)
_CAMEL = re.compile(r"(?<![\w.-])([A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]+[A-Za-z]*)(?![\w-])")
_SPEECH_AFTER = re.compile(
    r"^\s+(?:said|says|told|tells|added|adds|asked|announced|wrote|argued|warned|claimed|"
    r"noted|stated|declared)\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|added|asked|according to)\s+$")


def _country_alternatives() -> str:
    names = sorted(set(_COUNTRY_NOUNS) | set(_DEMONYMS), key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


_COUNTRY_WORD = _country_alternatives()
_PREFIX = re.compile(rf"(?:\b(?:the\s+)?(?P<country>{_COUNTRY_WORD})(?:'s|’s)?\s+)$")
_COUNTRY_MENTION = re.compile(rf"(?<![\w.])(?P<name>{_COUNTRY_WORD})(?![\w]|\.\w)")

_DEPARTMENT_AFTER = re.compile(
    rf"\b(?P<x>{_PROPER}(?:\s+(?:and\s+)?{_PROPER}){{0,3}})\s+(?:[Dd]epartment|[Dd]ept\b\.?)"
)
_DEPARTMENT_OF = re.compile(
    rf"\b(?:Department|Dept\.?)\s+(?:of|for)\s+(?P<x>(?:the\s+)?{_PROPER_PHRASE})"
)
_MINISTRY_OF = re.compile(rf"\bMinistry\s+(?:of|for)\s+(?P<x>(?:the\s+)?{_PROPER_PHRASE})")
_MINISTRY_LOWER = re.compile(
    r"\b(?P<x>foreign|commerce|trade|defen[cs]e|finance|industry|interior|justice|economy|"
    r"health|education|agriculture|environment|transport|information|digital)\s+ministry\b"
)
_LOWER_MINISTRY_NAMES = {"foreign": "Foreign Affairs", "defense": "Defence"}
_MINISTRY_AFTER = re.compile(rf"\b(?P<x>{_PROPER}(?:\s+(?:and\s+)?{_PROPER}){{0,2}})\s+Ministry\b")
_BODY = re.compile(
    rf"\b(?P<x>{_PROPER}(?:\s+(?:and\s+|of\s+|for\s+|&\s+)?{_PROPER}){{0,4}})\s+"
    rf"(?P<body>{_BODY_WORDS})(?P<tail>\s+(?:of|for|on)\s+(?!{_CALENDAR_WORD})(?:the\s+)?"
    rf"{_PROPER_PHRASE})?"
)
_ADMINISTRATION = re.compile(
    r"\b(?:the\s+)?(?P<who>[A-Z][a-z]+)(?:'s|’s)?\s+(?P<what>administration|government)\b"
)
_LEGISLATURE = re.compile(
    r"\b(?P<name>Parliament|National Assembly|Bundestag|Bundesrat|Diet|Duma|Knesset|"
    r"Legislative Council|Legislative Yuan|Lok Sabha|Rajya Sabha|House of Commons|"
    r"(?:Senate|House)(?:\s+(?P<committee>[A-Z][\w&]*(?:\s+(?:and\s+)?[A-Z][\w&]*){0,4})"
    r"\s+(?:Committee|Subcommittee))?)\b"
)
_COURT = re.compile(
    rf"\b(?P<name>(?:{_PROPER}\s+){{0,4}}(?:Court|Tribunal)(?:\s+(?:of|for)\s+"
    rf"(?:the\s+)?{_PROPER_PHRASE})?)"
)
_ROLE_NAME = re.compile(
    rf"(?P<role>(?:(?:{_PROPER}|press|deputy|acting|former|chief|senior|top|vice|assistant|"
    rf"associate|managing|executive|foreign|trade|commerce)\s+){{0,5}}(?:{_ROLE_WORDS})"
    rf"(?:\s+[Nn]ominee|-designate|-elect)?)\s+(?P<name>{_NAME})(?![\w])"
)
_NAME_APPOSITIVE = re.compile(rf"(?<![\w.])(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}}),\s+")
_NAME_SPEECH = re.compile(rf"(?<![\w.])(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,2}})(?![\w])")
_COMPANY_WITH_SUFFIX = re.compile(
    rf"\b(?P<name>{_PROPER}(?:\s+{_PROPER}){{0,3}})\s+(?P<suffix>{_COMPANY_SUFFIX})(?![\w])"
)
_COMPANY_AFTER_CUE = re.compile(
    rf"\b(?:{_COMPANY_CUE_BEFORE})\s+(?P<name>{_PROPER}(?:\s+{_PROPER}){{0,2}})(?![\w])"
)
# "chief executive of Groq", "founder of Quillon": the organisation a business leader heads.
_HEAD_OF = re.compile(
    r"\b(?:[Cc]hief [Ee]xecutive(?: [Oo]fficer)?|CEO|[Cc]o-?founder|[Ff]ounder|"
    r"[Cc]hair(?:man|woman)|[Cc]hief \w+ [Oo]fficer|[Pp]resident)\s+(?:of|at)\s+"
    rf"(?P<name>{_PROPER}(?:\s+{_PROPER}){{0,2}})(?![\w])"
)
_BODY_END = re.compile(rf"\b(?:{_BODY_WORDS}|University|College|School|Party)$")
_BASED = re.compile(rf"\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?-based\s+(?P<name>{_PROPER})(?![\w])")
_PROPER_COMMA = re.compile(rf"(?<![\w.])(?P<name>{_PROPER}),\s+")
_POSSESSIVE = re.compile(
    rf"\b(?P<country>{_COUNTRY_WORD})(?:'s|’s)\s+(?P<name>{_PROPER})(?!\s+[A-Z])(?![\w])"
)


def _known_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    lookup: dict[str, tuple[str, str, str]] = {}
    for canonical, kind, country, aliases in _KNOWN:
        for alias in (canonical, *aliases):
            lookup.setdefault(alias.casefold(), (canonical, kind, country))
    names = sorted(
        {alias for canonical, _, _, aliases in _KNOWN for alias in (canonical, *aliases)},
        key=len,
        reverse=True,
    )
    pattern = re.compile(
        r"(?<![\w.&-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w&]|\.\w)"
    )
    return pattern, lookup


_KNOWN_PATTERN, _KNOWN_LOOKUP = _known_pattern()


@dataclass(frozen=True, slots=True)
class _Candidate:
    mention: ActorMention
    priority: int


def find_actors(text: str) -> list[ActorMention]:
    """Every actor mention in ``text``, in order, without overlaps.

    Names the text introduces once (a person's full name, "Groq, an AI company") are
    recognised in their later short forms ("Lutnick", "Groq").
    """
    candidates = _rule_candidates(text)
    chosen = _unify(_resolve(candidates))
    mentions = _with_acting_names(text, _with_document_forms(text, _with_full_names(chosen)))
    mentions = _with_us_states(text, _with_descriptions(text, _with_capitals(text, mentions)))
    mentions = _with_own_measures(text, mentions)
    mentions = _with_acronyms(text, mentions)
    mentions = _with_groups(text, mentions)
    mentions = _with_foreign_houses(text, mentions)
    mentions = _with_foreign_bodies(text, mentions)
    mentions = _with_official_countries(_with_references(text, mentions))
    mentions = _with_bare_functions(text, _with_initialled_bodies(text, mentions))
    mentions = _with_named_descriptions(text, _with_countrys_own_bodies(mentions))
    return _with_company_references(text, _with_served_countries(mentions))


def government_name(code: str) -> str:
    """The usual English name of a country's government: "Dutch government", "U.S. government"."""
    if code == "US":
        return "U.S. government"
    if code == "EU":
        return "European Union"
    demonym = _GOVERNMENT_DEMONYM.get(code)
    short = _COUNTRY_BY_CODE.get(code) or COUNTRIES[code]
    return f"{demonym} government" if demonym else f"Government of {short}"


# CLDR names that news more often uses for a U.S. state ("Georgia Gov.", "New Jersey").
_CLDR_AMBIGUOUS = frozenset({"Georgia", "Jersey"})
# Countries the table above leaves out, by CLDR's name (``timeline.countries``), longest first;
# a demonym is the name, or the name less its last vowel, with one of these endings
# ("Venezuelan", "Peruvian", "Sudanese", "Omani").
_CLDR_NAMES = sorted(
    (
        (name, code)
        for code, name in COUNTRIES.items()
        if code != "EU" and " " not in name and name not in _CLDR_AMBIGUOUS
    ),
    key=lambda row: -len(row[0]),
)
_CLDR_CODES = {
    name: code for code, name in COUNTRIES.items() if code != "EU" and name not in _CLDR_AMBIGUOUS
}
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "vian", "ean", "ese", "i", "ien"})


def country_code(word: str) -> str:
    """The ISO code of the country ``word`` names or whose demonym it is, or "": the table
    above first, then CLDR's names ("Venezuela") and the demonyms formed from them
    ("Venezuelan")."""
    code = _COUNTRY_NOUNS.get(word) or _DEMONYMS.get(word) or _CLDR_CODES.get(word)
    if code:
        return code
    for name, code in _CLDR_NAMES:
        for stem in {name, name[:-1] if name[-1] in "aeiouy" else name}:
            if len(stem) >= 4 and word.startswith(stem) and word[len(stem) :] in _DEMONYM_ENDINGS:
                return code
    return ""


# Bodies that are part of a department (general knowledge); the department, like any body of
# a country's executive, is part of that country's government.
_PART_OF = {
    "Bureau of Industry and Security": "U.S. Department of Commerce",
    "National Telecommunications and Information Administration": "U.S. Department of Commerce",
    "National Institute of Standards and Technology": "U.S. Department of Commerce",
    "Office of Foreign Assets Control": "U.S. Department of the Treasury",
    "Federal Bureau of Investigation": "U.S. Department of Justice",
    "Cybersecurity and Infrastructure Security Agency": "U.S. Department of Homeland Security",
    "Food and Drug Administration": "U.S. Department of Health and Human Services",
    "U.S. Navy": "U.S. Department of Defense",
    "U.S. Army": "U.S. Department of Defense",
    "U.S. Air Force": "U.S. Department of Defense",
}
_EXECUTIVE_BODY = re.compile(
    r"\b(?:Department|Ministry|Bureau|Agency|Administration|Commission|Office|Authority|"
    r"White House|State Council|Trade Representative)\b|\b(?:ministry|regulator|watchdog|"
    r"authority|authorities|agency|department)$"
)


# Titles of a head of state or government: the person speaks and acts for the government.
_HEAD_TITLE = re.compile(r"(?<!\bVice )\b(?:President|Prime Minister|Premier|Chancellor)$")


def government_headed(role: str, country: str) -> str:
    """The government a person heads by their ``role``, or "".

    "President" or "Prime Minister" of a known country ("U.S. President Donald Trump", "Japanese
    Prime Minister Shigeru Ishiba") heads that country's government: for grouping, what they
    order is what the government does. A vice president, a minister or a company's president
    heads none.
    """
    if not country or country not in COUNTRIES or country == "EU":
        return ""
    return government_name(country) if _HEAD_TITLE.search(role.strip()) else ""


# Offices of a government's executive below its head: the holder acts for the government
# ("Interior Minister", "Cabinet Secretary", "a government spokesperson", "Trade Commissioner").
_EXECUTIVE_OFFICE = re.compile(
    r"\b(?:minister|secretary|spokes(?:person|man|woman)|official|commissioner|administrator|"
    r"attorney general|ambassador|envoy|negotiator|czar|regulator|vice president)\b",
    re.IGNORECASE,
)


def government_served(role: str, country: str) -> str:
    """The government a person acts for by their ``role``, below its head, or "".

    A minister, a cabinet secretary or a government spokesperson of a known country heads no
    government (``government_headed``) but acts for it: for grouping, what the interior
    minister orders is done by that country's government, as what a ministry does is. A
    company's officer ("chief executive", "vice president of sales") serves none.
    """
    if not country or country not in COUNTRIES or government_headed(role, country):
        return ""
    if role_category(role) != "official" or not _EXECUTIVE_OFFICE.search(role):
        return ""
    return government_name(country)


# A title that names the department or ministry its holder serves in: "Commerce Secretary",
# "Interior Cabinet Secretary", "Trade Minister", "Minister of Foreign Trade".
_OFFICE_FUNCTION = (
    r"foreign trade|foreign|commerce|trade|defen[cs]e|finance|industry|interior|justice|economy|"
    r"health|education|agriculture|environment|transport|information|digital|communications|"
    r"energy|labou?r|treasury|homeland security|state"
)
_FUNCTION_TITLE = re.compile(
    rf"(?P<function>{_OFFICE_FUNCTION})\s+(?:cabinet\s+)?(?:secretary|minister)", re.IGNORECASE
)
_TITLE_OF_FUNCTION = re.compile(
    r"(?i:cabinet\s+)?(?i:secretary|minister)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<function>[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})"
)
_HEAD_OF_ROLE = re.compile(r"(?i:head)\s+of\s+(?:the\s+)?(?P<body>[A-Z].*)")
# Words before a title that keep its holder in the body: "Deputy Trade Minister".
_TITLE_QUALIFIERS = {"deputy", "acting", "the"}


@lru_cache(maxsize=1024)
def body_served(role: str, country: str) -> str:
    """The department or ministry a person acts for by their ``role``, or "".

    A title naming a department or ministry ("Commerce Secretary", "Interior Cabinet
    Secretary", "Minister of Foreign Trade") makes its holder part of that body, as the body is
    part of its government: what the U.S. Commerce Secretary announces, the Department of
    Commerce does. The head of a government body ("head of the Press Office of the Presidency")
    acts for it. The body is named as the extractor names it ("Ministry of Interior of Kenya",
    "U.S. Department of Commerce").
    """
    if not country or country not in COUNTRIES or country == "EU":
        return ""
    if government_headed(role, country):
        return ""
    words = role.split()
    while words and (
        words[0].casefold() in _TITLE_QUALIFIERS
        or country_code(words[0].removesuffix("'s").removesuffix("’s"))
    ):
        words.pop(0)
    title = " ".join(words)
    if head := _HEAD_OF_ROLE.fullmatch(title):
        body = head["body"]
        return body if actor_lineage(body) else ""
    match = _FUNCTION_TITLE.fullmatch(title) or _TITLE_OF_FUNCTION.fullmatch(title)
    if not match:
        return ""
    function = match["function"]
    key = function.casefold()
    if country == "US":
        department = _US_DEPARTMENTS.get(key)
        return f"U.S. Department of {department}" if department and "ecretary" in title else ""
    if key in {"state", "treasury", "homeland security"}:
        return ""  # a State Minister is no ministry of state
    place = _COUNTRY_BY_CODE.get(country) or COUNTRIES[country]
    name = function.title() if function.islower() else function
    bodies = [m for m in find_actors(f"{place}'s Ministry of {name}") if m.kind == GOVERNMENT]
    return bodies[0].name if len(bodies) == 1 and bodies[0].country == country else ""


def _with_served_countries(mentions: list[ActorMention]) -> list[ActorMention]:
    """An official named without a country whose title names a body the text names with its
    country ("Commerce Secretary Jane Roe" in a text naming the U.S. Department of Commerce)
    is of that country, when one country's body only fits."""
    bodies = {(m.name, m.country) for m in mentions if m.kind == GOVERNMENT and m.country}
    countries = {country for _, country in bodies}
    found = {}
    for mention in mentions:
        if mention.kind == PERSON and not mention.country and mention.role:
            fits = {c for c in countries if (body_served(mention.role, c), c) in bodies}
            if len(fits) == 1:
                found[mention.name] = fits.pop()
    return [
        replace(m, country=found[m.name]) if m.kind == PERSON and m.name in found else m
        for m in mentions
    ]


def _country_names() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {name: code for code, name in COUNTRIES.items() if code != "EU"}
    names.update(_COUNTRY_NOUNS)
    names.update(_DEMONYMS)
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:the\s+)?(?P<name>{alternatives})(?![\w]|\.\w)"), names


_COUNTRY_NAME, _COUNTRY_NAME_CODES = _country_names()


def country_names_as_codes(text: str) -> str:
    """``text`` with each country named in full written one way, as a word of its ISO code:
    "Türkiye" and "Turkey" meet, as "the United States" and "America" do.

    Names come from CLDR (``timeline.countries``) and the table above. Abbreviations ("U.S.",
    "UK") and demonyms ("Turkish") are left as written: the first are shorter than a word
    of wording comparison, the second are adjectives of many things ("Turkish goods").
    """
    return _COUNTRY_NAME.sub(_country_code_word, text)


def is_country_word(word: str) -> bool:
    """Whether ``word`` names a country or is its demonym ("Kenya", "Türkiye", "Turkish")."""
    return word in _COUNTRY_NAME_CODES


def _country_code_word(match: re.Match[str]) -> str:
    name = match["name"]
    if name in _DEMONYMS or "." in name or name.isupper():
        return match.group()
    return f" country{_COUNTRY_NAME_CODES[name].lower()} "


_CHAMBER = re.compile(r"(?:Senate|House of Representatives) of (?P<country>.+)")
_OWNING_BODY = re.compile(r"\bof (?:the )?(?=(?P<owner>[A-Z][\w .'-]+))")


def actor_lineage(name: str) -> tuple[str, ...]:
    """The bodies a government body is part of, nearest first, ending with its government; a
    chamber's parliament.

    "Bureau of Industry and Security" is part of the "U.S. Department of Commerce", which is
    part of the "U.S. government". Other actors (companies, legislatures, courts, people) and
    bodies of no known country have no lineage.
    """
    if chamber := _CHAMBER.fullmatch(name):
        # "Senate of Australia" is a chamber of the "Parliament of Australia".
        return (f"Parliament of {chamber['country']}",)
    if name in {"U.S. Senate", "U.S. House of Representatives"}:
        return ("U.S. Congress",)
    lineage = []
    if name not in _PART_OF and name.casefold() not in _KNOWN_LOOKUP:
        # "(Office of the) Tariff Commission of the State Council": a unit of a known body.
        for owner in _OWNING_BODY.finditer(name):
            known_owner = _KNOWN_LOOKUP.get(owner["owner"].casefold())
            if known_owner and known_owner[1] == GOVERNMENT:
                name = known_owner[0]
                lineage.append(name)
                break
    while name in _PART_OF:
        name = _PART_OF[name]
        lineage.append(name)
    known = _KNOWN_LOOKUP.get(name.casefold())
    if known:
        kind, code = known[1], known[2]
    else:
        kind = GOVERNMENT if _EXECUTIVE_BODY.search(name) else OTHER
        code = "US" if name.startswith("U.S. ") else _country_in(name)
    if kind == GOVERNMENT and code in COUNTRIES and name != government_name(code):
        lineage.append(government_name(code))
    return tuple(lineage)


def role_category(role: str) -> str:
    """What a person's role makes them for policy news: "official", "executive", "expert",
    or "" when the text gives no role."""
    lowered = role.casefold()
    if not lowered:
        return ""
    if re.search(
        r"professor|analyst|expert|economist|researcher|scholar|fellow|investor|"
        r"technologist|lawyer|attorney(?! general)|consultant",
        lowered,
    ):
        return "expert"
    if re.search(
        r"president|minister|premier|chancellor|secretary|senator|sen\.|rep\.|representative|"
        r"congress|governor|gov\.|mayor|ambassador|commissioner|spokes|chair|administrator|"
        r"attorney general|speaker|nominee|czar|adviser|advisor|official|lawmaker|judge|"
        r"justice|king|queen|envoy|negotiator|regulator|leader|general|diplomat",
        lowered,
    ):
        if re.search(r"vice president (?:of|for)\b|\bat\b", lowered):
            return "executive"
        return "official"
    if re.search(r"chief|ceo|cfo|cto|founder|executive|director|head|manager|officer", lowered):
        return "executive"
    return ""


# --------------------------------------------------------------------------------------------
# Rules: a pattern and a handler that turns each match into candidate mentions
# --------------------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], str], Iterator[_Candidate]]
# In registration order, which is the order candidates of equal priority are considered in.
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: re.Pattern[str]) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _RULES.append((pattern, handler))
        return handler

    return register


def _mention(
    text: str,
    name: str,
    kind: str,
    country: str,
    start: int,
    end: int,
    priority: int,
    role: str = "",
) -> _Candidate:
    return _Candidate(
        ActorMention(name, kind, country, text[start:end], start, end, role), priority
    )


def _rule_candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(text):
            for candidate in handler(match, text):
                start, end = candidate.mention.start, candidate.mention.end
                if start < end and "\n\n" not in text[start:end]:  # a name never spans paragraphs
                    found.append(candidate)
    return found


@_rule(_KNOWN_PATTERN)
def _known(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    canonical, kind, country = _KNOWN_LOOKUP[match.group().casefold()]
    start = match.start()
    prefix = _country_prefix(text, start)
    if prefix and kind in {GOVERNMENT, LEGISLATURE, COURT}:
        if prefix[1] != country and canonical.startswith("U.S. "):
            return  # "Australian Senate" is not the U.S. Senate; the patterns name it.
        start = prefix[0]
    yield _mention(text, canonical, kind, country, start, match.end(), 0)


@_rule(_DEPARTMENT_AFTER)
def _department_after(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    x = _strip_country_words(match["x"])
    if x:
        start = match.start("x") + match["x"].rfind(x) if x != match["x"] else match.start()
        yield from _department(text, x, start, match.end())


@_rule(_DEPARTMENT_OF)
def _department_of(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    yield from _department(text, match["x"], match.start(), match.end())


@_rule(_MINISTRY_OF)
def _ministry_of(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    yield from _ministry(text, match["x"], match.start(), match.end())


@_rule(_MINISTRY_LOWER)
def _ministry_lower(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    # "the Chinese commerce ministry": lowercase, so only with its country.
    if _country_prefix(text, match.start()):
        x = _LOWER_MINISTRY_NAMES.get(match["x"].casefold(), match["x"].title())
        yield from _ministry(text, x, match.start(), match.end())


@_rule(_MINISTRY_AFTER)
def _ministry_after(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    x = _strip_country_words(match["x"])
    if x:
        start = match.start("x") + match["x"].rfind(x)
        yield from _ministry(text, x, start, match.end())


# Words of a legal instrument's name, and of those a service serves: a phrase with them names
# no body ("the Class Licence for Application Service Providers").
_INSTRUMENT = re.compile(
    r"\b(?:Licence|License|Act|Law|Bill|Code|Directive|Regulations?|Rules|Permit|Treaty)\s+"
    r"(?:for|of|on)\b"
)
_INSTRUMENT_AFTER = re.compile(r"\s+(?:Act|Law|Bill|Code|Directive|Regulations?|Rules?)\b")
_CLIENTS_AFTER = re.compile(r"\s+(?:Providers?|Users?|Operators?|Holders?|Subscribers?)\b")


@_rule(_BODY)
def _body(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    if match["body"] in {"Ministry", "Department"}:
        return
    x = _strip_country_words(match["x"])
    if not x or x.split()[0] in _NOT_NAME - {"Federal", "National", "State", "Foreign"}:
        return
    if _INSTRUMENT.search(x) or _CLIENTS_AFTER.match(text, match.end()):
        return  # "the Class Licence for Application Service Providers" names a licence
    if not match["tail"] and _INSTRUMENT_AFTER.match(text, match.end()):
        return  # "the Export Administration Regulations" names regulations
    start = match.start("x") + match["x"].rfind(x)
    name = f"{x} {match['body']}{match['tail'] or ''}"
    country = _country_before(text, start)
    prefix = _country_prefix(text, start)
    yield _mention(text, name, GOVERNMENT, country, prefix[0] if prefix else start, match.end(), 1)


@_rule(_ADMINISTRATION)
def _administration(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    who = match["who"]
    if code := country_code(who):
        name = government_name(code)
        yield _mention(text, name, GOVERNMENT, code, match.start("who"), match.end(), 2)
        return
    if who in _NOT_NAME:
        return
    country = "US" if who in _US_PRESIDENTS else ""
    name = f"{who} {match['what']}"
    yield _mention(text, name, GOVERNMENT, country, match.start("who"), match.end(), 1)


# Central banks set policy: "European Central Bank", "Reserve Bank of India", "Bank of Japan".
_CENTRAL_BANK = re.compile(
    r"\b(?P<name>(?:(?!The\b)[A-Z][a-z]+\s+){0,2}(?:Central|Reserve)\s+Bank(?:\s+of\s+[A-Z][a-z]+"
    r"(?:\s+[A-Z][a-z]+)?)?|Bank\s+of\s+(?:England|Japan|Canada|Korea|Israel|Thailand|Russia|"
    r"France|Italy|Spain|Mexico|Ghana|Uganda|Tanzania|Jamaica))\b"
)


@_rule(_CENTRAL_BANK)
def _central_bank(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name, start = match["name"], match.start("name")
    country = _country_before(text, start) or _DEMONYMS.get(name.split()[0], "")
    yield _mention(text, name, GOVERNMENT, country, start, match.end(), 1)


# "The Cabinet approved", "the Union Cabinet": a government's council of ministers, named
# without its country.
_CABINET = re.compile(
    r"\b(?:(?:[Tt]he|Union|Federal|[Ss]tate)\s+)?Cabinet\b(?!\s+(?:[Mm]inister|[Ss]ecretary))"
)


_WORD_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z]+)(?:'s|’s)?\s+$")


def _cldr_country_before(text: str, start: int) -> str:
    """The country named just before ``start``: the table's, or one only CLDR names
    ("Nepal's Cabinet", "Albania's Prime Minister")."""
    if country := _country_before(text, start):
        return country
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return country_code(before["word"]) if before and "\n\n" not in before.group() else ""


@_rule(_CABINET)
def _cabinet(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    start = match.end() - len("Cabinet")
    country = _cldr_country_before(text, start)
    yield _mention(text, "Cabinet", GOVERNMENT, country, start, match.end(), 2)


@_rule(_LEGISLATURE)
def _legislature(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match["name"]
    start = match.start()
    prefix = _country_prefix(text, start)
    country = prefix[1] if prefix else ""
    begin = prefix[0] if prefix else start
    if match["committee"]:
        chamber = name.split()[0]
        owner = "U.S. " if country in {"", "US"} else f"{_COUNTRY_BY_CODE[country]} "
        name = f"{owner}{chamber} {match['committee']} Committee"
        yield _mention(text, name, LEGISLATURE, country or "US", begin, match.end(), 0)
        return
    if name in {"Senate", "House"}:
        if country and country != "US":
            end = match.end()
            if name == "House" and text.startswith(" of Representatives", end):
                name, end = "House of Representatives", end + len(" of Representatives")
            name = f"{name} of {_COUNTRY_BY_CODE[country]}"
            yield _mention(text, name, LEGISLATURE, country, begin, end, 0)
        return  # the U.S. chambers come from the table
    if country:
        name = f"{name} of {_COUNTRY_BY_CODE[country]}"
        yield _mention(text, name, LEGISLATURE, country, begin, match.end(), 1)
    elif name != "Diet":
        yield _mention(text, name, LEGISLATURE, "", begin, match.end(), 2)


@_rule(_COURT)
def _court(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match["name"]
    words = name.split()
    while words and (words[0] in _NOT_NAME - {"Federal", "National", "State"}):
        words = words[1:]
    if not words or words[0] in {"Court", "Tribunal"}:
        return
    name = " ".join(words)
    start = match.end() - len(match["name"]) + match["name"].find(name)
    country = _country_before(text, start)
    prefix = _country_prefix(text, start)
    yield _mention(text, name, COURT, country, prefix[0] if prefix else start, match.end(), 1)


@_rule(_ROLE_NAME)
def _role_name(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _clean_person(match["name"])
    role, offset = _clean_role(match["role"])
    if name and role:
        start = match.start("name")
        # "U.S. President Donald Trump": the country may stand before the role words.
        country = _country_in(role) or _cldr_country_before(text, match.start("role") + offset)
        if not country and _HEAD_TITLE.search(role) and name.split()[-1] in _US_PRESIDENTS:
            country = "US"  # "President Trump": the table that names "the Trump administration"
        yield _mention(text, name, PERSON, country, start, start + len(name), 1, role)


def _clean_role(role: str) -> tuple[str, int]:
    """The title before a name and where it begins in ``role``: without a fronted adverbial
    ("On Monday Prime Minister" is "Prime Minister") or what stands on an earlier line, and with
    abbreviated titles written out ("Interior CS" is "Interior Cabinet Secretary")."""
    words = list(re.finditer(r"\S+", role))
    # A title never spans lines: "Israel\n\nPresident X" has the role "President".
    cut = [i for i, word in enumerate(words) if "\n" in role[word.end() : word.end() + 2]]
    cut += [i for i, word in enumerate(words) if word.group() in _ROLE_LEAD or re.fullmatch(
        _CALENDAR_WORD, word.group())]  # fmt: skip
    if cut:
        words = words[max(cut) + 1 :]
    if not words:
        return "", 0
    cleaned = " ".join(word.group() for word in words)
    expanded = _TITLE_ABBREVIATION.sub(lambda m: _TITLE_ABBREVIATIONS[m.group()], cleaned)
    return expanded, words[0].start()


@_rule(_NAME_APPOSITIVE)
def _person_appositive(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _clean_person(match["name"])
    if not name or name != match["name"]:
        return
    appositive = text[match.end() : match.end() + 90]
    appositive = re.split(r"[,;\n]|\.\s|\s(?:who|which|said|told)\s", appositive)[0]
    if _APPOSITIVE_ROLE.search(appositive) and not _COMPANY_CUE_AFTER.match(
        text[match.end("name") : match.end("name") + 70]
    ):
        role = appositive.strip().rstrip('."”')
        country = _country_in(role)
        yield _mention(text, name, PERSON, country, match.start(), match.end("name"), 1, role)


# A title in apposition before a name: "Chile's communications director, Rosa Vidal, said",
# "Peru's Minister of Foreign Trade, Ana Soto, said": the person, the country before the title.
_TITLE_HEAD = (
    r"(?i:minister|secretary|director|spokes(?:person|man|woman)|official|chief|adviser|advisor|"
    r"commissioner|ambassador|envoy|negotiator|regulator|administrator|attorney general|czar|"
    r"chair(?:man|woman)?|governor)"
)
_TITLE_APPOSITION = re.compile(
    rf"\b(?P<title>(?P<country>{_COUNTRY_WORD})(?:'s|’s)?\s+(?:[A-Za-z][a-z-]*\s+){{0,3}}?"
    rf"{_TITLE_HEAD}(?:\s+(?:of|for)\s+(?:the\s+)?{_PROPER_PHRASE})?),\s+(?P<name>{_NAME}),"
)
# "the head of the Press Office of the Presidency, Rosa Vidal,": the person, heading the body.
_HEAD_OF_BODY = re.compile(
    rf"\b[Hh]ead\s+of\s+(?:the\s+)?(?P<body>{_PROPER}(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?"
    rf"{_PROPER}){{0,6}}),\s+(?P<name>{_NAME}),"
)


@_rule(_TITLE_APPOSITION)
def _title_apposition(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _clean_person(match["name"])
    if name == match["name"] and len(name.split()) >= 2 and not _known_start(name):
        code = country_code(match["country"])
        start = match.start("name")
        yield _mention(text, name, PERSON, code, start, match.end("name"), 1, match["title"])


def _known_start(name: str) -> bool:
    """Whether ``name`` opens with a well-known actor's name ("Snapchat Plus"): no person."""
    return name.split()[0].casefold() in _KNOWN_LOOKUP


@_rule(_HEAD_OF_BODY)
def _head_of_body(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name, body = _clean_person(match["name"]), match["body"]
    if (
        name == match["name"]
        and len(name.split()) >= 2
        and not _known_start(name)
        and _BODY_END.search(body.split(" of ")[0])
    ):
        start = match.start("name")
        role = f"head of {body}"
        yield _mention(text, name, PERSON, _country_in(body), start, match.end("name"), 1, role)


@_rule(_NAME_SPEECH)
def _name_speech(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _clean_person(match["name"])
    if not name or name != match["name"] or len(name.split()) < 2:
        return
    if _SPEECH_AFTER.match(text, match.end()) or _SPEECH_BEFORE.search(
        text[max(0, match.start() - 20) : match.start()]
    ):
        yield _mention(text, name, PERSON, "", match.start(), match.end(), 3)


@_rule(_COMPANY_WITH_SUFFIX)
def _company_with_suffix(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _strip_country_words(match["name"])
    first = match["name"].split()[0]
    named_country = ""
    if (
        first in _COUNTRY_NOUNS
        and first not in _DEMONYMS
        and name not in _KNOWN_LOOKUP
        and not re.search(r"\bof\s+$", text[max(0, match.start() - 4) : match.start()])
    ):
        # "China Eastern Airlines", "Singapore Airlines", "Japan Tobacco Inc.": a country's
        # name written bare before the name (not "China's", not "Chinese") is part of it.
        name = match["name"][match["name"].index(first) :]
        named_country = _COUNTRY_NOUNS[first]
    if not name or name.split()[0] in _NOT_COMPANY_START:
        return
    if re.match(r"\s+(?:Act|Law|Bill|Directive|Regulation|Rules?)\b", text[match.end() :]):
        return  # "the Information Technology Act" names a law
    suffix = match["suffix"].rstrip(".")
    canonical = f"{name} {match['suffix']}".strip()
    if suffix in {"Inc", "Incorporated", "Corp", "Corporation", "Co", "Ltd", "Limited"}:
        canonical = name
    start = match.end("name") - len(name)
    country = named_country or _country_before(text, start)
    yield _mention(text, canonical, COMPANY, country, start, match.end(), 2)


@_rule(_COMPANY_AFTER_CUE)
def _company_after_cue(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    # "the app Quillon R1", "the model Quillon V3": a version code names the product, not
    # the company.
    name = re.sub(r"(?:\s+[A-Z]{1,3}\d[\w.-]*)+$", "", _trim_proper(match["name"]))
    if name:
        start = match.start("name")
        country = _country_before(text, match.start())
        yield _mention(text, name, COMPANY, country, start, start + len(name), 2)


@_rule(_HEAD_OF)
def _head_of(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _trim_proper(match["name"])
    if name and name not in _KNOWN_LOOKUP and not _BODY_END.search(name):
        start = match.start("name")
        yield _mention(text, name, COMPANY, "", start, start + len(name), 3)


@_rule(_BASED)
def _based(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = _trim_proper(match["name"])
    if name:
        start = match.start("name")
        yield _mention(text, name, COMPANY, "", start, start + len(name), 3)


@_rule(_POSSESSIVE)
def _possessive(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match["name"]
    if name in _NOT_NAME or re.fullmatch(_ROLE_WORDS, name) or not name[0].isupper():
        return
    code = _COUNTRY_NOUNS.get(match["country"]) or _DEMONYMS.get(match["country"], "")
    yield _mention(text, name, COMPANY, code, match.start("name"), match.end("name"), 3)


@_rule(_DESCRIBED_BY_PRODUCT)
def _described_by_product(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    # "the ChatGPT maker": a company known by what it makes.
    name = f"{match['product']} {match['noun']}"
    yield _mention(text, name, COMPANY, "", match.start("product"), match.end(), 1)


_GAELIC_SURNAME = re.compile(r"Ma?c[A-Z][a-z]+")


@_rule(_CAMEL)
def _camel_case(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match.group(1)
    # After a number it is a unit ("900 MHz", "5 GWh"), not a name.
    if name in _NOT_NAME or re.search(r"\d\s*$", text[max(0, match.start() - 3) : match.start()]):
        return
    if _GAELIC_SURNAME.fullmatch(name):
        return  # "McCain", "MacLeod": a family name written in two capitals, not a company
    after = text[match.end() : match.end() + 70]
    kind = MEDIA if _MEDIA_CUE_AFTER.match(after) else COMPANY
    country = _country_before(text, match.start())
    yield _mention(text, name, kind, country, match.start(), match.end(), 4)


@_rule(_NAME_APPOSITIVE)
def _organisation_appositive(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    # "Groq, an AI computing company" / "GeekWire, a US technology news website".
    yield from _described_after(match, text)


@_rule(_PROPER_COMMA)
def _proper_appositive(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match["name"]
    if name not in _NOT_NAME and len(name) >= 2:
        yield from _described_after(match, text)


@_rule(_COUNTRY_MENTION)
def _country(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    name = match["name"]
    if name in _DEMONYMS:
        return
    if re.match(r"(?:'s|’s)?\s+(?:[A-Z]|-based|based)", text[match.end() : match.end() + 8]):
        return  # a prefix of another name ("US Commerce Department", "China's DeepSeek")
    code = _COUNTRY_NOUNS[name]
    kind = INTERNATIONAL if code == "EU" else COUNTRY
    canonical = "European Union" if code == "EU" else _country_display(code)
    yield _mention(text, canonical, kind, code, match.start(), match.end(), 5)


def _described_after(match: re.Match[str], text: str) -> Iterator[_Candidate]:
    """The name before a comma as a media outlet or a company, when what follows says which."""
    name = match["name"]
    words = name.split()
    # "On Tuesday, the regulator fined the company": a fronted date, not a company's name.
    if words[0] in _DATE_OPENERS or any(word in _WEEKDAYS for word in words):
        return
    after = text[match.end("name") : match.end("name") + 70]
    if _MEDIA_CUE_AFTER.match(after):
        yield _mention(text, name, MEDIA, "", match.start(), match.end("name"), 2)
    elif _COMPANY_CUE_AFTER.match(after):
        yield _mention(text, name, COMPANY, "", match.start(), match.end("name"), 2)


def _country_display(code: str) -> str:
    return {"US": "United States", "GB": "United Kingdom"}.get(code, _COUNTRY_BY_CODE[code])


def _country_prefix(text: str, start: int) -> tuple[int, str] | None:
    match = _PREFIX.search(text, max(0, start - 40), start)
    if not match or "\n\n" in match.group():  # a country never qualifies the next paragraph
        return None
    name = match["country"]
    code = _COUNTRY_NOUNS.get(name) or _DEMONYMS.get(name)
    return (match.start("country"), code) if code else None


def _country_before(text: str, start: int) -> str:
    prefix = _country_prefix(text, start)
    return prefix[1] if prefix else ""


def _country_in(role: str) -> str:
    for match in _COUNTRY_MENTION.finditer(role):
        name = match["name"]
        return _COUNTRY_NOUNS.get(name) or _DEMONYMS.get(name, "")
    # "Venezuelan President": a country only CLDR names.
    return next(filter(None, map(country_code, re.findall(r"\b[A-Z][a-z]+\b", role))), "")


def _strip_country_words(phrase: str) -> str:
    words = phrase.split()
    while words and (
        words[0] in _COUNTRY_NOUNS
        or words[0] in _DEMONYMS
        or words[0].removesuffix("'s").removesuffix("’s") in _COUNTRY_NOUNS
        or words[0] in {"The", "A", "An"}
    ):
        words = words[1:]
    return " ".join(words)


def _department(text: str, x: str, start: int, end: int) -> Iterator[_Candidate]:
    x = re.sub(r"\s+", " ", x).strip()
    key = x.casefold()
    prefix = _country_prefix(text, start)
    country = prefix[1] if prefix else ""
    begin = prefix[0] if prefix else start
    if key.split()[0] in {"the"} and key not in _US_DEPARTMENTS:
        key = key.removeprefix("the ")
        x = x[4:]
    if key in _US_DEPARTMENTS and country in {"", "US"}:
        name = f"U.S. Department of {_US_DEPARTMENTS[key]}"
        yield _mention(text, name, GOVERNMENT, "US", begin, end, 1)
    elif country:
        name = f"{_COUNTRY_BY_CODE[country]} Department of {x}"
        yield _mention(text, name, GOVERNMENT, country, begin, end, 1)
    elif x.split()[0] not in _NOT_NAME or x.split()[0] in {"State", "Justice", "Commerce"}:
        yield _mention(text, f"Department of {x}", GOVERNMENT, "", begin, end, 2)


def _ministry(text: str, x: str, start: int, end: int) -> Iterator[_Candidate]:
    x = re.sub(r"\s+", " ", x).strip()
    x = _MINISTRY_NAMES.get(x.casefold(), x)
    prefix = _country_prefix(text, start)
    country = prefix[1] if prefix else ""
    begin = prefix[0] if prefix else start
    name = f"Ministry of {x}"
    if country:
        name += f" of {_COUNTRY_BY_CODE[country]}"
    yield _mention(text, name, GOVERNMENT, country, begin, end, 1)


def _clean_person(name: str) -> str:
    words = name.split()
    while words and (words[-1] in _NOT_NAME or words[-1].endswith(".")):
        words = words[:-1]
    while words and words[0] in _NOT_NAME:
        words = words[1:]
    if not words or any(word in _NOT_NAME for word in words):
        return ""
    if all(word.endswith(".") for word in words):
        return ""
    cleaned = " ".join(words)
    return cleaned if cleaned in name else ""


def _trim_proper(name: str) -> str:
    words = name.split()
    while words and words[-1] in _NOT_NAME:
        words = words[:-1]
    if not words or words[0] in _NOT_NAME or re.fullmatch(_ROLE_WORDS, words[0]):
        return ""
    return " ".join(words)


def _unify(chosen: list[_Candidate]) -> list[ActorMention]:
    """One kind, country and role per name: from the strongest evidence in the whole text."""
    best: dict[str, _Candidate] = {}
    country: dict[str, str] = {}
    role: dict[str, str] = {}
    for candidate in chosen:
        mention = candidate.mention
        if mention.name not in best or candidate.priority < best[mention.name].priority:
            best[mention.name] = candidate
        if mention.country:
            country.setdefault(mention.name, mention.country)
        if mention.role:
            role.setdefault(mention.name, mention.role)
    return [
        replace(
            candidate.mention,
            kind=best[candidate.mention.name].mention.kind,
            country=country.get(candidate.mention.name, ""),
            role=role.get(candidate.mention.name, ""),
        )
        for candidate in chosen
    ]


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest mention where mentions overlap; among equals, the stronger rule."""
    ordered = sorted(
        candidates,
        key=lambda c: (-(c.mention.end - c.mention.start), c.priority, c.mention.start),
    )
    taken: list[_Candidate] = []
    occupied = _Occupied()
    for candidate in ordered:
        mention = candidate.mention
        if occupied.overlaps(mention.start, mention.end):
            continue
        occupied.add(mention.start, mention.end)
        taken.append(candidate)
    return sorted(taken, key=lambda c: c.mention.start)


class _Occupied:
    """Non-overlapping spans, sorted, with a logarithmic overlap test (texts can be long)."""

    def __init__(self, spans=()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)
        # Spans are disjoint, so the one starting last before ``end`` also ends last.
        return index > 0 and self._ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def _with_acting_names(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Capitalised names that act ("Quillon sued ...") where nothing else was found, and that
    are neither part of a person's name nor a common word opening the sentence."""
    person_parts = {part for m in mentions if m.kind == PERSON for part in m.name.split()}
    lower_words = set(re.findall(r"(?<![\w.])[a-z][\w'’-]*", text))
    added = list(mentions)
    occupied = _Occupied((m.start, m.end) for m in mentions)
    for match in _ACTING_NAME.finditer(text):
        name = match["name"]
        first = name.split()[0]
        start, end = match.start("name"), match.end("name")
        if (
            first in _NOT_NAME
            or first in person_parts
            or first.casefold() in _COMMON_SUBJECTS
            or first.casefold() in lower_words  # a common word opening the sentence
            or occupied.overlaps(start, end)
        ):
            continue
        occupied.add(start, end)
        added.append(ActorMention(name, COMPANY, "", text[start:end], start, end))
    return sorted(added, key=lambda m: m.start)


def _with_full_names(mentions: list[ActorMention]) -> list[ActorMention]:
    """A person named by the family name alone after a title ("Justice Roe") is the one person
    of that family name the text names in full ("Judge Jane Roe"), with the full name's
    country where the short form has none."""
    full: dict[str, set[ActorMention]] = {}
    for mention in mentions:
        if mention.kind == PERSON and len(mention.name.split()) >= 2:
            full.setdefault(mention.name.split()[-1], set()).add(mention)
    renamed = []
    for mention in mentions:
        people = {m.name: m for m in full.get(mention.name, ())}
        if mention.kind == PERSON and len(people) == 1:
            (person,) = people.values()
            mention = replace(mention, name=person.name, country=mention.country or person.country)
        renamed.append(mention)
    return renamed


def _with_document_forms(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Add later short forms of names the text introduced: surnames and bare company names."""
    forms: dict[str, ActorMention] = {}
    for mention in mentions:
        if mention.kind == PERSON:
            parts = mention.name.split()
            if len(parts) >= 2:
                forms.setdefault(parts[-1], mention)
                forms.setdefault(mention.name, mention)
        elif mention.kind in {COMPANY, MEDIA} and len(mention.name) >= 2:
            forms.setdefault(mention.name, mention)
            for variant in (mention.text, mention.text.removeprefix("the ")):
                if variant and variant[0].isupper():
                    forms.setdefault(variant, mention)
    if not forms:
        return mentions
    pattern = re.compile(
        r"(?<![\w.-])(?:"
        + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )
    added = list(mentions)
    occupied = _Occupied((m.start, m.end) for m in mentions)
    # A family name written first ("Li Baiyang", later "Li said"): the first part counts too
    # where it credits a quotation.
    given_first = {
        mention.name.split()[0]: mention
        for mention in mentions
        if mention.kind == PERSON and len(mention.name.split()) >= 2
    }
    for form, source in given_first.items():
        if form in forms or form in _NOT_NAME:
            continue
        for match in re.finditer(
            rf"(?<![\w.-]){re.escape(form)}(?=\s+(?:said|says|added|asked|told)\b)|"
            rf"(?<=\bsaid\s){re.escape(form)}(?![\w-])",
            text,
        ):
            if not occupied.overlaps(match.start(), match.end()):
                occupied.add(match.start(), match.end())
                added.append(replace(source, text=match.group(), start=match.start(),
                                     end=match.end()))  # fmt: skip
    for match in pattern.finditer(text):
        if occupied.overlaps(match.start(), match.end()):
            continue
        occupied.add(match.start(), match.end())
        source = forms[match.group()]
        added.append(
            ActorMention(
                source.name,
                source.kind,
                source.country,
                match.group(),
                match.start(),
                match.end(),
                source.role,
            )
        )
    return sorted(added, key=lambda m: m.start)


# A capital standing for its government when it acts ("Beijing retaliated", "Brussels fined"),
# not where it is a place ("talks in Beijing", "WASHINGTON, Jan 29 (Reuters)").
_CAPITALS = {
    "Brussels": ("European Commission", GOVERNMENT, "EU"),
    "Beijing": ("China", COUNTRY, "CN"),
    "Washington": ("United States", COUNTRY, "US"),
    "Moscow": ("Russia", COUNTRY, "RU"),
    "Tokyo": ("Japan", COUNTRY, "JP"),
    "Seoul": ("South Korea", COUNTRY, "KR"),
    "New Delhi": ("India", COUNTRY, "IN"),
    "Ottawa": ("Canada", COUNTRY, "CA"),
    "Canberra": ("Australia", COUNTRY, "AU"),
    "Taipei": ("Taiwan", COUNTRY, "TW"),
    "Kyiv": ("Ukraine", COUNTRY, "UA"),
    "Tehran": ("Iran", COUNTRY, "IR"),
    "Pyongyang": ("North Korea", COUNTRY, "KP"),
    # Capitals of the countries above that the news uses for their governments, less those
    # that are also names or a city's own government (London's mayor, Santiago, Lima, Sofia).
    "Ankara": ("Turkey", COUNTRY, "TR"),
    "Riyadh": ("Saudi Arabia", COUNTRY, "SA"),
    "Jakarta": ("Indonesia", COUNTRY, "ID"),
    "Manila": ("Philippines", COUNTRY, "PH"),
    "Hanoi": ("Vietnam", COUNTRY, "VN"),
    "Bangkok": ("Thailand", COUNTRY, "TH"),
    "Islamabad": ("Pakistan", COUNTRY, "PK"),
    "Dhaka": ("Bangladesh", COUNTRY, "BD"),
    "Brasilia": ("Brazil", COUNTRY, "BR"),
    "Brasília": ("Brazil", COUNTRY, "BR"),
    "Buenos Aires": ("Argentina", COUNTRY, "AR"),
    "Pretoria": ("South Africa", COUNTRY, "ZA"),
    "Abuja": ("Nigeria", COUNTRY, "NG"),
    "Nairobi": ("Kenya", COUNTRY, "KE"),
    "Cairo": ("Egypt", COUNTRY, "EG"),
    "Warsaw": ("Poland", COUNTRY, "PL"),
    "Budapest": ("Hungary", COUNTRY, "HU"),
    "Prague": ("Czech Republic", COUNTRY, "CZ"),
    "Kuala Lumpur": ("Malaysia", COUNTRY, "MY"),
    "Abu Dhabi": ("United Arab Emirates", COUNTRY, "AE"),
    "Doha": ("Qatar", COUNTRY, "QA"),
    "Caracas": ("Venezuela", COUNTRY, "VE"),
    "Bogota": ("Colombia", COUNTRY, "CO"),
    "Bogotá": ("Colombia", COUNTRY, "CO"),
    "Havana": ("Cuba", COUNTRY, "CU"),
    "Minsk": ("Belarus", COUNTRY, "BY"),
    "Yerevan": ("Armenia", COUNTRY, "AM"),
    "Baku": ("Azerbaijan", COUNTRY, "AZ"),
    "Tashkent": ("Uzbekistan", COUNTRY, "UZ"),
    "Astana": ("Kazakhstan", COUNTRY, "KZ"),
    "Kabul": ("Afghanistan", COUNTRY, "AF"),
    "Baghdad": ("Iraq", COUNTRY, "IQ"),
    "Damascus": ("Syria", COUNTRY, "SY"),
    "Beirut": ("Lebanon", COUNTRY, "LB"),
    "Amman": ("Jordan", COUNTRY, "JO"),
    "Addis Ababa": ("Ethiopia", COUNTRY, "ET"),
    "Kampala": ("Uganda", COUNTRY, "UG"),
    "Kigali": ("Rwanda", COUNTRY, "RW"),
    "Dakar": ("Senegal", COUNTRY, "SN"),
    "Accra": ("Ghana", COUNTRY, "GH"),
    "Algiers": ("Algeria", COUNTRY, "DZ"),
    "Rabat": ("Morocco", COUNTRY, "MA"),
    "Khartoum": ("Sudan", COUNTRY, "SD"),
    "Colombo": ("Sri Lanka", COUNTRY, "LK"),
    "Kathmandu": ("Nepal", COUNTRY, "NP"),
    "Phnom Penh": ("Cambodia", COUNTRY, "KH"),
    "Naypyidaw": ("Myanmar", COUNTRY, "MM"),
    "Ulaanbaatar": ("Mongolia", COUNTRY, "MN"),
    "Quito": ("Ecuador", COUNTRY, "EC"),
    "Managua": ("Nicaragua", COUNTRY, "NI"),
    "Bucharest": ("Romania", COUNTRY, "RO"),
    "Belgrade": ("Serbia", COUNTRY, "RS"),
    "Zagreb": ("Croatia", COUNTRY, "HR"),
    "Ljubljana": ("Slovenia", COUNTRY, "SI"),
    "Bratislava": ("Slovakia", COUNTRY, "SK"),
    "Tallinn": ("Estonia", COUNTRY, "EE"),
    "Riga": ("Latvia", COUNTRY, "LV"),
    "Vilnius": ("Lithuania", COUNTRY, "LT"),
    "Reykjavik": ("Iceland", COUNTRY, "IS"),
    "Valletta": ("Malta", COUNTRY, "MT"),
    "Nicosia": ("Cyprus", COUNTRY, "CY"),
    "Tirana": ("Albania", COUNTRY, "AL"),
    "Skopje": ("North Macedonia", COUNTRY, "MK"),
    "Sarajevo": ("Bosnia and Herzegovina", COUNTRY, "BA"),
    "Chisinau": ("Moldova", COUNTRY, "MD"),
    "Podgorica": ("Montenegro", COUNTRY, "ME"),
    "Pristina": ("Kosovo", COUNTRY, "XK"),
    "Helsinki": ("Finland", COUNTRY, "FI"),
    "Stockholm": ("Sweden", COUNTRY, "SE"),
    "Oslo": ("Norway", COUNTRY, "NO"),
    "Copenhagen": ("Denmark", COUNTRY, "DK"),
    "Harare": ("Zimbabwe", COUNTRY, "ZW"),
    "Lusaka": ("Zambia", COUNTRY, "ZM"),
    "Luanda": ("Angola", COUNTRY, "AO"),
    "Maputo": ("Mozambique", COUNTRY, "MZ"),
}
_CAPITAL = re.compile(
    r"(?<![\w.-])(?P<name>" + "|".join(re.escape(name) for name in _CAPITALS) + r")(?:'s|’s)?"
    r"(?![\w-])"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|into|near|outside|of|via|visit(?:ed|s|ing)?|based in|around|across|"
    r"across|toward|towards|between|and)\s+$",
    re.IGNORECASE,
)
# "the agency", "the Commission", "the watchdog": the body named last before, with that head
# noun where the text names one, else any government body for the generic words.
_REFERENCE = re.compile(
    r"\b(?P<the>[Tt]he)\s+(?:(?P<qual>foreign|commerce|trade|defen[cs]e|finance|justice|"
    r"industry|interior|competition|privacy|communications|data protection)\s+)?"
    r"(?P<head>[Cc]ommission|[Aa]gency|[Mm]inistry|[Dd]epartment|"
    r"[Rr]egulator|[Ww]atchdog|[Cc]ommittee|[Bb]ureau|[Aa]uthority|[Cc]ourt|[Tt]ribunal|"
    r"[Pp]arliament|[Oo]rgani[sz]ation|EU executive|bloc)(?![\w-])"
    r"(?!\s+(?:of|for|on)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z])(?!\s+[A-Z])"
)
_GENERIC_HEADS = {"agency", "regulator", "watchdog", "authority"}
_FIXED_REFERENCES = {
    "eu executive": ("European Commission", GOVERNMENT, "EU"),
    "bloc": ("European Union", INTERNATIONAL, "EU"),
}
_BODY_KINDS = {GOVERNMENT, LEGISLATURE, COURT}


# The city's own offices and places: "Warsaw's mayor", "Nairobi city council".
_CITY_AFTER = re.compile(
    r"\s*(?:mayor|city|municipal\w*|metropolitan|governor|council|police|airport|stock|"
    r"residents|streets|suburbs?|state)\b",
    re.IGNORECASE,
)


def _with_capitals(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Capitals that act for their government."""
    # A capital read as a company name by the general rules ("Brussels has imposed") is the
    # government.
    mentions = [m for m in mentions if not (m.kind == COMPANY and m.text in _CAPITALS)]
    occupied = _Occupied((m.start, m.end) for m in mentions)
    added = list(mentions)
    for match in _CAPITAL.finditer(text):
        start, end = match.start("name"), match.end("name")
        if (
            occupied.overlaps(start, end)
            or _PLACE_BEFORE.search(text[max(0, start - 20) : start])
            or re.match(r"\s*(?:[,(]|-based|[A-Z])", text[match.end() : match.end() + 3])
            and not re.match(r"(?:'s|’s)", text[end : end + 2])
            or _CITY_AFTER.match(text, match.end())
        ):
            continue
        name, kind, country = _CAPITALS[match["name"]]
        occupied.add(start, end)
        added.append(ActorMention(name, kind, country, text[start:end], start, end))
    return sorted(added, key=lambda m: m.start)


# Measures only the country itself takes, named with its demonym or name: "Chinese
# countermeasures", "India's retaliatory duties", "new Dutch export controls". (Not "Russian
# sanctions" or "Chinese tariffs": news uses those for measures against the country too.)
_OWN_MEASURE = re.compile(
    rf"\b(?P<country>{_COUNTRY_WORD})(?:'s|’s)?\s+(?:(?:new|latest|fresh|own)\s+)?"
    r"(?:counter-?measures|retaliat(?:ory|ion)\b|export (?:controls?|bans?|restrictions|curbs))"
)


def _with_own_measures(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The country whose own measure a sentence names ("Chinese countermeasures"): a mention
    of it that may act, as a country named before its action does ("China retaliated")."""
    occupied = _Occupied((m.start, m.end) for m in mentions)
    added = list(mentions)
    for match in _OWN_MEASURE.finditer(text):
        start, end = match.start("country"), match.end("country")
        word = match["country"]
        if occupied.overlaps(start, end):
            continue
        code = country_code(word)
        occupied.add(start, end)
        added.append(
            ActorMention(_COUNTRY_BY_CODE.get(code, word), COUNTRY, code, word, start, end)
        )
    return sorted(added, key=lambda m: m.start)


# "Italy's data protection watchdog", "the Dutch government", "South Korea's data protection
# authority", "a U.S. federal judge", "the country's privacy regulator": a body named by what it
# is. Capitalised names ("Italian Data Protection Authority") are the patterns' business.
_DESCRIBED = re.compile(
    rf"(?:\b(?P<article>[Tt]he|[Aa]n?)\s+)?(?:(?P<country>{_COUNTRY_WORD})(?:'s|’s)?|"
    # A capital's bodies are its country's: "Beijing's commerce ministry".
    rf"(?P<capital>{'|'.join(re.escape(city) for city in _CAPITALS)})(?:'s|’s)|"
    r"(?P<own>the country(?:'s|’s)|[Tt]he nation(?:'s|’s)))\s+"
    # A description is adjectives and nouns: no article, auxiliary or verb of speech.
    r"(?P<desc>(?:(?!(?:said|says|an?|the|has|have|had|is|are|was|were|will|would)\b)"
    r"[a-z][a-z-]+\s+){0,3}?)"
    r"(?P<head>watchdog|authority|authorities|regulator|ministry|agency|commission|government|"
    r"parliament|bureau|office|board|commissioner|ombudsman|inspectorate|directorate|tribunal|"
    r"officials|central bank|security service|congress|"
    r"cabinet|court|judge|embassy|council|department|administration|prosecutors?|"
    r"trade court|appeals court|(?:lower|upper) (?:house|chamber)|diplomat|official|"
    r"spokes(?:person|man|woman)|"
    # An office holder not named: "Mexico's president said", not "... President Ana Soto".
    r"(?:president|prime minister|chancellor|minister)(?!,?\s+[A-Z]))(?![\w-])"
)
_DESCRIBED_KINDS = {
    "court": COURT,
    "tribunal": COURT,
    "judge": COURT,
    "parliament": LEGISLATURE,
    "house": LEGISLATURE,
    "chamber": LEGISLATURE,
    "diplomat": PERSON,
    "official": PERSON,
    "spokesperson": PERSON,
    "president": PERSON,
    "minister": PERSON,
    "chancellor": PERSON,
    "congress": LEGISLATURE,
    "spokesman": PERSON,
    "spokeswoman": PERSON,
}


# "official" before a noun is an adjective ("an official request", "official figures"); before
# a verb, a preposition or a clause it is a person ("a Kenyan official said", "officials who").
_ADJECTIVE_OFFICIAL = re.compile(
    r"\s+(?!(?:who|that|with|from|familiar|speaking|close|involved|also|and|or|in|on|at|for|"
    r"to|of|by|has|had|have|is|was|will|would|could|can|may|might|did|does|told|said|says)\b)"
    r"(?![a-z]+ed\b)(?!(?!figures|data|documents|records|channels|results|sources|statements|"
    r"reports|talks|visits|estimates|numbers|statistics|accounts)[a-z]+[^s\W]s\b)[a-z]"
)


def _replaceable(
    mentions: list[ActorMention], start: int, end: int, kinds: set[str]
) -> list[ActorMention] | None:
    """The mentions inside ``start``-``end`` that a mention of the whole span replaces, or None
    when one of them is of none of ``kinds`` or a mention straddles the span's edge."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if any(m.kind not in kinds for m in inside) or any(
        m.start < end and start < m.end and m not in inside for m in mentions
    ):
        return None
    return inside


def _with_descriptions(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Bodies named by a description; a country mention inside one gives way to it."""
    added = list(mentions)
    for match in _DESCRIBED.finditer(text):
        start, end = match.start(), match.end()
        if match["head"] == "official" and _ADJECTIVE_OFFICIAL.match(text, end):
            continue
        inside = _replaceable(added, start, end, {COUNTRY})
        if inside is None:
            continue
        if match["country"]:
            word = match["country"]
            code = country_code(word)
        elif match["capital"]:
            code = _CAPITALS[match["capital"]][2]
            word = _COUNTRY_BY_CODE.get(code, "")
        else:
            earlier = [m for m in added if m.end <= start and m.country]
            code = earlier[-1].country if earlier else ""
            word = _COUNTRY_BY_CODE.get(code, "")
        if not code:
            continue
        head, desc = match["head"], match["desc"].strip()
        if head in {"government", "authorities", "officials"} and not desc:
            name = government_name(code)
        elif head == "parliament" and not desc:
            name = f"Parliament of {_COUNTRY_BY_CODE[code]}"
        elif match["country"]:
            name = text[match.start("country") : end].replace("’", "'")
        else:
            name = f"{word}'s {desc + ' ' if desc else ''}{head}"
        name = _known_function(code, desc, head) or name
        kind = _DESCRIBED_KINDS.get(head.split()[-1], GOVERNMENT)
        first = match.start(
            "country" if match["country"] else "capital" if match["capital"] else "own"
        )
        if match["article"] and match["article"].casefold() == "the":
            first = match.start("article")
        added = [m for m in added if m not in inside]
        named = _named_after(text, end, added) if kind == PERSON else None
        if named is not None:
            # "Chilean communications official Rosa Vidal": the title of the person named,
            # the mention spanning both (as "by" the official names the agent).
            added = [
                replace(m, role=name, country=m.country or code) if m.name == named.name else m
                for m in added
                if m is not named
            ]
            text_span = text[first : named.end]
            whole = ActorMention(
                named.name, PERSON, named.country or code, text_span, first, named.end, name
            )
            added = sorted([*added, whole], key=lambda m: m.start)
            continue
        # An unnamed official speaks for the state: "a senior European diplomat told ...".
        role = name if kind == PERSON else ""
        if head in {"president", "prime minister", "chancellor"}:
            # Written as a title, "Mexico's President" heads its government (``_HEAD_TITLE``).
            role = name[: -len(head)] + head.title()
        added.append(ActorMention(name, kind, code, text[first:end], first, end, role))
    return sorted(added, key=lambda m: m.start)


def _named_after(text: str, end: int, mentions: list[ActorMention]) -> ActorMention | None:
    """The person named right after a description ending at ``end``, if any."""
    return next(
        (
            m
            for m in mentions
            if m.kind == PERSON and m.start >= end and not text[end : m.start].strip()
        ),
        None,
    )


# The states of the United States make policy of their own (a state's ban, its attorney
# general's lawsuit, its legislature's bill), within the country. Washington is the federal
# government (``_CAPITALS``); "Washington state" is neither.
_US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip
_STATE_WORD = "|".join(re.escape(name) for name in sorted(_US_STATES, key=len, reverse=True))
# "the state of Texas", "Montana's legislature", "Florida lawmakers", "the Utah Senate", "the
# Texas attorney general" (a title before a name, "Texas Attorney General Ken Paxton", is the
# person's: a name after the body makes it no body of its own).
_STATE_BODY = re.compile(
    rf"\b(?:[Ss]tate of (?P<of>{_STATE_WORD})(?![\w-])|"
    rf"(?P<state>{_STATE_WORD})(?:'s|’s)?\s+(?:state\s+)?"
    r"(?P<head>[Ll]egislature|lawmakers|legislators|[Ss]enate|House(?! of)|General Assembly|"
    r"[Aa]ssembly|governor|attorney general|government|officials|[Ss]upreme [Cc]ourt)"
    r"(?![\w-])(?!,?\s+[A-Z][a-z]))"
)
_STATE_BODIES = {
    "legislature": ("{} Legislature", LEGISLATURE),
    "lawmakers": ("{} Legislature", LEGISLATURE),
    "legislators": ("{} Legislature", LEGISLATURE),
    "general assembly": ("{} Legislature", LEGISLATURE),
    "assembly": ("{} Legislature", LEGISLATURE),
    "senate": ("{} Senate", LEGISLATURE),
    "house": ("{} House of Representatives", LEGISLATURE),
    "governor": ("{} governor", PERSON),
    "attorney general": ("{} attorney general", GOVERNMENT),
    "supreme court": ("{} Supreme Court", COURT),
}


def _with_us_states(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A U.S. state's bodies, and a state acting by its name ("Texas banned ..."), which the
    general rules read as a company."""
    added = [
        replace(m, name=f"{m.text} state government", kind=GOVERNMENT, country="US")
        if m.kind == COMPANY and m.text in _US_STATES
        else m
        for m in mentions
    ]
    for match in _STATE_BODY.finditer(text):
        start, end = match.start(), match.end()
        inside = _replaceable(added, start, end, {COMPANY, COUNTRY, GOVERNMENT})
        if inside is None:
            continue
        state = match["of"] or match["state"]
        pattern, kind = _STATE_BODIES.get(
            (match["head"] or "government").casefold(), ("{} state government", GOVERNMENT)
        )
        name = pattern.format(state)
        role = name if kind == PERSON else ""
        added = [m for m in added if m not in inside]
        added.append(ActorMention(name, kind, "US", text[start:end], start, end, role))
    return sorted(added, key=lambda m: m.start)


def _known_function(code: str, description: str, head: str) -> str | None:
    """The well-known body of country ``code`` that a description names, if the table knows it."""
    words = f" {description.casefold()} "
    for country, functions, heads, canonical in _KNOWN_FUNCTIONS:
        if country == code and head in heads and any(f" {w} " in words for w in functions):
            return canonical
    return None


# "The Malaysian Communications and Multimedia Comission (MCMC)": a name the text defines by
# its initials, spelling mistakes and all; later "MCMC" is the same body.
_DEFINED_ACRONYM = re.compile(
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:(?:and|of|for|on|the|&)\s+)*[A-Z][\w&'’-]*){1,8})"
    r"\s+\((?P<acronym>[A-Z](?:[a-z]?[A-Z]){1,7})\)"
)
_ACRONYM_BODY = re.compile(
    r"\b(?:Commission|Comission|Ministry|Authority|Agency|Council|Board|Office|Administration|"
    r"Bureau|Department|Regulator|Tribunal|Service|Directorate|Inspectorate)\b"
)
_ACRONYM_KIND = (
    (re.compile(r"\b(?:Court|Tribunal)\b"), COURT),
    # Central banks: "Reserve Bank of Australia (RBA)", "European Central Bank (ECB)".
    (re.compile(r"\b(?:Reserve|Central|National) Bank\b"), GOVERNMENT),
    (re.compile(r"\b(?:Parliament|Assembly|Congress|Senate)\b"), LEGISLATURE),
    (_ACRONYM_BODY, GOVERNMENT),
)


def _with_acronyms(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Bodies defined by their initials that no other rule named."""
    added = list(mentions)
    for match in _DEFINED_ACRONYM.finditer(text):
        name, acronym = match["name"], match["acronym"]
        start, end = match.start("name"), match.end("name")
        if "\n" in name:
            # A name never spans lines: a headline ends before "The Office of ... (OAIC)".
            start += name.rfind("\n") + 1
            name = text[start:end]
        words = [w for w in re.split(r"\s+", name) if w[:1].isupper()]
        # The initials must be those of the name's last capitalised words ("Malaysian" may
        # stand before "Communications and Multimedia Comission (CMC)").
        initials = "".join(w[0] for w in words)
        # "Department of Telecommunications (DoT)": the capitals are the initials.
        capitals = "".join(c for c in acronym if c.isupper())
        if not initials.endswith(capitals) or len(capitals) < 2:
            continue
        named = [m for m in added if m.start < end and start < m.end]
        body = next((m for m in named if m.kind in _BODY_KINDS), None)
        if body is not None:
            # Another rule named the body: its initials are that body, whatever a general
            # rule made of them on their own ("DoT" read as a company name).
            canonical, kind, country = body.name, body.kind, body.country
        else:
            kind = next((k for pattern, k in _ACRONYM_KIND if pattern.search(name)), None)
            if re.search(rf"{_INSTRUMENT_AFTER.pattern}$", name):
                continue  # "the Export Administration Regulations (EAR)" names regulations
            # A country or a company reading inside the body's name ("Reserve Bank of
            # Australia") gives way to the body.
            if kind is None or any(m.kind not in {COUNTRY, COMPANY} for m in named):
                continue
            added = [m for m in added if m not in named]
            canonical = re.sub(r"^(?:The|the)\s+", "", name)
            country = _country_before(text, start) or _DEMONYMS.get(canonical.split()[0], "")
            added.append(ActorMention(canonical, kind, country, text[start:end], start, end))
        for later in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", text[end:]):
            at, stop = end + later.start(), end + later.end()
            if body is not None:
                added = [
                    m for m in added if not (m.kind == COMPANY and m.start < stop and at < m.end)
                ]
            inside = at < match.end()  # the definition's own "(DoT)" is no further mention
            if not inside and not any(m.start < stop and at < m.end for m in added):
                added.append(ActorMention(canonical, kind, country, acronym, at, stop))
    return sorted(added, key=lambda m: m.start)


# "A bipartisan, bicameral group of lawmakers", "a coalition of 44 attorneys general": a group
# named by its members acts as one; "the House" in a text about Congress is its lower chamber.
_GROUP = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>(?:[a-z-]+,?\s+){0,3}(?:group|coalition|bloc|delegation)"
    r"\s+of\s+(?:\d+\s+|[a-z]+\s+){0,2}(?:lawmakers|legislators|senators|representatives|"
    r"attorneys general|governors|ministers|regulators|states))\b"
)
_BARE_HOUSE = re.compile(r"\b[Tt]he House\b(?!\s+(?:of|Committee|Speaker|Select)\b)")
_US_CONGRESS_CONTEXT = re.compile(r"\b(?:Congress|U\.S\. Senate|US Senate|Senate|Sen\.|Rep\.)")
_US_CHAMBER_CONTEXT = re.compile(r"\b(?:Congress|U\.S\. Senate|US Senate|Sen\.|Rep\.)")


def _with_groups(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    added = list(mentions)

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in added)

    for match in _GROUP.finditer(text):
        start, end = match.start("name"), match.end("name")
        if free(start, end):
            kind = (
                GOVERNMENT
                if "general" in match["name"] or "regulators" in match["name"]
                else (LEGISLATURE)
            )
            name = re.sub(r"\s+", " ", match["name"])
            added.append(ActorMention(name, kind, "", text[start:end], start, end))
    if _US_CONGRESS_CONTEXT.search(text):
        for match in _BARE_HOUSE.finditer(text):
            start, end = match.start(), match.end()
            if free(start, end):
                added.append(
                    ActorMention(
                        "U.S. House of Representatives",
                        LEGISLATURE,
                        "US",
                        text[start:end],
                        start,
                        end,
                    )
                )
    return sorted(added, key=lambda m: m.start)


def _with_foreign_houses(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A "House of Representatives" or "Senate" of another country takes that country's name.

    Japan, Australia and others have one too: the chamber is theirs when a country stands
    before it ("Japan's House of Representatives"), or when the text names no U.S. chamber and
    its other legislatures, named before it, are all of one other country ("Japan's parliament
    ... the House of Representatives, the lower chamber").
    """
    chambers = {
        "U.S. House of Representatives": "House of Representatives",
        "U.S. Senate": "Senate",
    }
    houses = [m for m in mentions if m.name in chambers and not re.match(r"U\.?S", m.text)]
    if not houses:
        return mentions
    legislatures = [m for m in mentions if m.kind == LEGISLATURE and m.name not in chambers]
    others = {m.country for m in legislatures}
    text_country, after = "", 0
    # A bare "Senate" is no sign of Congress in a text that first names another country's
    # parliament ("The Australian parliament passed ... The Senate approved"): it has one too.
    if not _US_CHAMBER_CONTEXT.search(text) and len(others) == 1 and "US" not in others:
        text_country, after = next(iter(others)), min(m.start for m in legislatures)
    renamed = []
    for mention in mentions:
        code = _country_before(text, mention.start) if mention in houses else ""
        if not (code and code != "US"):
            code = text_country if mention in houses and mention.start > after else ""
        if code:
            name = f"{chambers[mention.name]} of {_COUNTRY_BY_CODE[code]}"
            mention = replace(mention, name=name, country=code)
        renamed.append(mention)
    return renamed


_IN_COUNTRY = re.compile(r"\s+in\s+(?:the\s+)?(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")


def _with_foreign_bodies(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A well-known body's short name used for another country's body is that country's.

    "The FTC in Japan" is Japan's competition authority, not the U.S. one; after "Brazil's
    Supreme Court", a bare "the Supreme Court" is that court again.
    """
    renamed: list[ActorMention] = []
    for mention in mentions:
        if mention.kind in _BODY_KINDS and mention.country:
            after = _IN_COUNTRY.match(text, mention.end)
            code = _COUNTRY_NOUNS.get(after["name"], "") if after else ""
            if code and code != mention.country:
                name = f"{mention.text.removeprefix('the ')} of {_COUNTRY_BY_CODE[code]}"
                mention = replace(mention, name=name, country=code)
            else:
                earlier = next(
                    (
                        m
                        for m in reversed(renamed)
                        if m.kind == mention.kind
                        and m.country != mention.country
                        and m.text != mention.text
                        and re.search(rf"\b{re.escape(mention.text)}$", m.text)
                    ),
                    None,
                )
                if earlier is not None:
                    mention = replace(mention, name=earlier.name, country=earlier.country)
        renamed.append(mention)
    return renamed


def _with_official_countries(mentions: list[ActorMention]) -> list[ActorMention]:
    """An official or a government body named without a country ("Interior Minister Jane Roe",
    "the State Commission for Data") is of the country the text is about (``_main_country``);
    in a text about several it stays without one, save a head of government whose title only
    one of them gives (``_titled_heads``)."""
    code = _main_country(mentions)
    if not code:
        return _titled_heads(mentions)
    return [
        replace(m, country=code)
        if not m.country
        and (m.kind == GOVERNMENT or m.kind == PERSON and role_category(m.role) == "official")
        else m
        for m in mentions
    ]


# Countries whose government has no prime minister: a president heads it (or China's
# premier, Taiwan's premier). Any other country may have one.
_NO_PRIME_MINISTER = frozenset(
    ["AR", "BR", "CH", "CL", "CN", "CO", "ID", "IR", "KE", "MX", "NG", "PH", "TW", "US", "VE"]
    + ["ZA", "EU"]
)


def _titled_heads(mentions: list[ActorMention]) -> list[ActorMention]:
    """A prime minister named by title alone ("Prime Minister Jane Roe") in a text naming
    several countries is of the only one the text has named before her that has a prime
    minister: after Canada, China and the U.S., Canada's."""
    resolved, named = [], set()
    for mention in mentions:
        if not mention.country and mention.kind == PERSON:
            with_office = named - _NO_PRIME_MINISTER
            if mention.role.casefold() == "prime minister" and len(with_office) == 1:
                mention = replace(mention, country=next(iter(with_office)))
        elif mention.country and mention.kind in _BODY_KINDS | {COUNTRY, PERSON}:
            named.add(mention.country)
        resolved.append(mention)
    return resolved


def _with_references(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "the agency", "the Commission", "the watchdog" as the body the text named before."""
    occupied = _Occupied((m.start, m.end) for m in mentions)
    bodies = [m for m in mentions if m.kind in _BODY_KINDS or m.kind == INTERNATIONAL]
    body_ends = [m.end for m in bodies]
    added = list(mentions)
    for match in _REFERENCE.finditer(text):
        start, end = match.start(), match.end()
        if occupied.overlaps(start, end):
            continue
        head = match["head"].casefold()
        if head in _FIXED_REFERENCES:
            name, kind, country = _FIXED_REFERENCES[head]
            added.append(ActorMention(name, kind, country, text[start:end], start, end))
            occupied.add(start, end)
            continue
        qualifier = (match["qual"] or "").casefold()[:6]
        # The nearest body before, walking back (bodies are sorted, so this stays cheap).
        earlier = bodies[: bisect_right(body_ends, start)]
        source = next(
            (
                m
                for m in reversed(earlier)
                if head in m.name.casefold() and qualifier in m.name.casefold()
            ),
            None,
        )
        if source is None and head in _GENERIC_HEADS:
            source = next((m for m in reversed(earlier) if m.kind == GOVERNMENT), None)
        if source is None and head in {"organisation", "organization"}:
            source = _nearest_organisation(text, mentions, start)
        if source is None:
            continue
        added.append(replace(source, text=text[start:end], start=start, end=end))
        occupied.add(start, end)
    return sorted(added, key=lambda m: m.start)


# What may come before an actor that opens its sentence: the text's start or a sentence's end,
# and an article.
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)(?:[Tt]he\s+)?$")


def _nearest_organisation(
    text: str, mentions: list[ActorMention], start: int
) -> ActorMention | None:
    """ "The organisation" as the actor opening the nearest earlier sentence that opens with
    one, when that actor is a public body: the subject the text was about ("The authority fined
    the firm. The organisation said ..."), never a group or a company named after it."""
    for mention in reversed(mentions):
        if mention.end > start:
            continue
        if _SENTENCE_OPENING.search(text, max(0, mention.start - 12), mention.start):
            return mention if mention.kind in _BODY_KINDS | {INTERNATIONAL} else None
    return None


# "the finance ministry", "the minister", "the government", "the CS": an office named by its
# function alone. A title is the person the text named with it before; otherwise, in a text
# about one country, the office is that country's.
_BARE_FUNCTION = re.compile(
    r"\b[Tt]he\s+(?P<desc>(?:(?!(?:opposition|shadow|regional|local|provincial|county|city|"
    r"state|municipal|former|same|other|new|country|nation)\b)[a-z][a-z-]+\s+){0,2}?)"
    r"(?P<head>government|authorities|authority|ministry|minister|regulator|watchdog|"
    r"cabinet secretary|"
    r"prime minister|foreign minister|CS|PM|FM)(?![\w-])(?!\s+(?:of|for)\s+[A-Z])(?!\s+[A-Z])"
)
_BARE_TITLES = {"minister", "cabinet secretary", "prime minister", "foreign minister"}


def _main_country(mentions: list[ActorMention]) -> str:
    """The country the text is about: named (or its bodies) more than twice as often as all
    other countries together ("Turkey ... the U.S. company ... Turkey ... Turkey"), or ""."""
    counts = Counter(
        m.country for m in mentions if m.country and (m.kind in _BODY_KINDS or m.kind == COUNTRY)
    )
    if not counts:
        return ""
    (code, count), others = counts.most_common(1)[0], sum(counts.values())
    return code if count > 2 * (others - count) else ""


def _with_bare_functions(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    occupied = _Occupied((m.start, m.end) for m in mentions)
    code = _main_country(mentions)
    added = list(mentions)
    for match in _BARE_FUNCTION.finditer(text):
        start, end = match.start(), match.end()
        if occupied.overlaps(start, end):
            continue
        desc = match["desc"].strip()
        head = _TITLE_ABBREVIATIONS.get(match["head"], match["head"]).casefold()
        found = text[start:end]
        if head in _BARE_TITLES:
            holder = next(
                (
                    m
                    for m in sorted(added, key=lambda m: m.start, reverse=True)
                    if m.end <= start
                    and m.kind == PERSON
                    and m.role.casefold().endswith(head)
                    and desc in m.role.casefold()
                ),
                None,
            )
            if holder is not None:
                added.append(replace(holder, text=found, start=start, end=end))
                occupied.add(start, end)
                continue
        if not code or code == "EU":
            continue
        country = _COUNTRY_BY_CODE[code]
        if head in _BARE_TITLES:
            name = f"{country}'s {desc + ' ' if desc else ''}{head}"
            mention = ActorMention(name, PERSON, code, found, start, end, name)
        elif head in {"government", "authorities"}:
            if desc:
                continue
            mention = ActorMention(government_name(code), GOVERNMENT, code, found, start, end)
        elif head == "ministry":
            if not desc:
                continue
            x = _LOWER_MINISTRY_NAMES.get(desc, desc.title())
            name = _known_function(code, desc, head) or f"Ministry of {x} of {country}"
            mention = ActorMention(name, GOVERNMENT, code, found, start, end)
        else:
            if not desc:
                continue
            name = _known_function(code, desc, head) or f"{country}'s {desc} {head}"
            mention = ActorMention(name, GOVERNMENT, code, found, start, end)
        added.append(mention)
        occupied.add(start, end)
    return sorted(added, key=lambda m: m.start)


# "the BTK communications authority", "the KCC broadcast regulator": a body named by its
# initials and what it does, of the country named before it or the text's one country.
_INITIALLED_BODY = re.compile(
    r"(?<![\w.&-])(?P<initials>[A-Z]{2,6})\s+(?:[a-z][a-z-]+\s+){1,3}?"
    r"(?:authority|regulator|watchdog|agency|commission|ministry)(?![\w-])"
)


def _with_initialled_bodies(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    code = _main_country(mentions)
    added = list(mentions)
    for match in _INITIALLED_BODY.finditer(text):
        start, end = match.start("initials"), match.end()
        inside = [m for m in added if m.start < end and start < m.end]
        if any(m.kind not in {COMPANY, OTHER} or m.start < start for m in inside):
            continue
        country = _country_before(text, start) or code
        if not country:
            continue
        added = [m for m in added if m not in inside]
        name = match["initials"]
        added.append(ActorMention(name, GOVERNMENT, country, text[start:end], start, end))
    return sorted(added, key=lambda m: m.start)


# "The platform had been blocked", "the company said": the company named last before, in a
# sentence of its own (within a sentence, "the company" may be one being introduced).
_COMPANY_REFERENCE = re.compile(
    r"(?:(?<=^)|(?<=[.!?]\s)|(?<=[.!?][\"”]\s)|(?<=\n))[Tt]he\s+(?:company|firm|platform|app|"
    r"social network|startup|start-up|chipmaker)(?![\w-])(?!\s+[A-Z])"
)


def _with_company_references(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    occupied = _Occupied((m.start, m.end) for m in mentions)
    companies = [m for m in mentions if m.kind == COMPANY]
    ends = [m.end for m in companies]
    added = list(mentions)
    for match in _COMPANY_REFERENCE.finditer(text):
        start, end = match.start(), match.end()
        earlier = companies[: bisect_right(ends, start)]
        if not earlier or occupied.overlaps(start, end):
            continue
        added.append(replace(earlier[-1], text=text[start:end], start=start, end=end))
        occupied.add(start, end)
    return sorted(added, key=lambda m: m.start)


def _with_countrys_own_bodies(mentions: list[ActorMention]) -> list[ActorMention]:
    """A country's body named without the country word of its full name is that known body:
    "South Korea's Fair Trade Commission" is the "Korea Fair Trade Commission", "India's
    Competition Commission" the "Competition Commission of India"."""
    return [
        replace(
            mention, name=_COUNTRYS_OWN_BODIES.get((mention.country, mention.name), mention.name)
        )
        if mention.kind == GOVERNMENT
        else mention
        for mention in mentions
    ]


def _countrys_own_bodies() -> dict[tuple[str, str], str]:
    bodies = {}
    for canonical, kind, code, _ in _KNOWN:
        if kind != GOVERNMENT or not code or code == "EU":
            continue  # the EU's "Commission" and "Council" are each two bodies
        leading = re.match(r"(?P<country>[A-Z]\w+) (?P<name>[A-Z].+)$", canonical)
        trailing = re.match(r"(?P<name>.+) of (?:the )?(?P<country>[A-Z]\w+)$", canonical)
        for found in filter(None, (leading, trailing)):
            if country_code(found["country"]) == code:
                bodies[(code, found["name"])] = canonical
    return bodies


_COUNTRYS_OWN_BODIES = _countrys_own_bodies()


def _with_named_descriptions(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A body described and then named in apposition is the body named: "Portugal's
    regulator, the Portuguese Aviation Authority, said ..." is the authority acting."""
    named = list(mentions)
    for index, (described, name) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if (
            described.kind == name.kind == GOVERNMENT
            and described.country == name.country != ""
            and described.name != name.name
            and described.text.rsplit(maxsplit=1)[-1].islower()
            and _APPOSITION_GAP.fullmatch(text[described.end : name.start])
        ):
            named[index] = replace(described, name=name.name)
    return named


_APPOSITION_GAP = re.compile(r",\s+(?:the\s+)?")

"""The one catalogue of reader-facing labels, French and English, and the language rules that go
with them: ``t`` (a code's label), ``status_label``, ``code_label`` (the label of a coded value of
the published data), ``colon`` (French space before ':'), ``format_number`` and the month names.

Every word a reader sees on a page, in a chart or in a feed comes from here (tests check that
every coded value of the published data has both labels). Colours and fonts are in
:mod:`helpers.charts.style`.
"""
from __future__ import annotations

LANGS = ("fr", "en")
LABELS: dict[str, tuple[str, str]] = {
    # event categories
    "diplomacy": ("Diplomatie", "Diplomacy"), "treaty": ("Traité", "Treaty"),
    "military aid": ("Aide militaire", "Military aid"), "troops": ("Troupes", "Troops"),
    "missiles": ("Missiles", "Missiles"), "sanctions and UN": ("Sanctions et ONU", "Sanctions and UN"),
    "economy": ("Économie et transports", "Economy and transport"),
    "space and technology": ("Espace et technologie", "Space and technology"), "other": ("Autre", "Other"),
    # camps
    "russia": ("Russie", "Russia"), "north-korea": ("Corée du Nord", "North Korea"), "ukraine": ("Ukraine", "Ukraine"),
    "allies": ("États-Unis, Europe, Corée du Sud, Japon", "US, Europe, South Korea, Japan"),
    "independent": ("Médias, centres de recherche, OSINT", "Media, think tanks, OSINT"),
    "un": ("ONU", "UN"), "anonymous": ("Anonyme", "Anonymous"),
    # stances
    "asserts": ("affirme", "asserts"), "corroborates": ("corrobore", "corroborates"),
    "acknowledges": ("reconnaît", "acknowledges"), "denies": ("dément", "denies"),
    "declines to comment": ("refuse de commenter", "declines to comment"),
    # event status
    "official": ("officiel", "official"), "reported": ("rapporté", "reported"), "alleged": ("allégué", "alleged"),
    "denied": ("démenti", "denied"), "acknowledged": ("reconnu", "acknowledged"),
    # claim status
    "acknowledged-both": ("Confirmé par la Russie et la Corée du Nord", "Confirmed by Russia and North Korea"),
    "acknowledged-russia": ("Confirmé par la Russie", "Confirmed by Russia"),
    "acknowledged-north-korea": ("Confirmé par la Corée du Nord", "Confirmed by North Korea"),
    "count:event": ("événement", "event"), "count:events": ("événements", "events"),
    "count:column": ("colonne", "column"), "count:columns": ("colonnes", "columns"),
    "chart:timeline": ("Chronologie", "Timeline"), "chart:claims": ("Les prises de position sur chaque affirmation", "The statements on each claim"),
    "chart:status-history": ("Le statut des affirmations dans le temps", "The claims' status over time"),
    "chart:estimates": ("Les estimations chiffrées", "The numeric estimates"), "chart:map-overview": ("Carte d’ensemble", "Overview map"),
    "chart:map-korea-primorye": ("Carte de Rason, du Tumen et du Primorié", "Map of Rason, the Tumen and Primorye"),
    "chart:map-troops": ("Carte du trajet des soldats", "Map of the soldiers’ journey"),
    "chart:map-munitions": ("Carte des routes des munitions", "Map of the munitions routes"),
    "map:RU": ("Russie", "Russia"), "map:CN": ("Chine", "China"), "map:MN": ("Mongolie", "Mongolia"), "map:KZ": ("Kazakhstan", "Kazakhstan"),
    "map:UA": ("Ukraine", "Ukraine"), "map:BY": ("Biélorussie", "Belarus"), "map:KP": ("Corée du Nord", "North Korea"),
    "map:KR": ("Corée du Sud", "South Korea"),
    "sea:japan": ("mer du Japon", "Sea of Japan"), "sea:black": ("mer Noire", "Black Sea"), "sea:caspian": ("mer Caspienne", "Caspian Sea"),
    "sea:yellow": ("mer Jaune", "Yellow Sea"), "sea:azov": ("mer d’Azov", "Sea of Azov"),
    "area:RU-KRS": ("Région de Koursk", "Kursk region"), "area:KP-13": ("Rason", "Rason"),
    "area:RU-PRI": ("Kraï du Primorié", "Primorsky Krai"),
    "tl:filled": ("officiel ou rapporté", "official or reported"), "tl:hollow": ("allégation", "allegation"),
    "cl:wait": ("De la première allégation à la confirmation", "From first allegation to confirmation"),
    "est:at-least": ("▲ « plus de » (borne basse)", "▲ 'more than' (lower bound)"), "est:at-most": ("▼ « jusqu’à » (borne haute)", "▼ 'up to' (upper bound)"),
    "acknowledged-one": ("Confirmé par la Russie ou la Corée du Nord", "Confirmed by Russia or North Korea"),
    "on-record": ("Attesté par les intéressés", "On the record from those concerned"),
    "corroborated": ("Corroboré par des preuves indépendantes", "Corroborated by independent evidence"),
    "several-sides": ("Affirmé par plusieurs camps", "Asserted by several sides"),
    "disputed": ("Reconnu puis démenti", "Acknowledged, then denied"),
    "status-denied": ("Allégué et démenti", "Alleged and denied"),
    "status-alleged": ("Allégué par un seul camp", "Alleged by one side"),
    "unverified": ("Invérifiable (anonyme)", "Unverified (anonymous only)"),
    "not-yet-claimed": ("Pas encore affirmé", "Not yet claimed"),
    # article attributions
    "none": ("aucune attribution", "no attribution"),
    "anonymous source close to the matter": ("« une source proche du dossier »", "'a source close to the matter'"),
    "western and ukrainian sources": ("« sources occidentales et ukrainiennes »", "'Western and Ukrainian sources'"),
    "unnamed many": ("« beaucoup » (non nommés)", "'many' (unnamed)"),
    "anonymous european diplomat": ("« un diplomate européen » anonyme", "an anonymous 'European diplomat'"),
    # quantities
    "troops deployed": ("Soldats déployés", "Troops deployed"),
    "killed and wounded": ("Tués et blessés", "Killed and wounded"), "killed": ("Tués", "Killed"),
    "prisoners": ("Prisonniers", "Prisoners"), "artillery shells": ("Obus d'artillerie", "Artillery shells"),
    "shipping containers": ("Conteneurs", "Shipping containers"), "ballistic missiles": ("Missiles balistiques", "Ballistic missiles"),
    "artillery systems": ("Systèmes d'artillerie", "Artillery systems"), "rocket launchers": ("Lance-roquettes", "Rocket launchers"),
    "workers": ("Travailleurs", "Workers"), "refined petroleum": ("Produits pétroliers raffinés", "Refined petroleum"),
    "engineers and deminers": ("Sapeurs et démineurs", "Engineers and deminers"),
    "wounded": ("Blessés", "Wounded"), "artillery shells per year": ("Obus par an", "Artillery shells per year"),
    "cargo ship voyages": ("Voyages de cargos", "Cargo ship voyages"),
    "share of Russian artillery ammunition": ("Part des obus russes (%)", "Share of Russia's shells (%)"),
    "ballistic missiles fired": ("Missiles balistiques tirés", "Ballistic missiles fired"),
    "arrivals in Russia": ("Arrivées de Nord-Coréens en Russie", "North Korean arrivals in Russia"),
    "tanker visits": ("Escales de pétroliers", "Tanker visits"), "military builders": ("Bâtisseurs militaires", "Military builders"),
    "killed and wounded per day": ("Tués et blessés par jour", "Killed and wounded per day"),
    "wounded repatriated": ("Blessés rapatriés", "Wounded repatriated"),
    # methods
    "count": ("décompte", "count"), "capacity-based conversion": ("conversion par capacité (estimation d'estimation)", "capacity-based conversion (estimate of an estimate)"),
    "extrapolation": ("extrapolation", "extrapolation"), "unstated": ("méthode non précisée", "method not stated"),
    # claim topics (short, for chart rows)
    "topic:meeting": ("Rencontre", "Meeting"), "topic:greetings": ("Salutations", "Greetings"),
    "topic:ties": ("Liens renforcés", "Closer ties"), "topic:treaty": ("Traité", "Treaty"),
    "topic:shells": ("Obus", "Shells"), "topic:missiles": ("Missiles", "Missiles"), "topic:troops": ("Troupes", "Troops"),
    "topic:military and security contacts": ("Contacts militaires", "Military contacts"),
    "topic:kremlin position": ("Kremlin évasif", "Kremlin evasive"), "topic:western reaction": ("Inquiétude occidentale", "Western concern"),
    "topic:diplomat quote": ("Diplomate européen", "European diplomat"), "topic:condemnation": ("Condamnation", "Condemnation"),
    "topic:sanctions": ("Sanctions", "Sanctions"), "topic:escalation": ("Escalade", "Escalation"),
    # evidence types (claim_sources.evidence_type, claims.strongest_evidence_type)
    "acknowledgement": ("reconnaissance officielle", "official acknowledgement"),
    "official statement": ("déclaration officielle", "official statement"),
    "news reporting": ("compte rendu de presse", "news reporting"),
    "imagery": ("images (satellite, photo, vidéo)", "imagery (satellite, photo, video)"),
    "intelligence briefing": ("renseignement communiqué", "intelligence briefing"),
    "debris analysis": ("analyse de débris", "debris analysis"), "document": ("document", "document"),
    "interview": ("entretien", "interview"), "prisoner testimony": ("témoignage de prisonnier", "prisoner testimony"),
    "trade or shipping records": ("données commerciales ou maritimes", "trade or shipping records"),
    # units (estimates.unit)
    "people": ("personnes", "people"), "people per day": ("personnes par jour", "people per day"),
    "percent": ("pour cent", "percent"), "barrels": ("barils", "barrels"), "containers": ("conteneurs", "containers"),
    "systems": ("systèmes", "systems"), "visits": ("escales", "visits"), "voyages": ("voyages", "voyages"),
    "shells": ("obus", "shells"), "shells per year": ("obus par an", "shells per year"),
    # place roles (places.role)
    "airport": ("aéroport", "airport"), "capital": ("capitale", "capital"), "city": ("ville", "city"),
    "depot": ("dépôt", "depot"), "event venue": ("lieu d'événement", "event venue"), "front area": ("zone du front", "front area"),
    "launch site": ("site de lancement", "launch site"), "port": ("port", "port"), "rail crossing": ("passage ferroviaire", "rail crossing"),
    "seat": ("siège", "seat"), "training ground": ("terrain d'entraînement", "training ground"),
    # routes (routes.kind, routes.mode)
    "arms shipment": ("livraison d'armes", "arms shipment"), "transport link": ("liaison de transport", "transport link"),
    "troop movement": ("mouvement de troupes", "troop movement"),
    "air": ("avion", "air"), "rail": ("train", "rail"), "road": ("route", "road"), "sea": ("mer", "sea"),
    # actor types (actors.actor_type)
    "OSINT group": ("groupe OSINT", "OSINT group"), "UN body": ("organe de l'ONU", "UN body"),
    "government body": ("organe gouvernemental", "government body"), "independent media": ("média indépendant", "independent media"),
    "intelligence service": ("service de renseignement", "intelligence service"),
    "international organisation": ("organisation internationale", "international organisation"),
    "military": ("armée", "military"), "person": ("personne", "person"), "state": ("État", "state"),
    "state media": ("média d'État", "state media"), "think tank": ("centre de recherche", "think tank"),
    # countries (ISO 3166-1 alpha-2, prefixed)
    "country:BE": ("Belgique", "Belgium"), "country:CN": ("Chine", "China"), "country:DE": ("Allemagne", "Germany"),
    "country:FR": ("France", "France"), "country:GB": ("Royaume-Uni", "United Kingdom"), "country:JP": ("Japon", "Japan"),
    "country:KP": ("Corée du Nord", "North Korea"), "country:KR": ("Corée du Sud", "South Korea"),
    "country:RU": ("Russie", "Russia"), "country:UA": ("Ukraine", "Ukraine"), "country:US": ("États-Unis", "United States"),
    # languages (ISO 639-1, prefixed)
    "lang:de": ("allemand", "German"), "lang:el": ("grec", "Greek"), "lang:en": ("anglais", "English"),
    "lang:fr": ("français", "French"), "lang:id": ("indonésien", "Indonesian"), "lang:it": ("italien", "Italian"),
    "lang:ja": ("japonais", "Japanese"), "lang:ko": ("coréen", "Korean"), "lang:mk": ("macédonien", "Macedonian"),
    "lang:pl": ("polonais", "Polish"), "lang:ro": ("roumain", "Romanian"), "lang:ru": ("russe", "Russian"),
    "lang:uk": ("ukrainien", "Ukrainian"), "lang:zh": ("chinois", "Chinese"), "lang:es": ("espagnol", "Spanish"),
    "lang:ar": ("arabe", "Arabic"), "lang:tr": ("turc", "Turkish"), "lang:nl": ("néerlandais", "Dutch"),
    "lang:sk": ("slovaque", "Slovak"), "lang:pt": ("portugais", "Portuguese"), "lang:vi": ("vietnamien", "Vietnamese"),
    # table column headers and page furniture
    "col:date": ("Date", "Date"), "col:category": ("Catégorie", "Category"), "col:event": ("Événement", "Event"),
    "col:status": ("Statut", "Status"), "col:claim": ("Affirmation", "Claim"), "col:who": ("Qui", "Who"),
    "col:stance": ("Position", "Stance"), "col:evidence": ("Preuve", "Evidence"), "col:quantity": ("Quantité", "Quantity"),
    "col:value": ("Valeur", "Value"), "col:method": ("Méthode", "Method"), "col:place": ("Lieu", "Place"),
    "col:role": ("Rôle", "Role"), "col:country": ("Pays", "Country"), "col:events": ("Événements", "Events"),
    "col:route": ("Route", "Route"), "col:mode": ("Mode", "Mode"), "col:first-reported": ("Signalée le", "First reported"),
    "col:by": ("Par", "By"), "col:sources": ("Sources", "Sources"), "col:file": ("Fichier", "File"),
    "datapackage": ("Paquet de données (dictionnaire)", "Data Package (dictionary)"), "unit-kb": ("Ko", "KB"),
    "ftype:string": ("texte", "string"), "ftype:integer": ("entier", "integer"), "ftype:number": ("nombre", "number"),
    "ftype:date": ("date", "date"), "ftype:boolean": ("booléen", "boolean"),
    "col:column": ("Colonne", "Column"), "col:type": ("Type", "Type"), "col:description": ("Description", "Description"),
    "col:id": ("Identifiant", "Identifier"), "col:imagery": ("Imagerie satellite", "Satellite imagery"),
    "ui:open-alone": ("Ouvrir seul / intégrer", "Open alone / embed"), "ui:png": ("Image PNG", "PNG image"),
    "ui:data": ("Données", "Data"), "ui:chart-table": ("Le graphique en tableau", "The chart as a table"),
    "ui:noscript": ("Ce graphique a besoin de JavaScript ; ses données sont dans le tableau ci-dessous.",
                    "This chart needs JavaScript; its data are in the table below."),
    "ui:search": ("Rechercher dans le tableau", "Search the table"),
    "ui:count": ("{shown} lignes sur {total}", "{shown} of {total} rows"),
    "ui:all-rows": ("Afficher les {total} lignes", "Show all {total} rows"),
    "ui:yes": ("oui", "yes"), "ui:no": ("non", "no"),
    # chart furniture
    "source": ("Source", "Source"), "sources": ("Sources", "Sources"), "date": ("Date", "Date"),
    "claimant": ("Qui l'affirme", "Claimant"), "evidence": ("Élément de preuve", "Evidence"),
    "article-date": ("Article (4 nov. 2024)", "Article (4 Nov 2024)"),
    "meeting": ("Rencontre Poutine–Choe, 4 nov. 2024", "Putin–Choe meeting, 4 Nov 2024"),
    "credit": ("Données : rédaction, sources citées ; CC BY 4.0", "Data: the desk, cited sources; CC BY 4.0"),
    "warring-party": ("partie au conflit", "warring party"),
    "open-bound": ("borne ouverte", "open bound"),
    # source tiers (publishers.csv) and reprints
    "tier:primary": ("source primaire", "primary source"), "tier:wire": ("agence de presse", "wire agency"), "tier:established outlet": ("média établi", "established outlet"),
    "tier:research/OSINT": ("recherche / OSINT", "research / OSINT"),
    "tier:state media": ("média d’État d’une partie", "state media of a party"), "tier:partisan outlet": ("média partisan", "partisan outlet"), "tier:aggregator/reprint": ("agrégateur / reprise", "aggregator / reprint"),
    "tier:refused": ("refusée (ferme de contenu, miroir)", "refused (content farm, mirror)"), "after-original": ("d'après", "after"),
    # original publishers (sources.original_publisher) that are institutions with a French name
    "org:White House": ("Maison-Blanche", "White House"), "org:EU High Representative": ("Haut représentant de l'UE", "EU High Representative"),
    "org:Russian General Staff": ("État-major général russe", "Russian General Staff"),
    "org:Permanent Mission of Ukraine to the UN": ("Mission permanente de l'Ukraine auprès de l'ONU", "Permanent Mission of Ukraine to the UN"),
    "org:Not named on the page": ("source non nommée", "source not named"),
    "independent-sources": ("sources indépendantes", "independent sources"),
    # source types (sources.csv)
    "stype:official statement": ("déclaration officielle", "official statement"), "stype:state media": ("média d'État", "state media"), "stype:news report": ("article de presse", "news report"),
    "stype:intelligence briefing reported by media": ("renseignement rapporté par la presse", "intelligence briefing reported by media"), "stype:think tank": ("centre de recherche", "think tank"),
    "stype:OSINT": ("renseignement en sources ouvertes (OSINT)", "OSINT"), "stype:UN document": ("document de l'ONU", "UN document"), "stype:court document": ("document judiciaire", "court document"),
    "stype:encyclopedia": ("encyclopédie", "encyclopedia"), "stype:gazetteer": ("répertoire géographique", "gazetteer"),
}


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def t(key: str, lang: str) -> str:
    """The French or English label of a code; the code itself when it has none."""
    check_lang(lang)
    pair = LABELS.get(key)
    return key if pair is None else pair[0 if lang == "fr" else 1]


def status_label(code: str, lang: str) -> str:
    """Claim-status label (the short codes 'alleged'/'denied' also name event statuses)."""
    return t({"alleged": "status-alleged", "denied": "status-denied"}.get(code, code), lang)


def quote(text: str, lang: str) -> str:
    """Text between the page language's quotation marks (``cp:quotes``: « » with narrow no-break spaces, ‘ ’)."""
    opening, closing = t("cp:quotes", lang).split("||")
    return f"{opening}{text}{closing}"


def colon(lang: str) -> str:
    """' :' in French (space before the colon), ':' in English."""
    return " :" if check_lang(lang) == "fr" else ":"


def missing(value) -> bool:
    """None, NaN or pandas' NA: a value with nothing to show."""
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


def format_number(value, lang: str = "fr") -> str:
    """A number as readers write it: '12 000' (narrow no-break space) and '2,5' in French, '12,000' and
    '2.5' in English; round millions in words ('12 millions', '12 million'); '–' when missing."""
    if missing(value):
        return "–"
    v = float(value)
    if abs(v) >= 1_000_000 and v % 100_000 == 0:  # '12 millions', '1,5 million': nothing rounded away
        m = v / 1_000_000
        figure = f"{m:.0f}" if m.is_integer() else f"{m:.1f}"
        if lang == "fr":
            return figure.replace(".", ",") + "\u00a0" + ("million" if abs(m) < 2 else "millions")
        return figure + "\u00a0million"
    text = f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


#: Columns of the published data whose values are codes shown to readers, with the prefix of
#: their labels in LABELS (tests check that every value has a French and an English label).
CODED_COLUMNS: dict[tuple[str, str], str] = {
    ("timeline", "category"): "", ("timeline", "status"): "",
    ("claim_sources", "stance"): "", ("claim_sources", "evidence_type"): "", ("claim_sources", "claimant_camp"): "",
    ("claims", "topic"): "topic:", ("claims", "article_attribution"): "", ("claims", "strongest_evidence_type"): "",
    ("claims", "status_today"): "status", ("claims", "status_at_publication"): "status",
    ("estimates", "quantity"): "", ("estimates", "method"): "", ("estimates", "unit"): "",
    ("places", "role"): "", ("places", "country"): "country:",
    ("routes", "kind"): "", ("routes", "mode"): "", ("routes", "status"): "",
    ("actors", "actor_type"): "", ("actors", "camp"): "", ("actors", "country"): "country:",
    ("sources", "source_type"): "stype:", ("sources", "language"): "lang:",
}


def count_label(n: int, noun: str, lang: str) -> str:
    """'0 événement', '2 événements', '1 event', '3 events': a count with its noun, agreed (French
    takes the singular below 2). ``noun`` is a catalogue key with its singular and plural
    ('count:event' and 'count:events')."""
    key = f"count:{noun}" if (n < 2 if lang == "fr" else n == 1) else f"count:{noun}s"
    return f"{format_number(n, lang)} {t(key, lang)}"


def has_label(key: str) -> bool:
    return key in LABELS


def code_label(table: str, column: str, value: str, lang: str) -> str:
    """The reader-facing label of a coded value of the published data (see CODED_COLUMNS)."""
    prefix = CODED_COLUMNS[(table, column)]
    if prefix == "status":
        return status_label(value, lang)
    return t(prefix + value, lang)
# ---- issue 13: claim pages, claims list, status history, updates feed (labels only) ----
LABELS.update({
    "media investigation": ("enquête de presse", "media investigation"),
    # claim page
    "cp:title": ("Affirmation", "Claim"),
    "cp:article": ("Ce que dit l'article", "What the article says"),
    "cp:paragraph": ("Article source, paragraphe", "Source article, paragraph"),
    "cp:quote-lead": ("Les mots de l'article, cités brièvement :", "The article's own words, briefly quoted (in French):"),
    "cp:ours": ("Notre reformulation :", "Our paraphrase:"),
    "cp:status": ("Statut", "Status"), "cp:status-then": ("À la date de l'article (4 novembre 2024)", "On the article's date (4 November 2024)"),
    "cp:status-now": ("Aujourd'hui", "Today"), "cp:last-changed": ("Dernière modification des données", "Data last changed on"),
    "cp:latest-statement": ("Dernière prise de position datée", "Latest dated statement"),
    "cp:history": ("Historique du statut", "Status history"),
    "cp:after": ("après", "after"), "cp:from": ("de", "from"),
    "cp:evidence": ("Les prises de position, dans l'ordre", "The statements, in date order"),
    "cp:count": ("prises de position", "statements"), "cp:publishers": ("éditeurs d'origine distincts", "distinct original publishers"),
    "cp:camp": ("camp", "camp"), "cp:evidence-type": ("élément", "evidence"), "cp:source": ("source", "source"),
    "cp:original": ("original", "original"), "cp:in-lang": ("en français", "in English"),
    "cp:undated": ("non daté, consulté le", "undated, accessed"),
    "cp:audit": ("L'attribution de l'article", "The article's attribution"),
    "cp:article-says": ("L'article attribue l'affirmation à", "The article attributes the claim to"),
    "cp:earliest": ("Première source trouvée", "Earliest source found"), "cp:strongest": ("Élément le plus solide", "Strongest evidence"),
    "cp:matches-earliest": ("L'attribution correspond-elle à la première source ?", "Does the attribution match the earliest source?"),
    "cp:matches-strongest": ("… et à l'élément le plus solide ?", "… and the strongest evidence?"),
    "cp:yes": ("oui", "yes"), "cp:no": ("non", "no"), "cp:na": ("sans objet", "not applicable"),
    "cp:magnitude": ("L'ordre de grandeur", "The order of magnitude"),
    "cp:magnitude-need": ("Plus petit nombre compatible avec la formulation de l'article", "Smallest number the article's wording allows"),
    "cp:magnitude-best": ("Plus haut chiffre de nos estimations à la date de l'article", "Highest figure in our estimates on the article's date"),
    "cp:magnitude-ok": ("Le chiffre de l'article était-il étayé ?", "Was the article's figure supported?"),
    "cp:related": ("Événements et estimations liés", "Related events and estimates"),
    "cp:events": ("Événements de la chronologie", "Timeline events"), "cp:estimates": ("Estimations chiffrées", "Numeric estimates"),
    "cp:none": ("Aucun élément lié.", "Nothing linked."),
    "cp:report": ("Signaler une erreur", "Report an error"),
    "cp:report-text": ("Une erreur dans cette fiche ? Écrivez-nous en citant l'identifiant", "Found an error on this page? Write to us, quoting the id"),
    "cp:report-link": ("comment nous corrigeons", "how we correct"),
    "cp:report-how": ("voir", "see"),
    "co:write": ("Écrivez à la rédaction :", "Write to the desk:"),
    "cp:report-subject": ("Signalement d’une erreur", "Error report"),
    "cp:reuse": ("Réutiliser", "Reuse"),
    "cp:reuse-text": ("Cette fiche est balisée en ClaimReview (schema.org). Toutes les fiches en un fichier :",
                      "This page carries ClaimReview markup (schema.org). Every review in one file:"),
    "cp:all-claims": ("Toutes les affirmations", "All claims"),
    "cp:verdict": ("Verdict", "Verdict"), "cp:since": ("depuis le", "since"),
    "cp:quotes": ("«\u202f||\u202f»", "‘||’"),
    # the verdict scale (methodology): one rule per status, in the order of helpers.model.claims.SCALE
    "scale:rank": ("Rang", "Rank"), "scale:status": ("Statut", "Status"), "scale:rule": ("Règle", "Rule"),
    "scale:examples": ("Affirmations à ce niveau aujourd'hui", "Claims at this level today"),
    "scale:caption": ("Le barème des verdicts, du mieux établi (8) au moins établi (1), appliqué aux 15 affirmations",
                      "The verdict scale, from best (8) to least (1) established, applied to the 15 claims"),
    "rule:acknowledged-both": ("les dernières positions officielles de Moscou et de Pyongyang reconnaissent les faits",
                               "the latest official positions of both Moscow and Pyongyang acknowledge it"),
    "rule:acknowledged-russia": ("la dernière position officielle de Moscou reconnaît les faits", "Moscow's latest official position acknowledges it"),
    "rule:acknowledged-north-korea": ("la dernière position officielle de Pyongyang reconnaît les faits", "Pyongyang's latest official position acknowledges it"),
    "rule:on-record": ("les gouvernements dont l'affirmation décrit la position (par exemple l'inquiétude occidentale) l'expriment eux-mêmes",
                       "the governments whose position the claim describes (e.g. Western concern) state it themselves"),
    "rule:corroborated": ("des preuves matérielles ou documentaires (images, débris, témoignages de prisonniers, registres commerciaux, "
                          "documents, enquêtes de presse) produites par des enquêteurs qui ne sont ni parties à la guerre ni alliés de "
                          "l'une d'elles (médias, centres de recherche, OSINT, ONU), ou le soutien à la fois de ces enquêteurs et de l'ONU",
                          "physical or documentary evidence (imagery, debris, prisoner testimony, trade records, documents, press "
                          "investigations) produced by investigators that are neither parties to the war nor allies of one (media, think "
                          "tanks, OSINT, the UN), or support from both those investigators and the UN"),
    "rule:several-sides": ("soutenu par au moins deux camps nommés, sans preuve indépendante : par exemple l'Ukraine, partie à la guerre, et ses alliés",
                           "supported by two or more named camps, with no independent evidence: for example Ukraine, a party to the war, and its allies"),
    "rule:disputed": ("une reconnaissance officielle a été suivie d'un démenti, sans autre reconnaissance",
                      "an official acknowledgement was followed by a denial, with no other acknowledgement"),
    "rule:alleged": ("soutenu par un seul camp nommé", "supported by one named camp"),
    "rule:denied": ("soutenu par un seul camp et démenti officiellement", "supported by one camp and officially denied"),
    "rule:unverified": ("soutenu seulement par des sources anonymes", "supported by anonymous sources only"),
    "rule:not-yet-claimed": ("aucune prise de position datée", "no dated statement yet"),
    "cp:on-article-day": ("Le jour de l'article (4 novembre 2024)", "On the article's date (4 November 2024)"),
    "cp:prev": ("Affirmation précédente", "Previous claim"), "cp:next": ("Affirmation suivante", "Next claim"),
    "cp:cite": ("Citer cette fiche", "Cite this fact-check"),
    "cp:published": ("publiée le", "published"), "cp:updated": ("mise à jour le", "updated"),
    "cp:version": ("données en version", "data version"),
    "cp:why-yes": ("la première prise de position vient d'un camp que l'article désigne", "the earliest statement comes from a camp the article names"),
    "cp:why-no": ("la première prise de position vient du camp", "the earliest statement comes from the camp"),
    "cp:why-no-end": ("que l'article ne désigne pas", "which the article does not name"),
    "cp:why-strong-yes": ("l'élément le plus solide vient d'un camp que l'article désigne", "the strongest evidence comes from a camp the article names"),
    "cp:why-strong-no": ("l'élément le plus solide vient du camp", "the strongest evidence comes from the camp"),
    "cp:why-na": ("l'article n'attribue l'affirmation à personne", "the article attributes the claim to no one"),
    "cp:unknown-article": ("Article en français sur la rencontre Poutine–Choe du 4 novembre 2024 (média non identifié)",
                           "French-language article on the Putin–Choe meeting of 4 November 2024 (outlet not identified)"),
    "cp:desk": ("Moscou–Pyongyang, sourcé", "Moscow–Pyongyang, sourced"),
    # claims list (story page) and register (data page)
    "cl:caption": ("Les affirmations de l'article, chacune avec sa fiche", "The article's claims, each with its own page"),
    "rg:events": ("Tous les événements (liens permanents)", "Every event (permalinks)"),
    "rg:estimates": ("Toutes les estimations (liens permanents)", "Every estimate (permalinks)"),
    "rg:event": ("Événement", "Event"), "rg:status": ("Statut", "Status"),
    "rg:quantity": ("Quantité", "Quantity"), "rg:value": ("Valeur", "Value"), "rg:who": ("Qui", "Who"),
    # status history chart table
    "sh:claim": ("Affirmation", "Claim"), "sh:previous": ("Statut précédent", "Previous status"),
    "sh:status": ("Nouveau statut", "New status"),
    "sh:days": ("{n} jours après la première prise de position", "{n} days after the first statement"), "sh:cause": ("Prise de position qui l'a changé", "Statement that changed it"),
    # feed
    "fd:title": ("Moscou–Pyongyang, sourcé : mises à jour", "Moscow–Pyongyang, sourced: updates"),
    "fd:subtitle": ("Corrections, changements de statut des affirmations et nouveaux événements, tirés des données.",
                    "Corrections, changes of claim status and new events, from the data."),
    "fd:correction": ("Correction", "Correction"), "fd:status": ("Changement de statut", "Status change"),
    "fd:event": ("Nouvel événement", "New event"),
})

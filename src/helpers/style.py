"""One place for colours, fonts and French/English labels.

Palettes are colour-blind safe: Paul Tol's "muted" scheme for event categories and
Okabe & Ito's for claimant camps. Fonts are system fonts, so nothing is fetched.
"""
from __future__ import annotations

LANGS = ("fr", "en")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1a1a1a"
MUTED = "#5f5f5f"
GRID = "#e6e6e6"
HIGHLIGHT = "#b2182b"

CATEGORY_COLOURS = {
    "diplomacy": "#332288", "treaty": "#AA4499", "military aid": "#CC6677", "troops": "#882255",
    "missiles": "#117733", "sanctions and UN": "#88CCEE", "economy": "#44AA99",
    "space and technology": "#999933", "other": "#BBBBBB",
}
CAMP_COLOURS = {
    "russia": "#D55E00", "north-korea": "#CC79A7", "ukraine": "#0072B2", "allies": "#56B4E9",
    "independent": "#009E73", "un": "#E69F00", "other": "#999999", "anonymous": "#000000",
}
STANCE_SYMBOLS = {
    "asserts": "circle", "corroborates": "diamond", "acknowledges": "star",
    "denies": "x", "declines to comment": "square-open",
}
STATUS_COLOURS = {
    "acknowledged-both": "#1b7837", "acknowledged-russia": "#5aae61", "acknowledged-north-korea": "#5aae61",
    "on-record": "#4d9221", "corroborated": "#2166ac", "disputed": "#b35806", "denied": "#b2182b",
    "alleged": "#e08214", "unverified": "#878787", "not-yet-claimed": "#bababa",
}

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
    "on-record": ("Attesté par les intéressés", "On the record from those concerned"),
    "corroborated": ("Corroboré par des sources indépendantes", "Corroborated by independent sources"),
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
    "share of Russian artillery ammunition": ("Part des munitions d'artillerie russes (%)", "Share of Russian artillery ammunition (%)"),
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
    "tier:research/OSINT": ("recherche / OSINT", "research / OSINT"), "tier:aggregator/reprint": ("agrégateur / reprise", "aggregator / reprint"),
    "tier:refused": ("refusée (ferme de contenu, miroir)", "refused (content farm, mirror)"), "after-original": ("d'après", "after"),
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


def colon(lang: str) -> str:
    """' :' in French (space before the colon), ':' in English."""
    return " :" if check_lang(lang) == "fr" else ":"


def title_text(title: str, width: int = 36) -> str:
    """A chart title escaped and broken into short lines (plotly does not wrap), so it fits 375 px."""
    import html
    import textwrap

    return "<br>".join(html.escape(line) for line in textwrap.wrap(title, width=width))


def base_layout(lang: str, title: str, height: int = 520) -> dict:
    """Layout shared by every chart: fonts, margins, a two-line title and the legend under the
    plot, so nothing overlaps at 375 px."""
    check_lang(lang)
    return dict(
        title=dict(text=title_text(title), x=0, xanchor="left", xref="paper", y=1, yanchor="bottom", yref="paper",
                   automargin=True, pad=dict(b=12), font=dict(size=15, color=INK)),
        font=dict(family=FONT, size=13, color=INK), height=height,
        margin=dict(l=10, r=10, t=30, b=60), paper_bgcolor="white", plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.1, x=0, xanchor="left", font=dict(size=12)),
        hoverlabel=dict(font=dict(family=FONT, size=12), align="left"),
        separators=", " if lang == "fr" else ".,",
    )

"""How each kind of node and each relation is drawn, in the pages and in Gephi exports.

One table, so that a state is the same blue on the page and in Gephi. Shapes are vis-network
shapes that draw no text inside them (the pages draw every label themselves, next to the node).

Example:
    >>> node_style("State").color, rgb(node_style("State").color)
    ('#3b6fb6', (59, 111, 182))
"""

from __future__ import annotations

from typing import NamedTuple


class NodeStyle(NamedTuple):
    """Colour, vis-network shape and legend labels (English, Persian) of one kind of node."""

    color: str
    shape: str
    en: str
    fa: str


#: Node style per class (the most specific class of the node); ``Evidence`` and ``Article`` are
#: the roles the argument and citation networks give their nodes.
TYPE_STYLES = {
    "State": NodeStyle("#3b6fb6", "dot", "state", "دولت"),
    "IntergovernmentalOrganisation": NodeStyle("#2e9e5b", "square", "intergovernmental organisation", "سازمان بین‌دولتی"),
    "OrganisationBody": NodeStyle("#8fd19e", "square", "organ or body", "نهاد یا رکن"),
    "NonGovernmentalOrganisation": NodeStyle("#17a2b8", "diamond", "NGO", "سازمان غیردولتی"),
    "DeFactoEntity": NodeStyle("#8e6cc0", "triangle", "de facto entity", "موجودیت دوفاکتو"),
    "Legislature": NodeStyle("#c5b0d5", "triangle", "legislature", "مجلس قانون‌گذاری"),
    "PopulationGroup": NodeStyle("#a0785a", "dot", "population group", "گروه جمعیتی"),
    "ActorGroup": NodeStyle("#9aa3b2", "dot", "group of actors", "گروه کنشگران"),
    "Person": NodeStyle("#e58fc4", "dot", "person (author)", "شخص (نویسنده)"),
    "Scholar": NodeStyle("#d64550", "star", "scholar", "پژوهشگر"),
    "Work": NodeStyle("#c9c93a", "square", "work", "اثر"),
    "Article": NodeStyle("#1d2433", "star", "the article", "مقاله"),
    "Place": NodeStyle("#9ec5e8", "triangleDown", "place", "مکان"),
    "Conflict": NodeStyle("#f08c2e", "hexagon", "conflict", "درگیری"),
    "War": NodeStyle("#e8702a", "hexagon", "war", "جنگ"),
    "ArmedClash": NodeStyle("#f2a65a", "hexagon", "armed clash", "درگیری مسلحانه"),
    "Attack": NodeStyle("#d9541e", "hexagon", "attack", "حمله"),
    "Ceasefire": NodeStyle("#ffd166", "hexagon", "ceasefire", "آتش‌بس"),
    "PeacePlan": NodeStyle("#e6c34a", "hexagon", "peace plan", "طرح صلح"),
    "Resolution": NodeStyle("#7fbf7f", "hexagon", "resolution", "قطعنامه"),
    "Meeting": NodeStyle("#ffb366", "hexagon", "meeting", "نشست"),
    "Occupation": NodeStyle("#e07b7b", "hexagon", "occupation", "اشغال"),
    "Displacement": NodeStyle("#e8a0a0", "hexagon", "displacement", "آوارگی"),
    "Sanction": NodeStyle("#c0392b", "hexagon", "sanction", "تحریم"),
    "Vote": NodeStyle("#f4a582", "hexagon", "vote", "رأی‌گیری"),
    "Deployment": NodeStyle("#f6b26b", "hexagon", "deployment", "استقرار"),
    "HistoricalEvent": NodeStyle("#e0a96d", "hexagon", "historical event", "رویداد تاریخی"),
    "PolicyInstrument": NodeStyle("#93c47d", "square", "policy instrument", "ابزار سیاستی"),
    "Concept": NodeStyle("#f7b6d2", "dot", "concept", "مفهوم"),
    "Theory": NodeStyle("#393b79", "star", "theory", "نظریه"),
    "Indicator": NodeStyle("#6b6ecf", "diamond", "indicator", "شاخص"),
    "Evidence": NodeStyle("#ff9896", "dot", "evidence (claim)", "شاهد (ادعا)"),
    "EvidenceCount": NodeStyle("#ffbdbd", "square", "evidence, collapsed (click to expand)",
                               "شواهد، جمع‌شده (برای باز کردن کلیک کنید)"),
    "Hypothesis": NodeStyle("#843c39", "diamond", "hypothesis", "فرضیه"),
    "Conclusion": NodeStyle("#ad494a", "diamond", "conclusion", "نتیجه‌گیری"),
    "Forecast": NodeStyle("#d6616b", "diamond", "forecast", "پیش‌بینی"),
    "ResearchQuestion": NodeStyle("#7b4173", "diamond", "research question", "پرسش پژوهش"),
    "ComparisonDimension": NodeStyle("#b8b8d9", "square", "comparison dimension", "بعد مقایسه"),
    "Thing": NodeStyle("#cccccc", "dot", "other", "دیگر"),
}
#: Edge colour and dash of the argument's readings; other relations get a colour from PALETTE.
READING_STYLES = {"supports": ("#2e9e5b", False), "undermines": ("#d64550", True), "context": ("#9aa3b2", True)}
PALETTE = ["#3b6fb6", "#e8702a", "#2e9e5b", "#d64550", "#8e6cc0", "#a0785a", "#e58fc4", "#7f7f7f",
           "#b5b800", "#17a2b8", "#393b79", "#843c39", "#637939", "#7b4173", "#bd9e39", "#5254a3"]
#: How an edge from a claim that is not a fact (attempt, aim, ...) is drawn: dotted and paler.
NON_FACT_DASHES = [2, 5]


def node_style(node_type: str) -> NodeStyle:
    """The style of a kind of node (``Thing`` for an unknown kind)."""
    return TYPE_STYLES.get(node_type, TYPE_STYLES["Thing"])


def rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def node_size(degree: int) -> float:
    """The node size Gephi is given for a node with ``degree`` links (grows with the square root)."""
    return round(10 + 6 * degree ** 0.5, 2)

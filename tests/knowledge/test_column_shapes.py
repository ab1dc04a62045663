"""Shapes of a newspaper's advice column and a plain-text newsletter: a short column
label over the title, and rule lines between a newsletter's items."""

from __future__ import annotations

from krampe.knowledge.readers.html import parse as parse_html
from krampe.knowledge.readers.txt import parse as parse_txt

_COLUMN = """<!doctype html><html lang="da"><head><title>Spørg fysioterapeuten</title></head>
<body><article>
<p class="kicker">SPØRG FYSIOTERAPEUTEN</p>
<h1>Kramper på cykelturen og ømme lægge om morgenen</h1>
<p>Hver måned svarer fysioterapeut Anne Lund på et par af læsernes breve.</p>
<h2>Hvorfor låser læggen på bakkerne?</h2>
<p>Jeg cykler 40 kilometer hver søndag, og på de stejle bakker låser min højre læg
fuldstændig. Jeg må stå af og gå. Hvad gør jeg forkert?</p>
<p>Torben, 52 år</p>
<h3>Fysioterapeuten svarer</h3>
<p>Kære Torben. Bakkerne kræver meget af læggen, især hvis du træder med tåspidsen.</p>
<p>Gear ned i god tid før bakken, og hold hælen lavt i hvert tråd. Så arbejder læggen
i en længere stilling og bliver ikke så hurtigt træt.</p>
<h2>Er det normalt at være øm dagen efter?</h2>
<p>Efter en krampe om natten er min læg øm hele næste dag. Er det et tegn på noget?</p>
<p>Hanne, 61 år</p>
<h3>Svar</h3>
<p>Kære Hanne. Ømhed i et døgn efter en kraftig krampe er almindelig og går over.</p>
</article></body></html>"""


def test_a_short_column_label_over_the_title_is_no_passage_and_the_lead_follows() -> None:
    _title, _meta, sections = parse_html(_COLUMN)
    texts = [p.text for s in sections for p in s.passages]
    assert "SPØRG FYSIOTERAPEUTEN" not in texts
    opening = sections[0].passages[0]
    assert opening.kind == "lead" and opening.text.startswith("Hver måned svarer")


_NEWSLETTER = """Nyt fra Aktivitetscentret
Nyhedsbrev, oktober 2024

GYMNASTIK OM TIRSDAGEN

Vi starter et nyt hold med stolegymnastik, hvor vi også strækker læggene.

* * *

KRAMPER EFTER HOLDTRÆNING

Får du krampe i læggen efter træningen, så stræk den roligt mod væggen i et halvt minut.

--------------------------------------------
"""


def test_rule_lines_between_newsletter_items_are_no_passages() -> None:
    _title, _meta, sections = parse_txt(_NEWSLETTER)
    texts = [p.text for s in sections for p in s.passages]
    assert texts and all(any(ch.isalnum() for ch in t) for t in texts)
    assert "KRAMPER EFTER HOLDTRÆNING" in [s.heading for s in sections]

"""Blind corpora written for this stage by helpers who had not read the code, scored at first
sight before any change (README, evaluation table): blindA (energy and shipping, 36 articles)
and blindB (web pages: football business and carbon markets, 37 pages with navigation, captions,
tables and European number formats) and blindC (held out: tech and AI business news, 36
articles, scored once at the end of the stage and never tuned on), blindD (cars, EVs and battery
metals), blindF (airlines, aerospace and defence, telecom; stage 5) and blindG (held out in stage 5:
pharma, sports business, climate and commodities; scored once, then committed) and blindH (stage 6:
real estate, agriculture and food, power utilities) and blindI (held out in stage 6: streaming, logistics
and rail, insurance, a third of it web pages; scored once, then committed) and blindJ (stage 7: hotels,
cruise and tourism, chemicals and fertilisers, video games) and blindK (held out in stage 7: construction
and infrastructure, hospital groups, ride-hailing and delivery; 15 web pages, three European-style;
scored once, then committed) and blindL (stage 8: chips and telecom equipment, food and grocery,
casinos, betting and lotteries) and blindM (held out in stage 8: mining and metals, education and
publishing, space and satellites; 14 web pages, three European-style; scored once, then committed)
and blindN (stage 9: luxury goods and fashion, beers, wines and spirits, steel and heavy machinery) and
blindO (held out in stage 9: payments, fintech and crypto, medical devices, consumer electronics; 15
web pages, three European-style; scored once, then committed) and blindP (stage 10: cloud software,
oilfield services and offshore drilling, airports and rail rolling stock) and blindQ (held out in stage
10: defence primes, tobacco and nicotine, media and advertising; 14 web pages, three European-style; scored
once, then committed) and blindR (held out in stage 11: telecom towers and operators, water utilities, fast-food chains; scored
once, then committed) and blindS (stage 11: cement and building materials, chip equipment, sportswear; 14 web
pages, three European-style) and blindT (stage 11: 72 short web-news excerpts from many outlets on container
shipping, renewables and wind turbines, toys and video games) and blindU (stage 12: agricultural machinery,
insurance brokers, memory chips; two web pages, one German-style page) and blindV (held out in stage 12: 72
web-news excerpts on parcel logistics, soft drinks and snacks, satellite broadband; committed untuned) and
blindW (held out in stage 13: pharmaceutical distribution, hydrogen and electrolysers, cybersecurity; six
hard-wrapped wire stories) and blindX (stage 13: 69 web-news excerpts on gold miners, fertiliser, air cargo) and blindY (stage 14: lithium
refiners, rail freight, fashion retail; 47 articles, three web pages) and blindZ (held out in stage 14: 71 web-news
excerpts on cruise lines, video-game publishers and water utilities; committed untuned) and blindAA (stage 15:
nuclear power and uranium, exchanges and asset managers, home appliances; 31 articles, three web pages) and
blindAB (held out in stage 15: 50 web-news excerpts on beauty and cosmetics, packaging and paper, HVAC and
elevators; scored once, then committed) and blindAC (stage 16: recorded music and streaming, tyres
and auto parts, online travel agencies; 42 articles, three web pages, two European-style).
Floors and ceilings hold
what factlint reaches now, so a
change that finds fewer planted discrepancies or raises more unlabeled errors fails here."""
from __future__ import annotations

from pathlib import Path

import pytest
from goldscore import POSITIVE, covered, load_gold, matches

from factlint.knowledge import Knowledge
from factlint.pipeline import lint

DATA = Path(__file__).resolve().parent / "data"
# corpus: (planted discrepancies found at least, errors/warnings that match no gold finding at most)
BOUNDS = {"blindA": (14, 0), "blindB": (9, 0), "blindC": (16, 0), "blindD": (17, 0), "blindF": (17, 0), "blindG": (15, 1),
          "blindH": (19, 0), "blindI": (10, 1), "blindJ": (17, 0), "blindK": (15, 3),
          "blindL": (16, 0), "blindM": (14, 2), "blindN": (19, 1), "blindO": (8, 5), "blindP": (20, 1), "blindQ": (11, 0),
          "blindR": (8, 0), "blindS": (16, 0), "blindT": (13, 4), "blindU": (10, 3), "blindV": (11, 3),
          "blindW": (6, 2), "blindX": (6, 0), "blindY": (17, 2), "blindZ": (12, 6), "blindAA": (5, 1), "blindAB": (10, 1),
          "blindAC": (13, 0)}
# Traps a corpus is known to hit (none unless listed): blindN's N-T45 is the total a correct share finding must cite, and N-T70 a weekday the gold
# calls right that is wrong (3 January 2025 was a Friday, the timeline says Thursday); blindO's
# O-T4 compares a valuation at the top of a price range with one at the offer price (two bases).
# blindN's one unlabeled error is its planted typo N3 found by a table row's change
# column (the gold cites the column sum it also breaks).
# blindT's four unlabeled errors are three in-article conversion slips and a weekday slip its gold cites with
# the other outlet's right figure (a finding inside one article covers one of the two quotes); its traps
# T07 and T70 are agreeing figures (15.76 and 15.8, 5.38 and 5.4) a right conflict finding lists beside the
# outlier, and T92 the right day (20 March) a weekday finding cites as the day the weekday fits.
# blindU's T18 is the right weekday a correct weekday finding cites; its F39 is found but cited with another
# article that carries the same right figure, so it counts as unlabeled; its other three unlabeled errors are
# a scorecard's all-caps company lines read as the main company's and a model code ("12-high") taken as the
# base of a multiple.
# blindW (stage 13, held out, untuned): its two unlabeled errors are a change whose base is the analysts'
# estimate after "vs" ("ARR $4.24bn, +23%, vs $4.21bn StreetAccount estimate") and its planted 10x conversion
# slip W22, found at the day's rate without citing the article's stated rate, so it counts as unlabeled.
# blindY (stage 14: lithium refiners, rail freight, fashion retail): its two unlabeled errors are an analyst's
# net profit estimate set against the outcome (trap YT102) and two takeover premiums over different bases (trap YT59).
# blindZ (held out in stage 14, untuned: web excerpts on cruise lines, video-game publishers, water utilities): its six
# unlabeled errors, not traced while it is held out, are five value conflicts between outlets (two water fines, a
# cruise line's adjusted EBITDA, a profit forecast, a revenue) and growth at constant currency checked against the
# reported figures (trap ZT100).
# blindAA (stage 15, scored at first sight): its one unlabeled error sets Kazatomprom's 2025 production
# guidance range (an undated report) against its 2026 plan of 29,697 tU read as 2025.
# blindAB (held out in stage 15): its one unlabeled error, not traced while it is held out, sets a
# deal's EUR 4 billion beside L'Oreal's revenue.
# blindAC (stage 16, scored at first sight): see its unlabeled errors in the README's stage-16 paragraph.
# blindV (untuned): T045 is a gross and a net price of one deal read as one figure; T079 a list of two
# amounts whose first carries an apposition ("a 32% premium to ...") read as a third item.
KNOWN_TRAPS = {"blindN": ["N-T45", "N-T70"], "blindO": ["O-T4"], "blindT": ["T07", "T70", "T92"],
               "blindU": ["T18"], "blindV": ["T045", "T079"],
               "blindY": ["YT59", "YT102"], "blindZ": ["ZT100"]}


@pytest.fixture(scope="module", params=sorted(BOUNDS))
def scored(request):
    corpus = DATA / request.param
    gold = load_gold(corpus)
    findings = lint([corpus], Knowledge.load()).report.findings
    positives = [f for f in findings if f.severity.value in POSITIVE]
    found = {g["id"] for g in gold["findings"]
             if any(matches(f, g["spans"]) for f in (findings if g["kind"] == "revision" else positives))}
    unlabeled = [f.message for f in positives if not any(matches(f, g["spans"]) for g in gold["findings"])]
    traps = [t["id"] for t in gold["non_findings"] if any(covered(f, t["spans"]) >= min(2, len(t["spans"])) for f in positives)]
    return request.param, found, unlabeled, traps


def test_recall_floor_and_false_alarm_ceiling(scored):
    name, found, unlabeled, traps = scored
    floor, ceiling = BOUNDS[name]
    assert len(found) >= floor, sorted(found)
    assert len(unlabeled) <= ceiling, unlabeled
    assert traps == KNOWN_TRAPS.get(name, [])

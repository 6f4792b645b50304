#!/usr/bin/env python3
"""Planted-error suite: recall of the NUM, PPL and ATT001 rules on real articles.

Takes copies of the BBC articles in ../shared/corpus/news, plants exactly one error of a named
class in each copy (or, for the negative controls, a construction that is NOT an error), runs
`copydesk check --format json` on the copies and on the originals, and reports per class:

- cases: planted copies (split into a dev half and a held-out half by a hash of the article's file
  name: tune on dev only);
- caught: the expected rule reports a finding on a changed line that the original did not have
  (for negative controls: "fired", which should be 0);
- elsewhere: copies in which the change added a finding (any rule) away from the changed lines,
  i.e. the mutant's findings outside the changed lines compared with the original's findings;
- for the misspelt surname class, whether the suggested spelling is the original one.

Where the article has the structure already (a real count and its list, a real surname with three
or more mentions, a real range, a real quotation and its cue, a real "N of the M") the generator
mutates it; where the class rarely occurs in published copy it inserts a sentence built from the
article's own names and nouns in one of many phrasings.

The copies are copyrighted text: they are written under --out (default eval/mutants/out/, which
is git-ignored) and never committed. Python 3 standard library only.

    python3 eval/mutants/mutants.py                     # generate, run, report (dev and held-out)
    python3 eval/mutants/mutants.py --show-misses CLASS # dev-half cases of CLASS that were missed
    python3 eval/mutants/mutants.py --json report.json  # the figures as JSON as well
    python3 eval/mutants/mutants.py --baseline OTHER_BIN # and what this build adds to the originals
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

# The seed of every random choice. Change it only to draw a fresh suite, and say so.
SEED = 20261202
# At most this many cases per class and half.
CAP = 40

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

NUM_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve"]
WORD_VALUE = {w: i for i, w in enumerate(NUM_WORDS)}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPEECH = r"(?:said|says|told|added|explained|insisted|warned|argued|claimed|admitted|stated|replied|suggested|noted|continued|believes|thinks)"
TITLES = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Prof|Professor)"

# Fallbacks when an article has too few names or nouns of its own: generic, not article-fitted.
FIRST_NAMES = ["Ana", "Lucia", "Tom", "Maria", "James", "Priya", "Owen", "Fatima", "Karl", "Nina",
               "Daniel", "Grace", "Sam", "Aisha", "Peter", "Joanna", "Ravi", "Helen", "Marek", "Chloe"]
PLACES = ["Leeds", "Cardiff", "Glasgow", "Bristol", "Derby", "Norwich", "Belfast", "Swansea",
          "Dundee", "Exeter", "Hull", "Luton", "Bolton", "Preston", "Carlisle"]
NOUNS = ["staff", "members", "workers", "shops", "branches", "players", "customers", "schools",
         "offices", "stores", "factories", "sites", "projects", "teams", "clubs"]
SURNAMES = ["Okafor", "Lindqvist", "Moreno", "Hughes", "Patel", "Kowalski", "Brennan", "Haddad",
            "Fischer", "Nakamura", "Doyle", "Santos", "Reid", "Novak", "Ahmed", "Walsh"]
BRANDS = ["Acme", "Zenith", "Orbit", "Nimbus", "Vela", "Corvus", "Halcyon", "Brightwell", "Kestrel",
          "Solent", "Marlow", "Quill"]
# Lower-case list items by what they are: a count's noun and things it can list.
CATEGORIES = {
    "priorities": ["health", "education", "transport", "housing", "crime", "tax", "jobs",
                   "energy", "pensions", "childcare"],
    "areas": ["sales", "marketing", "research", "finance", "distribution", "customer service",
              "manufacturing", "legal affairs"],
    "products": ["phones", "laptops", "cameras", "printers", "televisions", "music players",
                 "games consoles", "tablets"],
    "services": ["banking", "insurance", "mortgages", "pensions", "savings accounts",
                 "credit cards", "share dealing"],
    "issues": ["pay", "hours", "pensions", "safety", "training", "holidays", "job security"],
    "measures": ["higher fines", "more police", "longer sentences", "curfews", "new cameras",
                 "tougher checks", "better lighting"],
    "sports": ["football", "rugby", "cricket", "tennis", "athletics", "swimming", "cycling",
               "rowing"],
    "events": ["the marathon", "the relay", "the high jump", "the long jump", "the hurdles",
               "the discus"],
    "crimes": ["fraud", "theft", "assault", "burglary", "criminal damage", "perjury"],
    "subjects": ["maths", "English", "science", "history", "geography", "music", "art"],
}
OWNERS = ["the council", "the club", "the firm", "the company", "the union", "the board",
          "the group", "the party", "the trust", "the agency"]
TIME_NOUNS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds", "times", "points",
              "pence", "cents", "pounds", "dollars", "euros", "goals", "decades", "centuries",
              "others", "ones", "is", "was", "has", "games", "tries", "runs", "sets", "matches",
              "per", "percent", "less", "miles", "metres", "yards", "kilometres", "tonnes", "yes",
              "this", "its", "his", "as", "us", "thus", "plus", "bus", "gas", "series", "news",
              "means", "terms", "words", "lives"}


def _first_names():
    path = os.path.join(REPO, "src", "analysis", "data", "names", "first.tsv")
    try:
        with open(path, encoding="utf-8") as f:
            return {line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")}
    except OSError:
        return set(n.lower() for n in FIRST_NAMES)


FIRST_NAME_SET = _first_names()


def split_of(name):
    """dev or held, by a hash of the article's file name (stable across machines)."""
    return "dev" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held"


def rng_for(*parts):
    return random.Random(f"{SEED}:" + ":".join(parts))


# ------------------------------------------------------------------------------------ article


class Article:
    def __init__(self, name, text):
        self.name = name
        self.text = text
        # Paragraphs as (start, end) character spans; the first is the headline.
        self.paras = []
        for m in re.finditer(r"[^\n]+", text):
            self.paras.append((m.start(), m.end()))
        self._persons = None
        self._nouns = None
        self._proper = None
        self._orgs = None

    def para_text(self, i):
        s, e = self.paras[i]
        return self.text[s:e]

    def sentences(self):
        """(start, end) spans of sentences, roughly: enough to place a change."""
        out = []
        for s, e in self.paras:
            p = self.text[s:e]
            last = 0
            for m in re.finditer(r'(?<=[.!?])"?\s+(?=["A-Z])', p):
                out.append((s + last, s + m.start() + (1 if p[m.start()] == '"' else 0)))
                last = m.end()
            out.append((s + last, e))
        return out

    def persons(self):
        """Surnames of people with three or more mentions: {surname: [char offsets]}."""
        if self._persons is not None:
            return self._persons
        t = self.text
        cands = defaultdict(list)
        for m in re.finditer(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b", t):
            cands[m.group(1)].append(m.start())
        out = {}
        for w, offs in cands.items():
            if len(w) < 4 or len(offs) < 3:
                continue
            if re.search(r"\b" + w.lower() + r"\b", t):
                continue  # also a common word
            if w in WEEKDAYS or w in MONTHS:
                continue
            titled = re.search(TITLES + r"\.? " + w + r"\b", t)
            named = any(m.group(1).lower() in FIRST_NAME_SET
                        for m in re.finditer(r"\b([A-Z][a-z]+) " + w + r"\b", t))
            spoke = re.search(r"\b" + w + r" " + SPEECH + r"\b", t) or re.search(
                SPEECH + r" (?:[A-Z][a-z]+ )?" + w + r"\b", t)
            if titled or (named and spoke):
                out[w] = offs
        self._persons = out
        return out

    def nouns(self):
        """Plural nouns the article counts ("464,000 subscribers", "three marques")."""
        if self._nouns is not None:
            return self._nouns
        found = []
        for m in re.finditer(
                r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|dozens of|hundreds of)"
                r" ([a-z]{3,}s)\b", self.text):
            w = m.group(1)
            if w in TIME_NOUNS or w.endswith("ss") or w.endswith("us") or w.endswith("is"):
                continue
            if w not in found:
                found.append(w)
        self._nouns = found
        return found

    def _caps(self, pattern):
        persons = set(self.persons())
        found = []
        for m in re.finditer(pattern, self.text):
            w = m.group(1)
            parts = w.split()
            if any(p in persons or p in WEEKDAYS or p in MONTHS or p.lower() in FIRST_NAME_SET
                   for p in parts):
                continue
            if re.match(TITLES + r"$", parts[0]) or re.search(r"(?:ese|ian|ish|ans)$", parts[-1]):
                continue
            if re.match(r"\s*(?:" + SPEECH + r"|'s [a-z]+ (?:said|says))", self.text[m.end():m.end() + 20]):
                continue
            if w not in found:
                found.append(w)
        return found

    def places(self):
        """Capitalised words after "in", "at", "from", "to": mostly places and firms."""
        if self._proper is None:
            self._proper = self._caps(r"\b(?:in|at|from|to) ([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\b(?!'s)")
        return self._proper

    def orgs(self):
        """Capitalised names after "the": bodies and organisations ("the Scottish Parliament")."""
        if self._orgs is None:
            self._orgs = [o for o in self._caps(
                r"(?<=[a-z,] )the ([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){0,2})\b(?!'s)")
                if not o.endswith("s") and self.text.count("the " + o) >= 2]
        return self._orgs

    def body_slots(self, rng, avoid_quotes=True):
        """Paragraph indices after which a new paragraph can go without splitting a quotation."""
        slots = []
        for i in range(1, len(self.paras)):
            p = self.para_text(i)
            nxt = self.para_text(i + 1) if i + 1 < len(self.paras) else ""
            if avoid_quotes and ('"' in p or nxt.startswith('"')):
                continue
            slots.append(i)
        return slots


# ------------------------------------------------------------------------------------ cases


class Case:
    def __init__(self, cls, art, edits, origin, expect=None, date=None, note=""):
        self.cls = cls
        self.art = art
        self.edits = sorted(edits)
        self.origin = origin
        self.expect = expect or {}
        self.date = date
        self.note = note
        self.id = f"{cls}--{art.name[:-4]}"

    def apply(self):
        """The mutant text and the changed spans in it (character offsets)."""
        t = self.art.text
        out = []
        spans = []
        last = 0
        for s, e, r in self.edits:
            out.append(t[last:s])
            pos = sum(len(x) for x in out)
            out.append(r)
            spans.append((pos, pos + len(r)))
            last = e
        out.append(t[last:])
        return "".join(out), spans


def insert_paragraph(art, rng, sentence, slot=None):
    slots = art.body_slots(rng)
    if not slots:
        return None
    i = slot if slot is not None else rng.choice(slots)
    _, e = art.paras[i]
    return (e, e, "\n\n" + sentence)


def pick(rng, xs, k=1):
    xs = list(xs)
    rng.shuffle(xs)
    return xs[:k]


def count_word(n, rng, digits_ok=True):
    if n >= 10 or (digits_ok and rng.random() < 0.2):
        return str(n)
    return NUM_WORDS[n]


def cap(s):
    return s[:1].upper() + s[1:]


def join_list(items, rng, oxford=None):
    if oxford is None:
        oxford = rng.random() < 0.2
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ("," if oxford else "") + " and " + items[-1]


def wrong_count(n, rng):
    """A stated count that disagrees with n listed items."""
    opts = [x for x in (n - 1, n + 1, n + 2) if x >= 2]
    return rng.choice(opts)


def people_items(art, rng, k):
    """k invented people: first names, or first name and surname."""
    firsts = pick(rng, FIRST_NAMES, k)
    surs = pick(rng, SURNAMES, k)
    full = rng.random() < 0.5
    return [f"{firsts[i]} {surs[i]}" if full else firsts[i] for i in range(k)]


def noun_items(art, rng, k, category=None):
    """(noun, k lower-case items of that kind)."""
    cats = [c for c, xs in CATEGORIES.items() if len(xs) >= k]
    cat = category or rng.choice(cats)
    return cat, pick(rng, CATEGORIES[cat], k)


def proper_items(art, rng, k):
    """k places or organisations: the article's own when it has enough, else the pools."""
    props = [p for p in art.places() if " " not in p]
    if len(props) >= k and rng.random() < 0.7:
        return pick(rng, props, k)
    return pick(rng, PLACES if rng.random() < 0.5 else BRANDS, k)


def place_items(art, rng, k):
    props = [p for p in art.places() if " " not in p]
    if len(props) >= k and rng.random() < 0.7:
        return pick(rng, props, k)
    return pick(rng, PLACES, k)


# People an organisation has: for sentences where the noun must be people.
STAFF = ["staff", "workers", "employees", "members", "players", "pupils", "councillors",
         "volunteers", "drivers", "nurses", "teachers", "officers", "engineers", "delegates"]


def staff(art, rng):
    return rng.choice(STAFF)


def owner(art, rng):
    orgs = art.orgs()
    if orgs and rng.random() < 0.5:
        return "the " + rng.choice(orgs)
    return rng.choice(OWNERS)


def poss(who):
    return who + ("'" if who.endswith("s") else "'s")


def plural(art, rng):
    ns = art.nouns()
    if ns and rng.random() < 0.7:
        return rng.choice(ns)
    return rng.choice(NOUNS)


# ------------------------------------------------------------------ NUM001: count vs list

PEOPLE_NOUNS = ["daughters", "sons", "children", "candidates", "finalists", "directors",
                "survivors", "nominees", "brothers", "players", "ministers", "founders", "suspects",
                "winners"]
PROPER_NOUNS = {"places": ["cities", "towns", "venues", "regions", "sites", "countries"],
                "brands": ["brands", "labels", "chains", "firms", "partners", "subsidiaries"]}


def list_parts(art, rng, k, lower_ok=True):
    """(noun, items) for a count and its list: people, places or brands, or lower-case things."""
    kinds = ["people", "proper"] + (["lower"] if lower_ok else [])
    kind = rng.choice(kinds)
    if kind == "people":
        return rng.choice(PEOPLE_NOUNS), people_items(art, rng, k)
    if kind == "proper":
        items = proper_items(art, rng, k)
        sort = "brands" if items[0] in BRANDS else "places"
        return rng.choice(PROPER_NOUNS[sort]), items
    return noun_items(art, rng, k)


def count_list_sentence(art, rng, form, stated, n_items):
    """A sentence with a count and a list in one of the newsroom forms."""
    noun, items = list_parts(art, rng, n_items, lower_ok=form != "appositive")
    lst = join_list(items, rng)
    nw = count_word(stated, rng)
    who = owner(art, rng)
    if form == "appositive":
        t = rng.choice([
            "{Who} named its {n} {noun}, {lst}, on {day}.",
            "The {n} {noun}, {lst}, were announced by {who} on {day}.",
            "It is the first time that the {n} {noun}, {lst}, have appeared together.",
            "Officials said the {n} {noun}, {lst}, would be reviewed next year.",
            "{Who} thanked its {n} {noun}, {lst}, in a statement.",
            "Talks between the {n} {noun}, {lst}, broke down last month.",
            "The report looked at {whos} {n} {noun}, {lst}.",
            "The family, including the {n} {noun}, {lst}, asked for privacy.",
            "All {n} {noun}, {lst}, are expected to attend.",
        ])
    elif form == "dash":
        dash = rng.choice([" - ", " – ", " — "])
        t = rng.choice([
            "{Who} now runs {n} {noun}{d}{lst}{d}and plans more.",
            "There are {n} {noun}{d}{lst}.",
            "{Who} has {n} {noun}{d}{lst}{d}under review.",
            "The {n} {noun}{d}{lst}{d}will be announced on {day}.",
            "The plan covers {n} {noun}{d}{lst}.",
            "The list of {n} {noun}{d}{lst}{d}was published on {day}.",
        ]).replace("{d}", dash)
    elif form == "colon":
        t = rng.choice([
            "{Who} has set out {n} {noun}: {lst}.",
            "There are {n} {noun} on the list: {lst}.",
            "The review names {n} {noun}: {lst}.",
            "{Who} will focus on {n} {noun} this year: {lst}.",
            "The {n} {noun} are as follows: {lst}.",
            "It said it had chosen {n} {noun}: {lst}.",
        ])
    else:
        raise ValueError(form)
    day = rng.choice(WEEKDAYS[:5])
    return t.format(n=nw, noun=noun, lst=lst, who=who, Who=cap(who), whos=poss(who), day=day)


def natural_count_list(art, rng):
    """A real "N nouns - A, B and C" (or ":" / appositive) whose list has N items: change N."""
    t = art.text
    cands = []
    pat = re.compile(
        r"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])((?: [a-z]+){1,2})( - | – | — |: |, )"
        r"((?:[A-Za-z][\w'&.-]*)(?: [\w'&.-]+){0,3}(?:, (?:[A-Za-z][\w'&.-]*)(?: [\w'&.-]+){0,3})*"
        r",? and (?:[A-Za-z][\w'&.-]*)(?: [\w'&.-]+){0,3}?)( - | – | — |[.,;])")
    for m in pat.finditer(t):
        n = int(m.group(1)) if m.group(1).isdigit() else WORD_VALUE[m.group(1)]
        lst = m.group(4)
        if re.search(r"\b(including|such as|among|which|who|like|with|said|says|from|to|in|for)\b", lst):
            continue
        items = re.split(r",? and |, ", lst)
        if len(items) != n or any(len(i.split()) > 4 for i in items):
            continue
        sep = m.group(3)
        if sep == ", " and not all(i[:1].isupper() for i in items):
            continue
        if sep in (" - ", " – ", " — ") and m.group(5).strip() not in ("-", "–", "—", "."):
            continue
        form = "colon" if sep == ": " else ("appositive" if sep == ", " else "dash")
        cands.append((m, n, form))
    if not cands:
        return None
    m, n, form = rng.choice(cands)
    new = wrong_count(n, rng)
    word = m.group(1)
    rep = str(new) if word.isdigit() else NUM_WORDS[new]
    return form, Case("", art, [(m.start(1), m.end(1), rep)], "natural",
                      note=f"{word} -> {rep}: {m.group(0)[:60]}")


def gen_count_list(form):
    def gen(art, rng):
        if rng.random() < 0.5:
            nat = natural_count_list(art, rng)
            if nat and nat[0] == form:
                c = nat[1]
                c.cls = f"count-list-{form}"
                c.id = f"{c.cls}--{art.name[:-4]}"
                return c
        n_items = rng.choice([2, 3, 3, 4, 5])
        s = count_list_sentence(art, rng, form, wrong_count(n_items, rng), n_items)
        e = insert_paragraph(art, rng, s)
        return e and Case(f"count-list-{form}", art, [e], "inserted", note=s)
    return gen


def gen_count_list_consistent(art, rng):
    """Negative control: a count and a list that agree."""
    form = rng.choice(["appositive", "dash", "colon"])
    n = rng.choice([2, 3, 4])
    s = count_list_sentence(art, rng, form, n, n)
    e = insert_paragraph(art, rng, s)
    return e and Case("count-list-consistent", art, [e], "inserted", note=s)


def gen_count_list_partial(art, rng):
    """Negative control: a partial list ("including", "such as", "among them")."""
    n = rng.choice([4, 5, 6, 8, 10, 12])
    k = rng.choice([2, 3])
    noun, items = list_parts(art, rng, k)
    lst = join_list(items, rng)
    nw = count_word(n, rng)
    who = owner(art, rng)
    t = rng.choice([
        "{Who} has {n} {noun}, including {lst}.",
        "The {n} {noun} include {lst}.",
        "There are {n} {noun} on the list, such as {lst}.",
        "{Who} named {n} {noun}, among them {lst}.",
        "Its {n} {noun} - including {lst} - will be reviewed.",
        "{n_cap} {noun} were chosen, among them {lst}.",
        "{Who} visited {n} {noun}, notably {lst}.",
        "Of the {n} {noun}, {lst} are the best known.",
    ])
    s = t.format(n=nw, n_cap=cap(nw), noun=noun, lst=lst, who=who, Who=cap(who))
    e = insert_paragraph(art, rng, s)
    return e and Case("count-list-partial", art, [e], "inserted", note=s)


def gen_count_over_sentences(art, rng):
    """A count whose items run over the sentences that follow."""
    places = place_items(art, rng, 4)
    people = people_items(art, rng, 3)
    who = rng.choice(["The minister", "The delegation", "The chief executive", "The team",
                      "The prime minister", "The committee", "The president"])
    variant = rng.randrange(6)
    if variant == 0:
        k = rng.choice([2, 3])  # later stops
        later = join_list(places[1:1 + k], rng).replace(" and ", ", then ", 1) if k == 2 else \
            f"{places[1]}, then {places[2]} and finally {places[3]}"
        if k == 2:
            later = f"{places[1]}, then {places[2]}"
        items = 1 + k
        stated = wrong_count(items, rng)
        s = (f"The visit to {places[0]} is the first of {NUM_WORDS[stated]} stops on the tour. "
             f"Later {who.lower()} will travel to {later}.")
    elif variant == 1:
        items = 3
        stated = wrong_count(items, rng)
        s = (f"{who} faces {NUM_WORDS[stated]} votes this week. The first, on Tuesday, is on "
             f"spending. The second comes on Wednesday. The third, on Friday, is on {plural(art, rng)}.")
    elif variant == 2:
        items = rng.choice([2, 3])
        stated = wrong_count(items, rng)
        nxt = ["First, costs will be cut.", "Second, smaller units will be sold.",
               "Third, a partner will be sought."][:items - 1] + \
              ["Finally, cash will go back to shareholders."]
        s = f"{who} set out {NUM_WORDS[stated]} steps. " + " ".join(nxt)
    elif variant == 3:
        items = 3
        stated = wrong_count(items, rng)
        s = (f"Meetings with {NUM_WORDS[stated]} leaders are planned. {who} sees {people[0]} on "
             f"Monday. Then comes a meeting with {people[1]}. Finally, {who.lower()} will meet "
             f"{people[2]} in {places[0]}.")
    elif variant == 4:
        items = 2
        stated = wrong_count(items, rng)
        s = (f"Talks in {places[0]} were the first of {NUM_WORDS[stated]} rounds planned for the "
             f"spring. The second and final round is due in {places[1]} next month.")
    else:
        items = 3
        stated = wrong_count(items, rng)
        s = (f"The {places[0]} event is the first of {NUM_WORDS[stated]} concerts. Another follows "
             f"in {places[1]} a week later, then a final show in {places[2]}.")
    e = insert_paragraph(art, rng, s)
    return e and Case("count-over-sentences", art, [e], "inserted", note=s)


def gen_both_pair_trio(art, rng):
    names = people_items(art, rng, 3)
    v = rng.randrange(6)
    if v == 0:
        s = f"Both {join_list(names, rng)} were at the meeting."
    elif v == 1:
        s = f"The pair - {join_list(names, rng)} - were cleared on {rng.choice(WEEKDAYS[:5])}."
    elif v == 2:
        s = f"The trio, {join_list(names[:2], rng)}, will return next season."
    elif v == 3:
        s = f"{join_list(names[:2], rng)} have been named in the squad. The trio will travel on {rng.choice(WEEKDAYS[:5])}."
    elif v == 4:
        s = f"The pair, {join_list(names, rng)}, declined to comment."
    else:
        s = f"Both of them - {join_list(names, rng)} - denied the claims."
    e = insert_paragraph(art, rng, s)
    return e and Case("both-pair-trio", art, [e], "inserted", note=s)


# ------------------------------------------------------------------ NUM003: share over whole

def fmt_num(n):
    return f"{n:,}" if n >= 10000 else str(n)


def natural_share(art, rng):
    t = art.text
    cands = []
    for m in re.finditer(
            r"\b(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten)( out)? of (the |its |their |his |her )?(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve)\b(?![-,.]\d)( [a-z]+)?", t):
        p, w = m.group(1), m.group(4)
        pv = int(p.replace(",", "")) if p[0].isdigit() else WORD_VALUE[p]
        wv = int(w.replace(",", "")) if w[0].isdigit() else WORD_VALUE[w]
        if not (0 < pv <= wv) or wv < 3 or 1900 <= wv <= 2100:
            continue
        pre = t[max(0, m.start() - 6):m.start()]
        if re.search(r"\bin $|[-/]$", pre):
            continue
        cands.append((m, pv, wv))
    if not cands:
        return None
    m, pv, wv = rng.choice(cands)
    newp = wv + rng.choice([1, 2, max(2, wv // 4), max(3, wv // 2)])
    p = m.group(1)
    rep = fmt_num(newp) if p[0].isdigit() or newp > 12 else NUM_WORDS[newp]
    if "," in p:
        rep = f"{newp:,}"
    return Case("share-over-whole", art, [(m.start(1), m.end(1), rep)], "natural",
                note=f"{m.group(0)} -> {rep}")


def gen_share(art, rng):
    if rng.random() < 0.5:
        c = natural_share(art, rng)
        if c:
            return c
    w = rng.choice([12, 15, 20, 27, 40, 48, 64, 120, 250, 390, 650, 1200])
    p = w + rng.choice([1, 3, max(2, w // 5), max(5, w // 2)])
    noun = plural(art, rng)
    org = owner(art, rng)
    v = rng.randrange(9)
    if v == 0:
        s = f"{cap(count_word(p, rng))} of the {w} {noun} backed the plan."
    elif v == 1:
        s = f"{cap(count_word(p, rng))} out of {w} {noun} said they were satisfied."
    elif v == 2:
        s = f"{cap(count_word(p, rng))} of {org}'s {w} {noun} have now signed up."
    elif v == 3:
        s = f"{cap(org)} said {count_word(p, rng)} of its {w} {noun} would close by the end of the year."
    elif v == 4:
        pct = rng.choice([104, 110, 115, 120, 135, 150])
        s = f"About {pct}% of the {w} {noun} at {org} took part."
    elif v == 5:
        s = f"Of the {w} {noun}, {count_word(p, rng)} were found to be at fault."
    elif v == 6:
        wm = rng.choice([2, 3, 4, 5, 8, 12])
        pm = wm + rng.choice([1, 2, 3])
        s = f"{cap(org)} said {pm} million of its {wm} million customers had switched."
    elif v == 7:
        s = f"In all, {count_word(p, rng)} of the {w} {noun} were affected, {org} said."
    else:
        s = f"Only {count_word(p, rng)} of {w} {noun} met the target."
    e = insert_paragraph(art, rng, s)
    return e and Case("share-over-whole", art, [e], "inserted", note=s)


def gen_share_ok(art, rng):
    """Negative control: part and whole of different things, or a part within its whole."""
    w = rng.choice([4, 6, 10, 12, 20])
    p = w * rng.choice([3, 5, 10]) + rng.choice([0, 1, 2])
    a, b = pick(rng, [n for n in NOUNS + art.nouns()], 2)
    org = owner(art, rng)
    v = rng.randrange(5)
    if v == 0:
        s = f"The {p} {a} of the {w} {b} were checked by {org}."
    elif v == 1:
        s = f"{cap(str(p))} {a} from {w} {b} took part in the study."
    elif v == 2:
        s = f"{cap(org)} said {p} {a} at {w} of its {w + rng.choice([2, 5, 10])} {b} would be affected."
    elif v == 3:
        s = f"The {w} {b} employ {p} {a} between them."
    else:
        s = f"One in {w} of the {p} {a} surveyed said they had no view."
    e = insert_paragraph(art, rng, s)
    return e and Case("share-negative", art, [e], "inserted", note=s)


# ------------------------------------------------------------------ NUM007: one quantity, two values

def gen_figure_conflict(art, rng, negative=False):
    slots = art.body_slots(rng)
    if len(slots) < 2:
        return None
    i, j = sorted(pick(rng, slots, 2))
    org = owner(art, rng)
    Org = cap(org)
    bare = org[4:] if org.startswith("the ") else org
    noun = staff(art, rng)
    n1 = rng.choice([12, 24, 40, 120, 300, 450, 650, 1200, 2500])
    n2 = n1 + rng.choice([-10, -3, 5, 30, n1 // 4 or 2])
    if n2 == n1 or n2 <= 0:
        n2 = n1 + 7
    v = rng.randrange(8)
    if not negative:
        pairs = [
            (f"The {n1} {noun} at {org} were told of the decision on {rng.choice(WEEKDAYS[:5])}.",
             f"All {n2} {bare} {noun} will be offered new contracts."),
            (f"The {n1} {noun} of {org} met in private.",
             f"{Org}'s {n2} {noun} are expected to vote next week."),
            (f"{Org}'s {n1} {noun} have been asked for their views.",
             f"A letter was sent to all {n2} {noun} of {org}."),
            (f"{Org}, which has {n1} {noun}, declined to comment.",
             f"The {n2} {noun} of {org} were not consulted."),
            (f"{Org} employs {n1} {noun} in the UK.",
             f"{Org}'s {n2} {noun} will be told about the changes on Monday."),
            (f"The {n1} {noun} at {org} received the letter.",
             f"The letter to the {n2} {noun} at {org} was signed by the chairman."),
            (f"The {n1} {bare} {noun} will be balloted.",
             f"A ballot of {org}'s {n2} {noun} is expected within weeks."),
            (f"Each of the {n1} {noun} at {org} will be interviewed.",
             f"Interviews with the {n2} {noun} at {org} start in March."),
        ]
        first, second = pairs[v]
        if rng.random() < 0.2:
            # The first value in the headline.
            head = f"{Org}'s {n1} {noun} face new rules" if v % 2 else f"{n1} {bare} {noun} to be balloted"
            s0, e0 = art.paras[0]
            e2 = insert_paragraph(art, rng, second, j)
            return e2 and Case("figure-conflict", art, [(s0, e0, head), e2], "inserted",
                               note=f"headline: {head} | {second}")
    else:
        other = rng.choice([p for p in PLACES if p not in org] or PLACES)
        pairs = [
            (f"The {n1} {noun} at {org} in {other} were told of the decision.",
             f"The {n2} {noun} at {org} in {rng.choice([p for p in PLACES if p != other])} were not."),
            (f"{Org} had {n1} {noun} last year.", f"It now has {n2} {noun}."),
            (f"The {n1} full-time {noun} at {org} were consulted.",
             f"The {n2} part-time {noun} at {org} were not."),
            (f"{Org}'s {n1} {noun} in Scotland are unaffected.",
             f"{Org}'s {n2} {noun} in Wales will move to new contracts."),
            (f"The {n1} {noun} of {org} met in {MONTHS[rng.randrange(5)]}.",
             f"By the autumn the number of {noun} had grown to {max(n1, n2) + 20}."),
            (f"Of the {n1} {noun} at {org}, most have agreed.",
             f"A further {n2} {noun} at its sister company have yet to vote."),
            (f"{Org} has {n1} {noun} in its first team.",
             f"{Org} has {n2} {noun} in its youth teams."),
            (f"The {n1} {noun} who left {org} last year were replaced.",
             f"{Org}'s {n2} {noun} who joined this year are on new contracts."),
        ]
        first, second = pairs[v]
    e1 = insert_paragraph(art, rng, first, i)
    e2 = insert_paragraph(art, rng, second, j)
    if not e1 or not e2:
        return None
    cls = "figure-conflict-negative" if negative else "figure-conflict"
    return Case(cls, art, [e1, e2], "inserted", note=f"{first} | {second}")


# ------------------------------------------------------------------ PPL001: misspelt surname

def misspell(w, rng, text):
    ops = []
    for i in range(1, len(w)):
        c = w[i]
        if c.isalpha() and c.lower() not in "aeiou" and w[i - 1].lower() in "aeiouy" and (
                i + 1 == len(w) or w[i + 1] != c):
            ops.append(("double", i))
        if i + 1 < len(w) and w[i] != w[i + 1]:
            ops.append(("swap", i))
        if c.lower() in "aeiou":
            ops.append(("vowel", i))
        if len(w) > 4:
            ops.append(("drop", i))
    rng.shuffle(ops)
    for op, i in ops:
        if op == "double":
            v = w[:i + 1] + w[i] + w[i + 1:]
        elif op == "swap":
            v = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        elif op == "vowel":
            v = w[:i] + rng.choice([x for x in "aeiou" if x != w[i].lower()]) + w[i + 1:]
        else:
            v = w[:i] + w[i + 1:]
        if v != w and not re.search(r"\b" + re.escape(v) + r"\b", text, re.I):
            return v
    return None


def gen_misspelt(art, rng):
    ps = art.persons()
    if not ps:
        return None
    w = rng.choice(sorted(ps))
    offs = ps[w]
    if len(offs) < 3:
        return None
    o = rng.choice(offs[2:])
    v = misspell(w, rng, art.text)
    if not v:
        return None
    return Case("misspelt-surname", art, [(o, o + len(w), v)], "natural",
                expect={"suggest": w}, note=f"{w} -> {v} (mention {offs.index(o) + 1} of {len(offs)})")


def gen_similar_names(art, rng):
    """Negative control: a second person whose surname is one letter from a first's, introduced
    separately in full."""
    ps = art.persons()
    if not ps:
        return None
    w = rng.choice(sorted(ps))
    v = misspell(w, rng, art.text)
    if not v:
        return None
    first = rng.choice(FIRST_NAMES)
    role = rng.choice(["a local councillor", "a spokeswoman for the campaign", "an economist at a "
                       "London bank", "a former team-mate", "a lawyer for the families",
                       "who runs a small business nearby"])
    s = rng.choice([
        f"{first} {v}, {role}, said the plan had come too late. {first} {v} has called for a review.",
        f"Another critic, {first} {v}, {role}, said the figures were unclear.",
        f"{first} {v}, {role}, is no relation.",
    ])
    e = insert_paragraph(art, rng, s)
    return e and Case("similar-names-negative", art, [e], "inserted", note=s)


# ------------------------------------------------------------------ NUM002: reversed range

def gen_range(art, rng):
    t = art.text
    cands = []
    num = r"[£$€]?\d[\d,]*(?:\.\d+)?(?:m|bn|%| million| billion)?"
    for m in re.finditer(r"\bbetween (" + num + r") and (" + num + r")", t):
        cands.append(m)
    for m in re.finditer(r"(?<![\w.-])(" + num + r")-(" + num + r")(?![\w-])", t):
        a, b = m.group(1), m.group(2)
        if not (re.search(r"[£$€%]|m$|bn$|million|billion", a + b)):
            continue
        cands.append(m)
    good = []
    for m in cands:
        a, b = m.group(1), m.group(2)
        va = float(re.sub(r"[^\d.]", "", a).rstrip(".") or 0)
        vb = float(re.sub(r"[^\d.]", "", b).rstrip(".") or 0)
        sa, sb = re.sub(r"[\d,.]", "", a), re.sub(r"[\d,.]", "", b)
        if va >= vb or (sa and sb and sa != sb):
            continue
        if a.startswith("0") or b.startswith("0"):
            continue
        good.append(m)
    if not good:
        return None
    m = rng.choice(good)
    a, b = m.group(1), m.group(2)
    # Swap the numbers, keeping each side's unit marks where they were written.
    na = re.search(r"\d[\d,]*(?:\.\d+)?", a)
    nb = re.search(r"\d[\d,]*(?:\.\d+)?", b)
    a2 = a[:na.start()] + nb.group(0) + a[na.end():]
    b2 = b[:nb.start()] + na.group(0) + b[nb.end():]
    edits = [(m.start(1), m.end(1), a2), (m.start(2), m.end(2), b2)]
    return Case("range-reversed", art, edits, "natural", note=f"{m.group(0)} -> {a2} .. {b2}")


# ------------------------------------------------------------------ NUM005: percent change

def parse_amount(s):
    s2 = s.replace(",", "")
    mm = re.search(r"\d+(?:\.\d+)?", s2)
    if not mm:
        return None
    v = float(mm.group(0))
    if re.search(r"bn|billion", s2):
        v *= 1e9
    elif re.search(r"m\b|million", s2):
        v *= 1e6
    return v


def natural_percent_change(art, rng):
    t = art.text
    amt = r"[£$€]?\d[\d,]*(?:\.\d+)?(?:m|bn| million| billion)?"
    cands = []
    for s, e in art.sentences():
        sent = t[s:e]
        pcts = list(re.finditer(r"(\d+(?:\.\d+)?)(%| per cent)", sent))
        if len(pcts) != 1:
            continue
        m = re.search(r"\bfrom (" + amt + r") to (" + amt + r")", sent)
        order = 1
        if not m:
            m = re.search(r"\bto (" + amt + r") from (" + amt + r")", sent)
            order = -1
        if not m:
            continue
        x, y = (m.group(1), m.group(2)) if order == 1 else (m.group(2), m.group(1))
        if "%" in x or "%" in y:
            continue
        vx, vy = parse_amount(x), parse_amount(y)
        if not vx or not vy:
            continue
        actual = (vy / vx - 1) * 100
        p = pcts[0]
        if p.start() > m.start() and p.start() < m.end():
            continue
        stated = float(p.group(1))
        ctx = sent.lower()
        fall = re.search(r"\b(fell|fall|down|drop|dropped|declined|decline|cut|slumped|lower|lost|decrease)", ctx)
        rise = re.search(r"\b(rose|rise|up|jumped|increase|increased|grew|growth|climbed|gain|higher|boost)", ctx)
        if fall and not rise:
            stated_signed = -stated
        elif rise and not fall:
            stated_signed = stated
        else:
            continue
        if abs(stated_signed - actual) > max(1.0, abs(actual) * 0.1):
            continue
        if abs(actual) < 2:
            continue
        cands.append((s, p, actual))
    if not cands:
        return None
    s, p, actual = rng.choice(cands)
    a = abs(actual)
    new = rng.choice([a * 2, a * 3, a / 2.5]) if a > 4 else a * 4
    new = round(new) if new >= 3 else round(new, 1)
    rep = f"{new:g}"
    return Case("percent-change", art, [(s + p.start(1), s + p.end(1), rep)], "natural",
                note=f"{p.group(0)} -> {rep} (actual {actual:.1f}%)")


def gen_percent_change(art, rng):
    if rng.random() < 0.5:
        c = natural_percent_change(art, rng)
        if c:
            return c
    x = rng.choice([20, 40, 64, 80, 120, 150, 240, 500, 1200])
    true_pct = rng.choice([10, 20, 25, 40, 50])
    up = rng.random() < 0.6
    y = round(x * (1 + true_pct / 100)) if up else round(x * (1 - true_pct / 100))
    wrong = rng.choice([true_pct * 2, true_pct * 3, max(2, true_pct // 3), true_pct + 25])
    if not up:
        wrong = min(wrong, 90)
        if wrong == true_pct:
            wrong = max(2, true_pct // 3)
    org = owner(art, rng)
    noun = plural(art, rng)
    cur = rng.choice(["£", "$", "€"])
    v = rng.randrange(8)
    if v == 0:
        s = f"{cap(org)}'s profits {'rose' if up else 'fell'} {wrong}% to {cur}{y}m from {cur}{x}m."
    elif v == 1:
        s = f"The number of {noun} {'rose' if up else 'fell'} from {x} to {y}, {'an increase' if up else 'a fall'} of {wrong}%."
    elif v == 2:
        s = f"Sales at {org} were {'up' if up else 'down'} {wrong}% at {cur}{y}m, compared with {cur}{x}m a year earlier."
    elif v == 3:
        s = f"{cap(noun)} {'climbed' if up else 'dropped'} by {wrong} per cent, from {x} to {y}."
    elif v == 4:
        s = f"Revenue {'grew' if up else 'shrank'} {wrong}% from {cur}{x / 10:g}bn to {cur}{y / 10:g}bn."
    elif v == 5:
        s = f"{cap(org)} said its {noun} {'increased' if up else 'decreased'} {wrong}% to {y}, from {x} last year."
    elif v == 6:
        y2 = x * rng.choice([3, 4]) if up else x // 4
        word = "doubled" if up else "halved"
        s = f"The number of {noun} has {word} from {x} to {y2} in five years."
    else:
        s = f"{cap(org)} saw a {wrong}% {'rise' if up else 'fall'} in {noun}, from {x} to {y}."
    e = insert_paragraph(art, rng, s)
    return e and Case("percent-change", art, [e], "inserted", note=s)


# ------------------------------------------------------------------ NUM004: percentages past 100

def gen_percent_sum(art, rng, negative=False):
    v = rng.randrange(6)
    # Templates 1, 3 and 5 take two or three parts, the others two to four.
    k = rng.choice([2, 3, 3] if v in (1, 3, 5) else [2, 3, 3, 4])
    # Shares that add to 100 + excess.
    excess = rng.choice([5, 8, 12, 20, 30])
    cuts = sorted(rng.sample(range(5, 95), k - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
    if not negative:
        i = min(range(k), key=lambda j: parts[j])
        parts[i] += excess
    elif v != 1:
        # Short of 100 is fine unless the split says it is exhaustive ("the remaining 30%").
        i = rng.randrange(k)
        parts[i] = max(1, parts[i] - rng.choice([0, 2, 5]))
    org = owner(art, rng)
    noun = plural(art, rng)
    p = [f"{x}%" for x in parts]
    if negative and rng.random() < 0.5:
        # Percentages of different wholes, or of one whole at two times: no sum.
        a, b = rng.choice([40, 55, 62, 75]), rng.choice([58, 66, 70, 81])
        s = rng.choice([
            f"Some {a}% of men and {b}% of women said they backed the plan.",
            f"Support rose from {a}% in {rng.choice(MONTHS)} to {b}% this month.",
            f"{a}% of {noun} in the north and {b}% in the south use it daily.",
            f"The share of {noun} online grew from {a}% to {b}%.",
        ])
        e = insert_paragraph(art, rng, s)
        return e and Case("percent-sum-negative", art, [e], "inserted", note=s)
    labels_poll = ["backed the plan", "opposed it", "did not know", "had no view"]
    if v == 0:
        lab = [f"{p[i]} {labels_poll[i] if i < 3 else 'refused to say'}" for i in range(k)]
        s = f"In the survey, {join_list(lab, rng)}."
    elif v == 1:
        s = (f"Of those asked, {p[0]} said yes and {p[1]} said no" +
             (f", while the remaining {p[2]} were undecided." if k >= 3 else "."))
    elif v == 2:
        firms = proper_items(art, rng, k)
        s = f"{firms[0]} has {p[0]} of the market, " + join_list(
            [f"{firms[i]} {p[i]}" for i in range(1, k)], rng) + "."
    elif v == 3:
        s = (f"The vote split {p[0]} in favour and {p[1]} against" +
             (f", with {p[2]} abstaining." if k >= 3 else "."))
    elif v == 4:
        kinds = ["cars", "buses", "trains", "bicycles"]
        s = f"Of all journeys, {join_list([f'{p[i]} were by {kinds[i]}' for i in range(k)], rng)}."
    else:
        s = (f"{p[0]} of {noun} at {org} approved of the deal, {p[1]} disapproved" +
             (f" and {p[2]} were unsure." if k >= 3 else "."))
    e = insert_paragraph(art, rng, s)
    return e and Case("percent-sum", art, [e], "inserted", note=s)


# ------------------------------------------------------------------ NUM006: weekday vs date

def gen_weekday(art, rng, negative=False):
    year = 2005
    d = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(20, 340))
    wd = d.weekday()
    stated = wd if negative else (wd + rng.choice([1, 2, 3, 4, 5, 6])) % 7
    W = WEEKDAYS[stated]
    M = MONTHS[d.month - 1]
    dm = f"{d.day} {M}" if rng.random() < 0.7 else f"{M} {d.day}"
    org = owner(art, rng)
    v = rng.randrange(7)
    s = [
        f"The hearing is set for {W}, {dm}.",
        f"{cap(org)} will announce its results on {W} {dm}.",
        f"The deal was signed on {dm}, a {W}.",
        f"Voting closes at midnight on {W} {dm}.",
        f"The first match, on {W} {dm}, is already sold out.",
        f"Talks resume on {W} ({dm}) in London.",
        f"It was {W}, {dm}, when the letter arrived.",
    ][v]
    art_date = d - datetime.timedelta(days=rng.randrange(1, 25))
    e = insert_paragraph(art, rng, s)
    cls = "weekday-date-negative" if negative else "weekday-date"
    return e and Case(cls, art, [e], "inserted", date=art_date.isoformat(), note=s)


# ------------------------------------------------------------------ NUM008: totals vs parts

def gen_totals(art, rng, negative=False):
    k = rng.choice([2, 3, 3])
    parts = [rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 20, 40]) for _ in range(k)]
    total = sum(parts)
    if not negative:
        total += rng.choice([-3, -2, -1, 1, 2, 4, 10])
        if total == sum(parts) or total <= max(parts):
            total = sum(parts) + 3
    places = place_items(art, rng, k)
    noun = plural(art, rng)
    org = owner(art, rng)
    cw = lambda n: count_word(n, rng)  # noqa: E731
    items = [f"{cw(parts[i])} in {places[i]}" for i in range(k)]
    v = rng.randrange(6)
    if negative and rng.random() < 0.5:
        s = rng.choice([
            f"A total of {total + 10} {noun} were affected, including {join_list(items, rng)}.",
            f"{cap(str(total + 6))} {noun} were hurt, among them {join_list(items, rng)}.",
        ])
    elif v == 0:
        s = f"A total of {total} {noun} were affected: {join_list(items, rng)}."
    elif v == 1:
        s = f"In all, {total} {noun} were sold - {join_list(items, rng)}."
    elif v == 2:
        s = f"{cap(org)} will cut {total} jobs in total: " + join_list(
            [f"{parts[i]} at {places[i]}" for i in range(k)], rng) + "."
    elif v == 3:
        s = f"The £{total}m package is made up of " + join_list(
            [f"£{parts[i]}m for {places[i]}" for i in range(k)], rng) + "."
    elif v == 4:
        s = f"There are {total} {noun} in all: {join_list(items, rng)}."
    else:
        s = f"{cap(org)} has {total} {noun} in total, with " + join_list(items, rng) + "."
    e = insert_paragraph(art, rng, s)
    cls = "totals-negative" if negative else "totals-parts"
    return e and Case(cls, art, [e], "inserted", note=s)


# ------------------------------------------------------------------ ATT001: quote with its cue removed

def gen_quote_cue(art, rng):
    """Delete the cue of a real quotation ("…," he said. / X said: "…") when nothing else in its
    paragraph or the one before says who is speaking, so that the quote stands with no speaker."""
    speech = re.compile(r"\b" + SPEECH + r"\b|according to|\bsaying\b")
    cands = []
    for i in range(1, len(art.paras)):
        p = art.para_text(i)
        prev = art.para_text(i - 1) if i > 1 else ""
        if '"' in prev or speech.search(prev) or p.count('"') != 2:
            continue
        s0 = art.paras[i][0]
        # "Quote," X said.  /  "Quote," said X, …
        for m in re.finditer(r'"([^"]{20,})([,.!?])" ([^".]{0,120}?)\.(?= |$)', p):
            cue = m.group(3)
            if not speech.search(cue) or not re.match(r"(?:[A-Z]|he |she |they |the |a |an |" + SPEECH + ")", cue):
                continue
            if speech.search(p[:m.start()]) or speech.search(p[m.end():]):
                continue
            q, punct = m.group(1), m.group(2)
            new = f'"{q}{"." if punct == "," else punct}"'
            cands.append(Case("quote-cue-removed", art, [(s0 + m.start(), s0 + m.end(), new)],
                              "natural", note=f"{m.group(0)[:40]}… -> cue removed"))
        # X said: "Quote."
        m = re.match(r'([A-Z][^".:]{0,80}?): ("[^"]{20,}")', p)
        if m and speech.search(m.group(1)) and not speech.search(p[m.end():]):
            cands.append(Case("quote-cue-removed", art, [(s0, s0 + m.end(), m.group(2))],
                              "natural", note=f"{m.group(0)[:40]}… -> cue removed"))
    if not cands:
        return None
    return rng.choice(cands)


# ------------------------------------------------------------------ registry

CLASSES = [
    # (class, expected rule, negative control?, generator)
    ("count-list-appositive", "NUM001", False, gen_count_list("appositive")),
    ("count-list-dash", "NUM001", False, gen_count_list("dash")),
    ("count-list-colon", "NUM001", False, gen_count_list("colon")),
    ("count-over-sentences", "NUM001", False, gen_count_over_sentences),
    ("both-pair-trio", "NUM001", False, gen_both_pair_trio),
    ("share-over-whole", "NUM003", False, gen_share),
    ("figure-conflict", "NUM007", False, lambda a, r: gen_figure_conflict(a, r)),
    ("misspelt-surname", "PPL001", False, gen_misspelt),
    ("range-reversed", "NUM002", False, gen_range),
    ("percent-change", "NUM005", False, gen_percent_change),
    ("percent-sum", "NUM004", False, lambda a, r: gen_percent_sum(a, r)),
    ("weekday-date", "NUM006", False, lambda a, r: gen_weekday(a, r)),
    ("totals-parts", "NUM008", False, lambda a, r: gen_totals(a, r)),
    ("quote-cue-removed", "ATT001", False, gen_quote_cue),
    # Negative controls: the rule must NOT fire on the changed lines.
    ("count-list-partial", "NUM001", True, gen_count_list_partial),
    ("count-list-consistent", "NUM001", True, gen_count_list_consistent),
    ("share-negative", "NUM003", True, gen_share_ok),
    ("figure-conflict-negative", "NUM007", True, lambda a, r: gen_figure_conflict(a, r, True)),
    ("similar-names-negative", "PPL001", True, gen_similar_names),
    ("percent-sum-negative", "NUM004", True, lambda a, r: gen_percent_sum(a, r, True)),
    ("weekday-date-negative", "NUM006", True, lambda a, r: gen_weekday(a, r, True)),
    ("totals-negative", "NUM008", True, lambda a, r: gen_totals(a, r, True)),
]


def generate(articles):
    cases = []
    for cls, rule, neg, gen in CLASSES:
        per = {"dev": [], "held": []}
        order = list(articles)
        rng_for(cls).shuffle(order)
        for art in order:
            half = split_of(art.name)
            if len(per[half]) >= CAP:
                if all(len(v) >= CAP for v in per.values()):
                    break
                continue
            c = gen(art, rng_for(cls, art.name))
            if not c:
                continue
            c.cls, c.rule, c.negative, c.split = cls, rule, neg, half
            c.id = f"{cls}--{art.name[:-4]}"
            per[half].append(c)
        cases.extend(per["dev"] + per["held"])
    return cases


# ------------------------------------------------------------------------------------ running


def run_check(binary, paths, date):
    out = {}
    for i in range(0, len(paths), 400):
        chunk = paths[i:i + 400]
        cmd = [binary, "check", "--format", "json", "--fail-on", "error"]
        if date:
            cmd += ["--date", date]
        r = subprocess.run(cmd + chunk, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit(f"copydesk failed ({r.returncode}): {r.stderr[:500]}")
        for f in json.loads(r.stdout)["files"]:
            out[f["path"]] = f.get("diagnostics", [])
    return out


def byte_offsets(text):
    """Character offset -> byte offset table (as a function)."""
    if text.isascii():
        return lambda i: i
    acc = [0]
    for ch in text:
        acc.append(acc[-1] + len(ch.encode()))
    return lambda i: acc[i]


def line_of_byte(text_bytes):
    starts = [0] + [i + 1 for i, b in enumerate(text_bytes) if b == 10]
    import bisect
    return lambda off: bisect.bisect_right(starts, off)


def evaluate(cases, binary, out_dir, corpus):
    os.makedirs(out_dir, exist_ok=True)
    by_date = defaultdict(list)
    meta = {}
    for c in cases:
        text, spans = c.apply()
        path = os.path.join(out_dir, c.id + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        meta[c.id] = (path, text, spans)
        by_date[c.date].append(c)
    results = {}
    for date, cs in by_date.items():
        mut = run_check(binary, [meta[c.id][0] for c in cs], date)
        origs = sorted({os.path.join(corpus, c.art.name) for c in cs})
        orig = run_check(binary, origs, date)
        for c in cs:
            path, text, spans = meta[c.id]
            results[c.id] = judge(c, text, spans, mut.get(path, []),
                                  orig.get(os.path.join(corpus, c.art.name), []))
    return results


def judge(c, text, spans, mut_diags, orig_diags):
    tb = text.encode()
    cb = byte_offsets(text)
    line = line_of_byte(tb)
    changed_lines = set()
    for s, e in spans:
        bs, be = cb(s), cb(e)
        # A pure deletion marks the line it happened on; an inserted paragraph starts with "\n\n".
        lo = bs
        while lo < be and tb[lo:lo + 1] == b"\n":
            lo += 1
        changed_lines.update(range(line(lo), line(max(lo, be - 1)) + 1))
    # Byte shift of original offsets after each edit.
    ob = byte_offsets(c.art.text)
    shifts = []
    for (s, e, r) in c.edits:
        shifts.append((ob(s), ob(e), len(r.encode()) - (ob(e) - ob(s))))

    def mapped(off):
        d = 0
        for s, e, delta in shifts:
            if off >= e:
                d += delta
            elif off > s:
                return None
        return off + d

    orig_keys = set()
    for d in orig_diags:
        a, b = d["byte_range"]
        ma, mb = mapped(a), mapped(b)
        if ma is not None and mb is not None:
            orig_keys.add((d["code"], ma, mb))

    def lines_of(d):
        ls = set(range(line(d["byte_range"][0]), line(max(d["byte_range"][0], d["byte_range"][1] - 1)) + 1))
        for r in d.get("related", []):
            ls.add(line(r["byte_range"][0]))
        return ls

    new = [d for d in mut_diags if (d["code"], d["byte_range"][0], d["byte_range"][1]) not in orig_keys]
    on_change = [d for d in new if lines_of(d) & changed_lines]
    elsewhere = [d for d in new if not (lines_of(d) & changed_lines)]
    hit = [d for d in on_change if d["code"] == c.rule]
    res = {"id": c.id, "cls": c.cls, "rule": c.rule, "split": c.split, "origin": c.origin,
           "negative": c.negative, "hit": bool(hit), "note": c.note,
           "elsewhere": [f"{d['code']}: {d['message']}" for d in elsewhere],
           "on_change": [f"{d['code']}: {d['message']}" for d in on_change]}
    if "suggest" in c.expect and hit:
        fixes = [e["replacement"] for d in hit for e in (d.get("fix") or {}).get("edits", [])]
        res["suggest_ok"] = c.expect["suggest"] in fixes
        res["suggested"] = fixes
    return res


def report(results, out_json=None):
    rows = defaultdict(lambda: defaultdict(lambda: {"n": 0, "hit": 0, "else": 0, "sugg": 0,
                                                     "nat": 0}))
    order = []
    for r in results.values():
        if r["cls"] not in order:
            order.append(r["cls"])
        for half in (r["split"], "all"):
            x = rows[r["cls"]][half]
            x["n"] += 1
            x["hit"] += r["hit"]
            x["else"] += bool(r["elsewhere"])
            x["sugg"] += bool(r.get("suggest_ok"))
            x["nat"] += r["origin"] == "natural"
    ordered = [c for c, *_ in CLASSES if c in order]
    print(f"{'class':42} {'rule':7} {'dev':>11} {'held-out':>11} {'all':>11}  {'elsewhere':>9} natural")
    tot = {h: [0, 0] for h in ("dev", "held", "all")}
    for cls in ordered:
        neg = any(r["negative"] for r in results.values() if r["cls"] == cls)
        rule = next(r["rule"] for r in results.values() if r["cls"] == cls)
        cells = []
        for half in ("dev", "held", "all"):
            x = rows[cls][half]
            cells.append(f"{x['hit']:>3}/{x['n']:<3}" + ("   " if neg else f"{100 * x['hit'] // max(1, x['n']):>3}%"[:4]))
            if not neg:
                tot[half][0] += x["hit"]
                tot[half][1] += x["n"]
        a = rows[cls]["all"]
        label = cls + (" (must not fire)" if neg else "")
        extra = f"  suggested right {a['sugg']}/{a['hit']}" if rule == "PPL001" and not neg else ""
        print(f"{label:42} {rule:7} {cells[0]:>11} {cells[1]:>11} {cells[2]:>11}  {a['else']:>9} {a['nat']:>4}{extra}")
    print("planted errors caught: " + ", ".join(
        f"{h} {tot[h][0]}/{tot[h][1]} ({100 * tot[h][0] / max(1, tot[h][1]):.0f}%)" for h in ("dev", "held", "all")))
    n_else = sum(1 for r in results.values() if r["elsewhere"])
    print(f"cases where the change added a finding away from the changed lines: {n_else} of {len(results)}")
    codes = defaultdict(int)
    for r in results.values():
        for e in r["elsewhere"]:
            codes[e.split(":")[0]] += 1
    if codes:
        print("  by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    if out_json:
        with open(out_json, "w") as f:
            json.dump({"seed": SEED, "rows": rows, "cases": list(results.values())}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus", "news"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "copydesk"))
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--json", help="also write the figures and every case's verdict here")
    ap.add_argument("--show-misses", metavar="CLASS",
                    help="print the dev-half cases of CLASS that were missed (or fired, for a "
                         "negative control) and those that added findings elsewhere")
    ap.add_argument("--show-held", action="store_true",
                    help="let --show-misses print held-out cases too (do not tune on them)")
    ap.add_argument("--list", action="store_true", help="print the generated cases and stop")
    ap.add_argument("--baseline", metavar="BIN",
                    help="another copydesk build (say main's): report the findings this build "
                         "adds to the unmutated originals compared with it")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    if not names:
        sys.exit(f"no articles in {corpus}")
    articles = []
    for n in names:
        with open(os.path.join(corpus, n), encoding="utf-8") as f:
            articles.append(Article(n, f.read()))
    cases = generate(articles)
    if args.list:
        for c in cases:
            print(f"{c.split:4} {c.id:60} {c.origin:8} {c.note}")
        return
    if not os.path.exists(args.bin):
        sys.exit(f"no binary at {args.bin}: cargo build --release first")
    results = evaluate(cases, args.bin, args.out, corpus)
    if args.show_misses:
        for r in results.values():
            if r["cls"] != args.show_misses or (r["split"] != "dev" and not args.show_held):
                continue
            bad = r["hit"] if r["negative"] else not r["hit"]
            if bad or r["elsewhere"] or (r.get("suggest_ok") is False):
                print(f"--- {r['id']} [{r['split']}, {r['origin']}] {'FIRED' if r['negative'] and r['hit'] else ('missed' if bad else '')}")
                print(f"    {r['note']}")
                for x in r["on_change"]:
                    print(f"    on change: {x}")
                for x in r["elsewhere"]:
                    print(f"    elsewhere: {x}")
                if "suggested" in r:
                    print(f"    suggested: {r['suggested']}")
        return
    report(results, args.json)
    if args.baseline:
        originals_gain(cases, args.bin, args.baseline, corpus)


def originals_gain(cases, binary, baseline, corpus):
    """The unmutated originals of the suite: findings this build has that the baseline lacks."""
    by_date = defaultdict(set)
    for c in cases:
        by_date[c.date].add(os.path.join(corpus, c.art.name))
    added = []
    n_files = 0
    for date, paths in by_date.items():
        paths = sorted(paths)
        n_files += len(paths)
        new = run_check(binary, paths, date)
        old = run_check(baseline, paths, date)
        for p in paths:
            keys = {(d["code"], tuple(d["byte_range"])) for d in old.get(p, [])}
            for d in new.get(p, []):
                if (d["code"], tuple(d["byte_range"])) not in keys:
                    added.append((os.path.basename(p), date, d))
    codes = defaultdict(int)
    for _, _, d in added:
        codes[d["code"]] += 1
    print(f"unmutated originals ({n_files} runs): {len(added)} findings added against the baseline"
          + (": " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())) if codes else ""))
    for name, date, d in added:
        print(f"  {name}{' --date ' + date if date else ''}: {d['code']}: {d['message']}")


if __name__ == "__main__":
    main()

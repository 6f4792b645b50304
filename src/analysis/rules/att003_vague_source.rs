//! ATT003 `vague-source`.

use super::sourcing;
use super::{Diagnostic, RuleContext, Trigger};
use crate::analysis::lexicon;
use crate::analysis::range::TextRange;
use crate::analysis::tokens::{Token, TokenKind};
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Flags a figure that rests on vague sourcing: "analysts say sales will fall 10%", "it is
    /// thought 200 jobs will go", "is expected to cost £2bn"; and sourcing that stands for nobody
    /// ("some say", "many believe") unless the next sentence names who.
    ///
    /// In narration (not inside quotes), the vague phrases are:
    /// - a generic plural source with an attribution verb: "officials said", "sources say",
    ///   "critics argue", "experts believe", "some observers warn", "many people say", "others
    ///   claim", "according to sources";
    /// - impersonal attribution: "it is believed", "it is understood", "it has been reported";
    /// - agentless "is said to", "are believed to", "is thought to", "is expected to".
    ///
    /// A figure rests on the phrase when a count, an amount, a share or a rate follows it in the
    /// sentence (or precedes it when the phrase closes the sentence: "…, analysts said.").
    /// Dates, years, ordinals and definite counts ("the two parties") place a claim rather
    /// than make one. Without such a figure, "analysts said" and "is expected to" are routine
    /// wording that copy editors, asked, judged pedantic in nearly every case.
    ///
    /// A source qualified by a name ("Pentagon officials said", "officials at the Treasury said")
    /// is not flagged, nor is an expectation with an agent ("is expected by analysts to"), nor a
    /// group named just before or after ("said Ann Cole, an analyst at Brandt"). Singular
    /// anonymous sources ("a person familiar with the matter said") are ATT005's.
    ///
    /// ## Why it matters
    /// Weasel words (Wikipedia's "words to watch") give a claim authority without anyone
    /// accountable for it. AP asks that sourcing be as specific as possible: which officials,
    /// which experts, expected by whom.
    ///
    /// ## Example
    /// Flagged: `Officials said the closure would cost 4,000 jobs.` (which officials?)
    ///
    /// Not flagged: `Treasury officials said the closure would cost 4,000 jobs.`
    ATT003, "vague-source", Hint,
    cost: Heavy,
    triggers: TRIGGERS,
    measured: 4 / 23,
}

const HEADS: &[&str] = &[
    "officials",
    "sources",
    "critics",
    "experts",
    "analysts",
    "observers",
    "insiders",
    "commentators",
    "diplomats",
    "economists",
    "insiders",
    "aides",
    "some",
    "many",
    "others",
    "people",
];

/// Verbs that make a generic subject a source.
const VERBS: &[&str] = &[
    "said",
    "say",
    "says",
    "believe",
    "believes",
    "believed",
    "argue",
    "argues",
    "argued",
    "claim",
    "claims",
    "claimed",
    "suggest",
    "suggests",
    "suggested",
    "fear",
    "fears",
    "feared",
    "think",
    "thinks",
    "warn",
    "warns",
    "warned",
    "told",
    "tell",
    "note",
    "noted",
    "contend",
    "contended",
    "insist",
    "insisted",
    "predict",
    "predicted",
    "predicts",
    "expect",
    "expects",
    "estimate",
    "estimated",
    "estimates",
    "reckon",
    "speculate",
    "speculated",
    "worry",
    "worried",
    "allege",
    "alleged",
    "maintain",
    "maintained",
    "complain",
    "complained",
];

/// Words allowed between the head and its verb ("officials have long said").
const BETWEEN: &[&str] = &[
    "have",
    "had",
    "also",
    "long",
    "privately",
    "now",
    "still",
    "widely",
];

/// Words that qualify a generic source without naming it.
const QUALIFIERS: &[&str] = &[
    "some",
    "many",
    "most",
    "several",
    "other",
    "senior",
    "unnamed",
    "government",
    "western",
    "security",
    "intelligence",
    "administration",
    "industry",
    "party",
    "local",
    "independent",
    "medical",
    "legal",
    "the",
    "a",
    "two",
    "three",
    "four",
    "few",
    "military",
    "defence",
    "defense",
    "health",
    "city",
    "state",
    "federal",
    "top",
    "anonymous",
    "informed",
    "well-placed",
    "knowledgeable",
    "political",
    "market",
    "financial",
    "city",
    "banking",
    "police",
    "campaign",
    "foreign",
    "european",
    "american",
    "british",
    "us",
    "u.s.",
    "uk",
    "eu",
    "white",
    "house",
];

/// Qualifiers that are proper names ("US officials", "White House aides").
const PROPER_QUALIFIERS: &[&str] = &[
    "us", "u.s.", "uk", "eu", "american", "british", "european", "western", "white", "house",
];

/// Verbs of a schedule or a convention: "is expected to attend" says what the calendar says.
const SCHEDULE: &[&str] = &[
    "attend", "arrive", "go", "open", "begin", "start", "finish", "end", "last", "return",
    "appear", "visit", "travel", "meet", "launch", "release", "publish", "sit", "run", "speak",
    "host", "perform", "resume", "close", "leave", "depart", "land",
];

/// Participles after "is expected to be" that make a schedule ("is expected to be held").
const SCHEDULED: &[&str] = &[
    "held", "published", "released", "completed", "available", "open", "launched", "shown",
    "broadcast", "finished", "ready", "on", "back", "in", "at", "present",
];

const IMPERSONAL: &[&str] = &[
    "believed",
    "thought",
    "understood",
    "said",
    "claimed",
    "feared",
    "alleged",
    "reported",
    "suggested",
    "rumoured",
    "rumored",
    "known",
];

/// Participles of the agentless "is said to", "is expected to".
const AGENTLESS: &[&str] = &[
    "said",
    "believed",
    "thought",
    "reported",
    "rumoured",
    "rumored",
    "alleged",
    "understood",
    "expected",
];

fn lower<'a>(t: &Token, prose: &'a str) -> Cow<'a, str> {
    lexicon::lower(t.text(prose))
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (si, s) in doc.sentences.iter().enumerate() {
        if doc.is_display(s.paragraph) {
            continue;
        }

        if !may_match(ctx.triggers(si)) {
            continue;
        }
        let toks = doc.narration(si);
        let words: Vec<Cow<'_, str>> = toks.iter().map(|t| lower(t, &doc.prose)).collect();
        let sentence_start = toks.first().map_or(0, |t| t.range.start);
        let mut i = 0;
        while i < toks.len() {
            if let Some((range, msg)) = generic_source(ctx, si, &toks, &words, i, sentence_start)
                .or_else(|| impersonal(ctx, si, &toks, &words, i))
                .or_else(|| agentless(ctx, si, &toks, &words, i))
            {
                out.push(ctx.diagnostic(range, msg));
                // One finding per phrase.
                while i < toks.len() && toks[i].range.start < range.end {
                    i += 1;
                }
                continue;
            }
            i += 1;
        }
    }
}

/// "officials said", "some experts believe", "according to sources".
fn generic_source(
    ctx: &RuleContext<'_>,
    si: usize,
    toks: &[Token],
    words: &[Cow<'_, str>],
    i: usize,
    sentence_start: usize,
) -> Option<(TextRange, String)> {
    let w = words[i].as_ref();
    // "according to sources/officials/experts"
    if w == "according" && words.get(i + 1).is_some_and(|x| x == "to") {
        let mut j = i + 2;
        while j < toks.len() && QUALIFIERS.contains(&words[j].as_ref()) {
            j += 1;
        }
        let head = words.get(j)?;
        if HEADS.contains(&head.as_ref())
            && !matches!(head.as_ref(), "some" | "many" | "others" | "people")
            && !named_after(ctx, toks, words, j)
        {
            let range = TextRange::new(toks[i].range.start, toks[j].range.end);
            if !sourcing::figure_rests_on(ctx, si, range)
                || sourcing::named_in_story(ctx, si, family(head), range)
            {
                return None;
            }
            return Some((
                range,
                format!(
                    "vague source `{}`: say which {head}, or why they cannot be named",
                    ctx.prose(range)
                ),
            ));
        }
        return None;
    }
    if !HEADS.contains(&w) {
        return None;
    }
    // The verb right after the head.
    let mut v = i + 1;
    while v < toks.len() && BETWEEN.contains(&words[v].as_ref()) {
        v += 1;
    }
    let verb = words.get(v)?;
    if !VERBS.contains(&verb.as_ref()) {
        return None;
    }
    // "people" needs "many"/"some"/"most" before it; "some"/"many"/"others" must stand alone.
    let prev = i.checked_sub(1).map(|p| words[p].as_ref());
    match w {
        "people" if !matches!(prev, Some("many" | "some" | "most" | "few")) => return None,
        "some" | "many" | "others"
            if prev.is_some_and(|p| {
                p.chars().all(char::is_alphabetic) && p != "but" && p != "and"
            }) =>
        {
            return None;
        }
        _ => {}
    }
    // Qualifiers before the head; a capitalised one (not opening the sentence) names the source.
    let mut s = i;
    while s > 0 {
        let p = &words[s - 1];
        if toks[s - 1].kind != TokenKind::Word {
            break;
        }
        let raw = toks[s - 1].text(&ctx.doc.prose);
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        // A capitalised qualifier names the source ("Pentagon officials"), unless it is a generic
        // word opening the sentence ("Some officials").
        // At the start of a sentence too, a proper name among the qualifiers ("US officials
        // say") names the source as it would mid-sentence.
        if capital
            && (toks[s - 1].range.start != sentence_start
                || !QUALIFIERS.contains(&p.as_ref())
                || PROPER_QUALIFIERS.contains(&p.as_ref()))
        {
            return None;
        }
        if !QUALIFIERS.contains(&p.as_ref()) {
            break;
        }
        s -= 1;
    }
    // A possessive or a name just before ("Trump's critics") is specific enough.
    if s > 0 && toks[s - 1].text(&ctx.doc.prose).ends_with(['’', '\'']) {
        return None;
    }
    if s > 0 && lexicon::is_possessive(&words[s - 1]) {
        return None;
    }
    let range = TextRange::new(toks[s].range.start, toks[v].range.end);
    // A group a reader can picture ("analysts said", "critics argue") is routine wording for
    // an opinion or a forecast; it needs a name when a figure rests on it. "Some say", "many
    // believe" stand for nobody at all, unless the next sentence names who. (The cheap test
    // first: most phrases carry no figure.)
    let weasel = matches!(w, "some" | "many" | "others" | "people");
    if !(sourcing::figure_rests_on(ctx, si, range) || weasel && !sourcing::speaker_next(ctx, si)) {
        return None;
    }
    // A source of the same kind named just before or after ("Treasury officials said …
    // Officials also said", "analysts said … said Ann Cole, an analyst at Brandt"), or anywhere
    // in the story: the vague phrase sums up named sources.
    if sourcing::named_in_story(ctx, si, family(w), range) {
        return None;
    }
    let who = if matches!(w, "some" | "many" | "others" | "people") {
        "who".to_string()
    } else {
        format!("which {w}")
    };
    Some((
        range,
        format!(
            "vague source `{}`: say {who}, or why they cannot be named",
            ctx.prose(range)
        ),
    ))
}

/// The words that name a source of the same kind as generic head `head` nearby ("analysts" are
/// summed up from "an analyst at Brandt Bank", "officials" from "a Treasury spokeswoman").
fn family(head: &str) -> &'static [&'static str] {
    match head {
        "officials" | "aides" | "insiders" => &[
            "official",
            "aide",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "insider",
        ],
        "experts" => &[
            "expert",
            "professor",
            "specialist",
            "scientist",
            "researcher",
            "analyst",
            "economist",
        ],
        "analysts" | "economists" | "observers" | "commentators" => &[
            "analyst",
            "economist",
            "strategist",
            "observer",
            "commentator",
        ],
        "critics" => &["critic", "opponent"],
        "diplomats" => &["diplomat", "ambassador", "envoy"],
        "sources" => &["source"],
        _ => &[],
    }
}

/// A name right after a generic head ("officials including Jane Doe", "according to analysts
/// Brandt Research").
fn named_after(ctx: &RuleContext<'_>, toks: &[Token], words: &[Cow<'_, str>], j: usize) -> bool {
    let next = words.get(j + 1).map(AsRef::as_ref);
    if toks.get(j + 1).is_some_and(|t| {
        t.is_capitalised(&ctx.doc.prose) && !lexicon::is_function_word(t.text(&ctx.doc.prose))
    }) {
        return true;
    }
    matches!(
        next,
        Some("at" | "in" | "from" | "with" | "including" | "for")
    ) && toks
        .get(j + 2)
        .is_some_and(|t| t.is_capitalised(&ctx.doc.prose) || words[j + 2] == "the")
}

/// "it is believed", "it has been reported".
fn impersonal(
    ctx: &RuleContext<'_>,
    si: usize,
    toks: &[Token],
    words: &[Cow<'_, str>],
    i: usize,
) -> Option<(TextRange, String)> {
    if words[i] != "it" {
        return None;
    }
    let mut j = i + 1;
    match words.get(j).map(AsRef::as_ref) {
        Some("is" | "was") => j += 1,
        Some("has" | "had") if words.get(j + 1).is_some_and(|w| w == "been") => j += 2,
        _ => return None,
    }
    if words
        .get(j)
        .is_some_and(|w| matches!(w.as_ref(), "widely" | "generally" | "now" | "also"))
    {
        j += 1;
    }
    let p = words.get(j)?;
    if !IMPERSONAL.contains(&p.as_ref()) {
        return None;
    }
    // "it is known as", "it was said in jest": only before "that" or a clause.
    let next = words.get(j + 1).map(AsRef::as_ref);
    if matches!(next, Some("as" | "by" | "for" | "in" | "to" | "of")) {
        return None;
    }
    let range = TextRange::new(toks[i].range.start, toks[j].range.end);
    // "It has been claimed that … . Jack Law said …": the next sentence names who. "It is
    // understood" is also how British copy cites the outlet's own reporting: worth a query
    // when a figure rests on it.
    if !sourcing::figure_rests_on(ctx, si, range) || sourcing::speaker_next(ctx, si) {
        return None;
    }
    Some((
        range,
        format!("`{}` has no source: {p} by whom?", ctx.prose(range)),
    ))
}

/// "is said to", "are believed to", "is expected to" with no agent.
fn agentless(
    ctx: &RuleContext<'_>,
    si: usize,
    toks: &[Token],
    words: &[Cow<'_, str>],
    i: usize,
) -> Option<(TextRange, String)> {
    if !matches!(words[i].as_ref(), "is" | "are" | "was" | "were") {
        return None;
    }
    let mut j = i + 1;
    if words.get(j).is_some_and(|w| {
        matches!(
            w.as_ref(),
            "widely" | "generally" | "also" | "now" | "still"
        )
    }) {
        j += 1;
    }
    let p = words.get(j)?;
    if !AGENTLESS.contains(&p.as_ref()) {
        return None;
    }
    if words.get(j + 1).is_none_or(|w| w != "to") {
        return None;
    }
    // "is expected to" before a schedule or a convention is no claim ("is expected to go on
    // sale in May", "are expected to attend", "is expected to be held"); before a decision or
    // a movement it is a forecast ("are expected to discuss", "is expected to rise").
    if p == "expected" {
        let verb = words.get(j + 2).map_or("", AsRef::as_ref);
        let after = words.get(j + 3).map_or("", AsRef::as_ref);
        if SCHEDULE.contains(&verb)
            || (verb == "be" && SCHEDULED.contains(&after))
            || (verb == "take" && after == "place")
        {
            return None;
        }
    }
    // An agent later in the sentence ("… expected by analysts") or a source verb nearby.
    if words[j + 1..].iter().any(|w| w == "by") {
        return None;
    }
    if toks
        .iter()
        .any(|t| lexicon::speech_verb(t.text(&ctx.doc.prose)).is_some())
        || words.iter().any(|w| w == "according")
    {
        return None;
    }
    let range = TextRange::new(toks[i].range.start, toks[j + 1].range.end);
    // "is expected to announce", "are believed to be close" is the routine hedge of a preview;
    // "is expected to cost £2bn" puts a figure on nobody's word.
    if !sourcing::figure_rests_on(ctx, si, range) {
        return None;
    }
    Some((
        range,
        format!("`{}` has no source: {p} by whom?", ctx.prose(range)),
    ))
}


/// The first pass's word lists (any case); bit `k` of `RuleContext::triggers` is list `k`.
const TRIGGERS: &[Trigger] = &[
    Trigger::lower(HEADS),
    Trigger::lower(VERBS),
    Trigger::lower(&["according"]),
    Trigger::lower(&["it"]),
    Trigger::lower(IMPERSONAL),
    Trigger::lower(&["is", "are", "was", "were"]),
    Trigger::lower(AGENTLESS),
    Trigger::lower(&["to"]),
];
/// A generic source ("officials").
const HAS_HEAD: u32 = 1 << 0;
/// A verb that makes it a source ("said").
const HAS_VERB: u32 = 1 << 1;
const HAS_ACCORDING: u32 = 1 << 2;
const HAS_IT: u32 = 1 << 3;
/// An "it is believed" participle.
const HAS_IMPERSONAL: u32 = 1 << 4;
/// A form of "be".
const HAS_BE: u32 = 1 << 5;
/// An "is expected to" participle.
const HAS_AGENTLESS: u32 = 1 << 6;
const HAS_TO: u32 = 1 << 7;

/// A cheap first pass on the sentence's trigger words: each finding needs these words in the
/// sentence ("according"; a generic head and a source verb; "it" and an impersonal participle;
/// a form of "be", an agentless participle and "to").
fn may_match(found: u32) -> bool {
    let has = |bits: u32| found & bits == bits;
    has(HAS_ACCORDING)
        || has(HAS_HEAD | HAS_VERB)
        || has(HAS_IT | HAS_IMPERSONAL)
        || has(HAS_BE | HAS_AGENTLESS | HAS_TO)
}

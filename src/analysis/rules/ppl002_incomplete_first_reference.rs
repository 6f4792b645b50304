//! PPL002 `incomplete-first-reference`.

use super::{Diagnostic, RuleContext};
use crate::analysis::lexicon::{self, FxHashMap, FxHashSet, Gender};
use crate::analysis::people::MentionKind;
use std::cell::OnceCell;

declare_rule! {
    /// ## What it does
    /// Flags a first mention that gives only the surname when the full name is known.
    ///
    /// The first mention outside headings is a surname alone, or a title and surname ("President
    /// Biden"), while the article later gives the full name, or the `[[people]]` registry knows it.
    /// Not flagged: a name modifying a noun ("the Blair government", "the Conlon families", "a
    /// Thatcher-era policy"), a band, film or company named like a person ("Kinsey, starring
    /// …"), peers ("Lord Butler"), names inside quotations, full names that are no person
    /// ("Merry Christmas"), and a surname two people of the article share ("President Obama"
    /// where Michelle Obama is named too). Headlines and decks follow headline style (surnames
    /// alone): the first reference judged is the first in the body.
    ///
    /// ## Why it matters
    /// House style introduces a person with full name and title on first reference; later
    /// references use the surname. A story edited out of order often loses the full first
    /// reference.
    ///
    /// ## Example
    /// Flagged: `Stoltenberg opened the summit. NATO Secretary-General Jens Stoltenberg said the
    /// alliance was united.` (the full name comes second)
    ///
    /// Not flagged: `NATO Secretary-General Jens Stoltenberg opened the summit. Stoltenberg said
    /// the alliance was united.`
    PPL002, "incomplete-first-reference", Hint,
    measured: 2 / 8,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let people = ctx.people;
    // The words the article writes in lower case, gathered once (on first need) rather than by
    // a scan of the whole document per person.
    let lower_case_words: OnceCell<FxHashSet<&str>> = OnceCell::new();
    let surnames: OnceCell<FxHashMap<&str, usize>> = OnceCell::new();
    for p in &people.persons {
        let mut body = p
            .mentions
            .iter()
            .filter_map(|&mi| people.mentions.get(mi))
            .filter(|m| {
                doc.paragraph_at(m.range.start)
                    .is_some_and(|pi| !doc.is_display(pi))
            });
        let Some(first) = body.next() else {
            continue;
        };
        if first.kind != MentionKind::Surname || first.variant {
            continue;
        }
        // A surname inside another name ("Falic Group", "Bank of England") is not a reference.
        let ti = doc
            .tokens
            .partition_point(|t| t.range.start < first.range.start);
        let cap = |t: &crate::analysis::tokens::Token| t.is_capitalised(&doc.prose);
        let sentence_start = doc
            .sentence_at(first.range.start)
            .and_then(|si| doc.sentences.get(si))
            .is_some_and(|s| s.range.start == first.range.start);
        // A capitalised word before it is fine when it is the person's title ("Chancellor Hartley").
        let prev_cap = ti > 0
            && !sentence_start
            && doc.tokens.get(ti - 1).is_some_and(|t| {
                let w = t.text(&doc.prose);
                cap(t)
                    && !p.titles.iter().any(|(title, _)| {
                        title
                            .split_whitespace()
                            .any(|x| x.trim_end_matches('.') == w)
                    })
            });
        let next = doc.tokens.get(ti + 1);
        // "Church ministers are …", "the Blair government", "the Conlon and Maguire families":
        // a name modifying a noun refers to no one in particular.
        let modifier = |w: &str| {
            lexicon::is_role(w)
                || lexicon::is_role(w.trim_end_matches('s'))
                || matches!(
                    w,
                    "family"
                        | "families"
                        | "report"
                        | "government"
                        | "administration"
                        | "era"
                        | "presidency"
                        | "years"
                        | "camp"
                        | "campaign"
                        | "brothers"
                        | "sisters"
                        | "household"
                        | "estate"
                        | "foundation"
                        | "plan"
                        | "doctrine"
                        | "review"
                        | "inquiry"
                        | "commission"
                        | "effect"
                        | "insurer"
                )
        };
        // "biopic Kinsey", "Indie dance band Kasabian", "Ford, the US car company": a work or
        // an organisation named like a person.
        let thing = |w: &str| {
            matches!(
                w,
                "band"
                    | "film"
                    | "biopic"
                    | "movie"
                    | "album"
                    | "single"
                    | "song"
                    | "show"
                    | "group"
                    | "company"
                    | "firm"
                    | "brand"
                    | "insurer"
                    | "bank"
                    | "carmaker"
                    | "maker"
                    | "label"
                    | "chain"
                    | "retailer"
                    | "airline"
                    | "play"
                    | "novel"
            )
        };
        let next_bad = next.is_some_and(|t| {
            let w = t.text(&doc.prose);
            cap(t) || w == "of" || modifier(w)
        });
        let word_at = |i: usize| doc.tokens.get(i).map_or("", |t| t.text(&doc.prose));
        let coordinated_modifier = word_at(ti + 1) == "and" && modifier(word_at(ti + 3));
        // "Ruud van Nistelrooy": the end of a longer name.
        let after_particle = ti > 0 && {
            let p = word_at(ti - 1);
            p.chars().next().is_some_and(char::is_lowercase) && lexicon::is_particle(p)
        };
        // "Lord Butler", "Baroness Kennedy": how peers are named, first reference included.
        let peer = ti > 0 && matches!(word_at(ti - 1), "Lord" | "Lady" | "Baroness");
        // "Kinsey starring Liam Neeson": a film or show named after its subject.
        let named_thing = (ti > 0 && thing(word_at(ti - 1)))
            || (word_at(ti + 1) == "," && (ti + 2..ti + 8).any(|i| thing(word_at(i))))
            || matches!(word_at(ti + 1), "starring" | "stars" | "directed")
            || (word_at(ti + 1) == "," && matches!(word_at(ti + 2), "starring" | "directed"));
        // "a Thatcher-era policy", "Blair-style": a name glued to a modifier.
        let hyphen_after = doc.prose[first.range.end..].starts_with(['-', '‑']);
        // Another person of the same surname ("President Obama" and Michelle Obama): a surname
        // alone may be either, so it is no incomplete reference to this one.
        let surname = p.name.split_whitespace().last().unwrap_or("");
        let shared = surnames
            .get_or_init(|| {
                // How many people of different names bear each surname, counted once.
                let mut names: FxHashSet<&str> = FxHashSet::default();
                let mut count: FxHashMap<&str, usize> = FxHashMap::default();
                for o in &people.persons {
                    if names.insert(o.name.as_str()) {
                        let last = o.name.split_whitespace().last().unwrap_or("");
                        *count.entry(last).or_insert(0) += 1;
                    }
                }
                count
            })
            .get(surname)
            .is_some_and(|&n| n > 1);
        // A title or honorific of the other sex ("Mr Obama" for Michelle Obama).
        let given_gender = lexicon::first_name(p.name.split_whitespace().next().unwrap_or(""));
        let other_sex = ti > 0 && {
            let before = word_at(ti - 1);
            let g = lexicon::honorific(before).or_else(|| lexicon::role_gender(before));
            matches!(
                (g, given_gender),
                (Some(Gender::Male), Some(Gender::Female)) | (Some(Gender::Female), Some(Gender::Male))
            )
        };
        // Mentions that an honorific gives the other sex ("Mr. Obama" among Michelle Obama's):
        // two people of one surname were taken for one, so the suggested name may be the wrong
        // person's.
        // Honorifics of both sexes among the mentions, or of the sex the given name is not
        // ("Mr. Obama" among Michelle Obama's): two people of one surname were taken for one,
        // so the suggested name may be the wrong person's.
        let honorifics: Vec<Gender> = p
            .mentions
            .iter()
            .filter_map(|&mi| people.mentions.get(mi))
            .filter_map(|m| {
                let k = doc.tokens.partition_point(|t| t.range.start < m.range.start);
                // The honorific before the mention, or opening it ("Mr. Obama" as one mention).
                let own = ctx.prose(m.range).split_whitespace().next().unwrap_or("");
                let before = match k.checked_sub(1).map(word_at) {
                    Some(".") => k.checked_sub(2).map(word_at),
                    w => w,
                };
                lexicon::honorific(own).or_else(|| before.and_then(lexicon::honorific))
            })
            .filter(|&g| g != Gender::Unknown)
            .collect();
        let mixed = honorifics.iter().any(|&g| {
            honorifics.iter().any(|&h| h != g)
                || given_gender.is_some_and(|gg| gg != Gender::Unknown && gg != g)
        });
        // Inside a quotation, or glued to a hyphen ("Kilroy -Silk"): not the article's own
        // reference.
        let quoted = doc.quote_at(first.range.start).is_some();
        let hyphen = doc.prose[..first.range.start].ends_with('-');
        if prev_cap
            || next_bad
            || coordinated_modifier
            || after_particle
            || peer
            || named_thing
            || quoted
            || hyphen
            || hyphen_after
            || shared
            || other_sex
            || mixed
        {
            continue;
        }
        let full_later = body.find(|m| m.kind == MentionKind::FullName);
        // Top matter the headline test did not recognise: the article's first block (a headline
        // closed by a period, or with its deck on a second line), or a short summary under a
        // section label in capitals ("ABSTRACT."), with the full name in the next two
        // paragraphs. Headline style names by surname; the intro introduces in full. (A short
        // lede under a recognised headline is body copy, and still flagged.)
        let top_matter = full_later.is_some_and(|m| {
            let (Some(pf), Some(pm)) = (
                doc.paragraph_at(first.range.start),
                doc.paragraph_at(m.range.start),
            ) else {
                return false;
            };
            let under_label = pf > 0 && pf < TOP_PARAGRAPHS && capital_label(doc, pf - 1);
            // A deck set on the line right under the headline, with no blank line between.
            let deck_line = pf == 1
                && doc.is_display(0)
                && doc.paragraphs.first().zip(doc.paragraphs.get(1)).is_some_and(|(h, d)| {
                    doc.prose
                        .get(h.range.end..d.range.start)
                        .is_some_and(|gap| gap.matches('\n').count() == 1)
                });
            pm > pf
                && pm <= pf + 2
                && (pf == 0 || under_label || deck_line)
                && (0..=pf).all(|q| doc.paragraph_words(q) <= TOP_MATTER_WORDS)
        });
        if top_matter {
            continue;
        }
        // A person, not an organisation or phrase taken for one ("Dimension Data", "Merry
        // Christmas"): a known first name or a title with a role word (or the registry), and a
        // surname that is no listed non-name ("Christmas", "Olympics", the month "May") and no
        // word the article also writes in lower case.
        let given = p.name.split_whitespace().next().unwrap_or("");
        let written = ctx.prose(first.range);
        let lower = written.to_lowercase();
        let common = lower_case_words
            .get_or_init(|| {
                // Only the words some person's first reference could be are kept: the lower case
                // of every first body mention that is a plain surname (a superset of the words
                // this loop asks about). A few hundred entries, so each token costs a bitmap
                // test, and rarely a lookup, instead of an insert into a set of every word.
                let wanted: FxHashSet<String> = people
                    .persons
                    .iter()
                    .filter_map(|p| {
                        p.mentions
                            .iter()
                            .filter_map(|&mi| people.mentions.get(mi))
                            .find(|m| {
                                doc.paragraph_at(m.range.start)
                                    .is_some_and(|pi| !doc.is_display(pi))
                            })
                    })
                    .filter(|m| m.kind == MentionKind::Surname && !m.variant)
                    .map(|m| ctx.prose(m.range).to_lowercase())
                    .collect();
                let key = |w: &str| {
                    let first = usize::from(w.as_bytes().first().copied().unwrap_or(0));
                    (first & 63) | ((w.len() & 63) << 6)
                };
                let mut bitmap = [0u64; 64];
                for w in &wanted {
                    let k = key(w);
                    bitmap[k >> 6] |= 1 << (k & 63);
                }
                doc.tokens
                    .iter()
                    .map(|t| t.text(&doc.prose))
                    .filter(|w| {
                        let k = key(w);
                        bitmap[k >> 6] & (1 << (k & 63)) != 0
                            && w.starts_with(|c: char| c.is_lowercase())
                            && wanted.contains(*w)
                    })
                    .collect()
            })
            .contains(lower.as_str());
        let titled = p
            .title
            .as_deref()
            .is_some_and(|t| t.split_whitespace().any(lexicon::is_role));
        // With a title, a given name the gazetteer lacks ("Jens") still counts, but not an
        // initial, a participle, a hyphenated word or a role ("Following Johnson", "York-born
        // Aguilera", "Princes William").
        let given_ok = given.chars().count() > 1
            && !given.contains('-')
            && !given.ends_with("ing")
            && !lexicon::is_role(given.trim_end_matches('s'));
        let personlike = p.in_registry
            || ((lexicon::first_name(given).is_some() || (titled && given_ok))
                && !lexicon::is_not_person(written)
                && !common);
        let full_name = personlike && p.name.split_whitespace().count() >= 2;
        if !(full_name && (full_later.is_some() || p.in_registry)) {
            continue;
        }
        let mut d = ctx.diagnostic(
            first.range,
            format!(
                "first reference to `{written}` gives only the surname; introduce as `{}`",
                p.name
            ),
        );
        if let Some(m) = full_later {
            d = d.with_related(m.range, "the full name appears only here");
        }
        out.push(d);
    }
}

/// How many paragraphs at the top may be headline matter (headline, deck, label, abstract).
const TOP_PARAGRAPHS: usize = 4;

/// The longest paragraph of headline matter, in words.
const TOP_MATTER_WORDS: usize = 40;


/// A section label in capitals ("ABSTRACT.", "FULL TEXT"): at most three words, no lower-case
/// letter.
fn capital_label(doc: &crate::analysis::document::Document, pi: usize) -> bool {
    let Some(p) = doc.paragraphs.get(pi) else {
        return false;
    };
    let text = p.range.slice(&doc.prose);
    doc.paragraph_words(pi) <= 3
        && text.chars().any(char::is_alphabetic)
        && !text.chars().any(char::is_lowercase)
}

//! ATT001 `quote-without-speaker`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::{Edit, Fix};
use crate::analysis::lexicon;
use crate::analysis::people::{self, SpeakerVia};
use crate::analysis::quotes::{self, Quote};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a direct quotation that stands as a sentence of its own with no speaker.
    ///
    /// A quote has a speaker when a cue such as "said", "told" or "according to" attaches it to
    /// someone in its sentence, a colon introduction names the speaker, or it continues an
    /// attributed quote. An orphan quote is reported whoever else its paragraph names: naming
    /// someone in passing does not say who spoke. When one person is named in the quote's
    /// paragraph and the one before, the message asks whether they said it.
    ///
    /// ## Why it matters
    /// A quote nobody said cannot be checked, and readers cannot weigh it. Wire and house style
    /// require every direct quote to name its source.
    ///
    /// Not flagged: a quotation inside a sentence of narration (a term, a gloss, a document's
    /// words, a title, a scare quote, or a credit such as "The letter opened, “…”"); a quote
    /// introduced by a line ending in a colon ("Jane Doe, Harbour Times:"); a quote after a
    /// sentence that attributes to someone ("Smith said the plant would close.", not "A survey
    /// found that the plant would close.") or that holds a quote (the
    /// same voice goes on), or that presents a document's words ("The minutes of the
    /// meeting show how the talks fell apart."), or before one that attributes ("… That was
    /// how the mayor put it."),
    /// or before a quote of the same paragraph with a named speaker; a quote after one sentence
    /// of narration naming nobody that follows a quote of the same paragraph (an aside); a
    /// first-person quote ("I …", "we …") after a sentence whose subject is the one person it
    /// names and whom the article quotes elsewhere ("Whitfield is determined to stay. “I have
    /// never wanted to leave.”"), unless the quote names them; a first-person quote in a piece
    /// told in the narrator's voice (narration in the first person, or four or more quotes
    /// none attributed) that quotes nobody else; a
    /// quote that goes on in the voice of the only person quoted so far, across narration about
    /// them (`facts` shows it as a continuation); three words or fewer;
    /// titles of works; quotes in headings, quotes nested in another quote (they belong to the
    /// outer speaker), and unclosed quotes (ATT006 reports those; their extent, and so their
    /// speaker, is unknown).
    ///
    /// ## Example
    /// Flagged: `“We will not back down.” The talks continue on Friday.` (who said it?)
    ///
    /// Flagged: `Maria Lopez runs the bakery. The plant shuts in March. “We had no warning.”`
    /// (Lopez is named, but nothing says she spoke.)
    ///
    /// Not flagged: `“We will not back down,” the minister said. The talks continue on Friday.`
    ///
    /// Not flagged: `Union leader Dan Hurst said the plant would close. “We had no warning.”`
    ///
    /// Not flagged: `The council described the plan as “a step too far for the town” on Monday.`
    ATT001, "quote-without-speaker", Hint,
    cost: Heavy,
    measured: 5 / 14,
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for a in &ctx.people.attributions {
        let Some(q) = doc.quotes.get(a.quote) else {
            continue;
        };
        // An unclosed quote is ATT006's: where it ends, and so who said it, is unknown.
        if q.parent.is_some() || !q.closed || !a.speech || a.via != SpeakerVia::None {
            continue;
        }
        if q.paragraphs.clone().any(|p| doc.is_heading(p)) {
            continue;
        }
        // Only a quotation that stands as a sentence of its own is an orphan. One inside a
        // sentence of narration ("gave “protected designation of origin” status", "the letter
        // opened, “…”") quotes a document, a term or a phrase, or is credited by that sentence.
        if !stands_alone(ctx, q) {
            continue;
        }
        if neighbours_credit(ctx, a.quote) {
            continue;
        }
        let introduced = setup_subject(ctx, q);
        let quoted = |p: usize| ctx.people.quotes_of(p).next().is_some();
        if introduced.is_some_and(quoted) || narrator_speaks(ctx, q) {
            continue;
        }
        // A transcript line: "PENCE: Well, …".
        let inner = doc.text(q.content).trim_start();
        if let Some((label, _)) = inner.split_once(':') {
            if label.len() >= 2
                && label.len() <= 30
                && label
                    .chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '.')
            {
                continue;
            }
        }
        let excerpt = quotes::excerpt(doc.text(q.content), 6);
        let named = introduced.and_then(|p| ctx.people.persons.get(p).map(|p| p.name.clone()));
        let ask = match named.or_else(|| likely_speaker(ctx, q)) {
            Some(name) => format!("did {name} say this?"),
            None => "say who said it".to_string(),
        };
        let mut d = ctx.diagnostic(
            q.range,
            format!("quotation `{excerpt}` has no speaker: {ask}"),
        );
        d.fix = add_attribution(ctx.text, q);
        out.push(d);
    }
}

/// Whether quote `q` is a sentence (or several) of its own: no words of narration before it in
/// its first sentence or after it in its last.
fn stands_alone(ctx: &RuleContext<'_>, q: &Quote) -> bool {
    let doc = ctx.doc;
    let words = |si: usize| {
        doc.narration(si)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .collect::<Vec<_>>()
    };
    !words(q.sentence)
        .iter()
        .any(|t| t.range.end <= q.range.start)
        && !words(q.end_sentence)
            .iter()
            .any(|t| t.range.start >= q.range.end)
}

/// Whether sentence `si` attributes words to someone who can speak: outside quotes, an
/// attribution word (a speech verb such as "said", "asked" or "wrote", "according to", a user's
/// attribution verb) and a speaker (a person named, "he", "she", "they", a role such as "the
/// spokesman"). "A survey found that …" or "Telewest predicts." credits no quote that follows.
fn attributes(ctx: &RuleContext<'_>, si: usize) -> bool {
    let doc = ctx.doc;
    let toks = doc.narration(si);
    let verb = toks.iter().any(|t| {
        let w = lexicon::strip_possessive(t.text(&doc.prose));
        t.kind == TokenKind::Word
            && (lexicon::speech_verb(w).is_some()
                || matches!(w, "according" | "attributed")
                || people::user_verb_at(doc, t, &ctx.config.attribution_verbs))
    });
    verb && toks.iter().any(|t| {
        let w = lexicon::strip_possessive(t.text(&doc.prose));
        t.kind == TokenKind::Word
            && (ctx.people.mention_at(t.range.start).is_some()
                || matches!(
                    w,
                    "he" | "she" | "they" | "He" | "She" | "They" | "I" | "We" | "we"
                )
                || lexicon::is_role(w))
    })
}

/// Written records whose words a story quotes ("The minutes of the meeting show …", "a memo
/// records …"): the quotation that follows is the document's, not an unnamed speaker's.
const DOCUMENTS: &[&str] = &[
    "minutes", "memo", "memos", "letter", "letters", "report", "documents", "document", "papers",
    "notes", "note", "diary", "diaries", "email", "emails", "e-mail", "transcript", "cable",
    "cables", "files", "records", "judgment", "ruling", "statement", "manifesto",
];

/// Verbs by which a document gives its words.
const DOCUMENT_VERBS: &[&str] = &[
    "show", "shows", "showed", "reveal", "reveals", "revealed", "record", "records", "recorded",
    "read", "reads", "state", "states", "stated", "say", "says", "said", "note", "notes", "noted",
    "add", "adds", "added", "continue", "continues", "continued",
];

/// Whether sentence `si` presents a document's words: a document noun, then within five words a
/// verb by which it speaks ("The minutes of the meeting show how the deal fell apart.").
fn presents_document(ctx: &RuleContext<'_>, si: usize) -> bool {
    let doc = ctx.doc;
    let toks = doc.narration(si);
    let lower: Vec<String> = toks
        .iter()
        .map(|t| lexicon::lower(t.text(&doc.prose)).into_owned())
        .collect();
    lower.iter().enumerate().any(|(k, w)| {
        DOCUMENTS.contains(&w.as_str())
            && lower[k + 1..(k + 6).min(lower.len())]
                .iter()
                .any(|v| DOCUMENT_VERBS.contains(&v.as_str()))
    })
}

/// Whether the sentences around quote `qi` give it a speaker a reader would accept: an
/// introduction ending in a colon ("The letter opened:", "Jane Doe, Harbour Times:"), an
/// attribution to someone in the sentence before (even across a paragraph break: "Smith said the
/// plant would close." then the quote) or a quote there (the same voice goes on), an attribution
/// in the sentence after (delayed: "… That was how the mayor put it."; in the next paragraph only
/// when it points back or is a short credit line, and holds no quote of its own), or a later
/// quote of the paragraph with a named speaker.
fn neighbours_credit(ctx: &RuleContext<'_>, qi: usize) -> bool {
    let doc = ctx.doc;
    let q = &doc.quotes[qi];
    if doc.prose[..q.range.start].trim_end().ends_with(':') {
        return true;
    }
    let has_quote = |si: usize| doc.narration(si).len() < doc.sentence_tokens(si).len();
    let body = |si: usize| {
        doc.sentences
            .get(si)
            .is_some_and(|s| !doc.is_heading(s.paragraph))
    };
    if let Some(p) = q.sentence.checked_sub(1).filter(|&p| body(p)) {
        if attributes(ctx, p) || has_quote(p) || presents_document(ctx, p) {
            return true;
        }
        // One sentence of narration that names nobody, between two quotes of one paragraph
        // ("“… alongside audio signals.” The base station turns it into text. “It downloads
        // …”"): an aside, and the same voice goes on.
        let same_para = |a: usize, b: usize| {
            doc.sentences.get(a).map(|s| s.paragraph) == doc.sentences.get(b).map(|s| s.paragraph)
        };
        let names_nobody = || {
            doc.narration(p)
                .iter()
                .all(|t| ctx.people.mention_at(t.range.start).is_none())
        };
        if let Some(pp) = p.checked_sub(1) {
            if same_para(pp, q.sentence)
                && has_quote(pp)
                && !has_quote(p)
                && names_nobody()
            {
                return true;
            }
        }
    }
    let n = q.end_sentence + 1;
    if let (Some(next), Some(end)) = (doc.sentences.get(n), doc.sentences.get(q.end_sentence)) {
        let same_para = next.paragraph == end.paragraph;
        // Across a paragraph break only a sentence that points back ("That was how …", "So
        // says …", "Said Jane Doe, …") or a short credit line, with no quote of its own: a new
        // paragraph that reports someone else ("Prime Minister Lindqvist, who chaired the
        // session, said the allies …") starts a new topic.
        let points_back = || {
            let toks = doc.narration(n);
            let first = toks.first().map_or("", |t| t.text(&doc.prose));
            let words = toks.iter().filter(|t| t.kind == TokenKind::Word).count();
            matches!(
                first,
                "That" | "This" | "Those" | "These" | "So" | "Such" | "Thus" | "Said" | "Says"
            ) || words <= 8
        };
        if body(n) && attributes(ctx, n) && (same_para || (!has_quote(n) && points_back())) {
            return true;
        }
    }
    // Quotes are in source order, one attribution each: the later quotes of the paragraph.
    let para_end = q.paragraphs.end;
    ctx.people
        .attributions
        .iter()
        .skip(qi + 1)
        .map_while(|b| {
            doc.quotes
                .get(b.quote)
                .filter(|o| o.paragraphs.start < para_end)
                .map(|o| (o, b))
        })
        .any(|(o, b)| {
            o.parent.is_none()
                && o.range.start >= q.range.end
                && matches!(b.via, SpeakerVia::Named | SpeakerVia::Pronoun)
        })
}

/// Whether quote `q` speaks in the first person ("I", "me", "my", "we", "our"): someone
/// talking, for themselves or their side, not a statement in the third person or a document.
fn first_person(ctx: &RuleContext<'_>, q: &Quote) -> bool {
    ctx.doc
        .text(q.content)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            let w = w.trim_matches(['\'', '’']);
            let base = w.split(['\'', '’']).next().unwrap_or(w);
            matches!(
                base,
                "I" | "me" | "my" | "myself" | "Me" | "My" | "Myself" | "we" | "We" | "us" | "our" | "Our"
            )
        })
}

/// The person a set-up sentence introduces right before quote `q`: the sentence before it
/// (even across a paragraph break) holds no quote and has a person named as its subject
/// ("Ruddock, though, is keen to protect his players.", "After three wins, McIlroy is brimming
/// with confidence."), that person is not named inside the quote (it talks about them, so it is
/// not theirs), and the quote speaks in the first person. When the article quotes that person
/// elsewhere with a cue (they are one of its voices), the quote is theirs: news features
/// introduce quotes this way. Someone the article never quotes is not taken to speak on the
/// strength of one sentence about them, but the message asks whether they did.
fn setup_subject(ctx: &RuleContext<'_>, q: &Quote) -> Option<usize> {
    let doc = ctx.doc;
    let p = q.sentence.checked_sub(1)?;
    let sentence = doc.sentences.get(p)?;
    if doc.is_heading(sentence.paragraph) {
        return None;
    }
    let toks = doc.sentence_tokens(p);
    if doc.narration(p).len() < toks.len() {
        return None;
    }
    let i = ctx
        .people
        .mentions
        .partition_point(|m| m.range.start < sentence.range.start);
    let mut named = ctx.people.mentions[i..]
        .iter()
        .take_while(|m| m.range.start < sentence.range.end)
        .filter(|m| m.kind != people::MentionKind::Pronoun);
    let m = named.next()?;
    // Subject position: the sentence's first words, or right after a comma that ends an
    // opening phrase ("After three wins, McIlroy …"), with no person named before it.
    let at = toks.partition_point(|t| t.range.start < m.range.start);
    let before = &toks[..at];
    let opens = at <= 2 && before.iter().all(|t| t.is_capitalised(&doc.prose));
    let after_comma = before
        .last()
        .is_some_and(|t| t.text(&doc.prose) == ",");
    if !(opens || after_comma) {
        return None;
    }
    // The only person named in the sentence.
    if named.any(|o| o.person != m.person) {
        return None;
    }
    let in_quote = {
        let j = ctx
            .people
            .mentions
            .partition_point(|o| o.range.start < q.range.start);
        ctx.people.mentions[j..]
            .iter()
            .take_while(|o| o.range.start < q.range.end)
            .any(|o| o.person == m.person && o.kind != people::MentionKind::Pronoun)
    };
    if in_quote || !first_person(ctx, q) {
        return None;
    }
    Some(m.person)
}

/// Whether quote `q` is the narrator's own voice: the piece is told in the first person (its
/// narration says "I" and "my" in several sentences, or it holds four or more quotes that read
/// as speech and none is attributed: an as-told-to memoir, "X in quotes"), the
/// quote speaks in the first person too, and the piece quotes nobody else (no quote
/// is attributed, or every attributed quote is one person's). A column that quotes others with
/// cues is not such a piece.
fn narrator_speaks(ctx: &RuleContext<'_>, q: &Quote) -> bool {
    if !first_person(ctx, q) {
        return false;
    }
    // Told as a whole in quotes: at least four quotations that read as speech, none attributed.
    let unattributed = || {
        let speech = ctx.people.attributions.iter().filter(|a| {
            a.speech && ctx.doc.quotes.get(a.quote).is_some_and(|o| o.parent.is_none())
        });
        speech.clone().count() >= 4 && speech.clone().all(|a| a.via == SpeakerVia::None)
    };
    if !ctx.doc.is_signed_voice() && !unattributed() {
        return false;
    }
    let mut voices = ctx
        .people
        .attributions
        .iter()
        .filter(|a| a.via != SpeakerVia::None && a.speaker.is_some())
        .map(|a| a.person);
    match voices.next() {
        None => true,
        Some(None) => false,
        Some(first) => voices.all(|p| p == first),
    }
}

/// The one person a reader would guess said quote `q`: the first person named outside quotes in
/// the sentence before it ("Campbell signalled his intent to move abroad. “I'm 30 now …”"),
/// else the only person named in subject position outside quotes in its paragraph and the one
/// before.
fn likely_speaker(ctx: &RuleContext<'_>, q: &Quote) -> Option<String> {
    let doc = ctx.doc;
    let named = |m: &&people::Mention| {
        m.kind != people::MentionKind::Pronoun && doc.quote_at(m.range.start).is_none()
    };
    let in_range = |from: usize, to: usize| {
        let i = ctx.people.mentions.partition_point(|m| m.range.start < from);
        ctx.people.mentions[i..]
            .iter()
            .take_while(move |m| m.range.start < to)
            .filter(named)
    };
    let name = |p: usize| ctx.people.persons.get(p).map(|p| p.name.clone());
    // In subject position: among the first words of its sentence, after no lower-case word
    // ("with Johnston McEvoy" names no speaker).
    let subject_like = |m: &people::Mention| {
        let Some(si) = doc.sentence_at(m.range.start) else {
            return false;
        };
        let toks = doc.sentence_tokens(si);
        let i = toks.partition_point(|t| t.range.start < m.range.start);
        let after_lower = i.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.text(&doc.prose)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        });
        i <= 6 && !after_lower
    };
    if let Some(prev) = q.sentence.checked_sub(1).and_then(|p| doc.sentences.get(p)) {
        if let Some(m) = in_range(prev.range.start, prev.range.end).next() {
            if subject_like(m) {
                return name(m.person);
            }
        }
    }
    let first = q.paragraphs.start.saturating_sub(1);
    let from = doc.paragraphs.get(first)?.range.start;
    let to = doc
        .paragraphs
        .get(q.paragraphs.end.saturating_sub(1))?
        .range
        .end;
    let mut who: Option<usize> = None;
    for m in in_range(from, to).filter(|m| subject_like(m)) {
        match who {
            None => who = Some(m.person),
            Some(p) if p == m.person => {}
            Some(_) => return None,
        }
    }
    name(who?)
}

/// The placeholder the "add attribution" fix inserts; the writer replaces it.
pub const SPEAKER_PLACEHOLDER: &str = "[SPEAKER]";

/// An attribution after the closed quote `q` of `text`, for the writer to complete:
/// `“We will not back down.”` → `“We will not back down,” [SPEAKER] said.`
fn add_attribution(text: &str, q: &Quote) -> Option<Fix> {
    if !q.closed {
        return None;
    }
    let edit = |range, replacement: String| Edit { range, replacement };
    let end = TextRange::empty(q.range.end);
    let quoted = q.range.slice(text);
    let close_len = quoted.chars().next_back()?.len_utf8();
    let close_start = q.range.end.checked_sub(close_len)?;
    let before = quoted[..quoted.len() - close_len].chars().next_back();
    let edits = match before {
        // The sentence's period becomes a comma inside the quote; the attribution ends it.
        Some('.') => vec![
            edit(
                TextRange::new(close_start - 1, close_start),
                ",".to_string(),
            ),
            edit(end, format!(" {SPEAKER_PLACEHOLDER} said.")),
        ],
        Some(',') => vec![edit(end, format!(" {SPEAKER_PLACEHOLDER} said"))],
        Some('?' | '!') => vec![edit(end, format!(" {SPEAKER_PLACEHOLDER} said."))],
        _ => vec![edit(end, format!(", {SPEAKER_PLACEHOLDER} said"))],
    };
    Some(Fix::placeholder(
        format!("Add attribution ({SPEAKER_PLACEHOLDER} said)"),
        edits,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::diagnostic::Applicability;
    use crate::analysis::{Config, SourceKind, analyze};

    /// The fix as the text it gives.
    fn fixed(text: &str) -> String {
        let a = analyze(text, SourceKind::PlainText, &Config::default());
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code.code() == META.code)
            .expect("an ATT001 finding");
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Placeholder);
        let mut out = text.to_string();
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            out.replace_range(e.range.start..e.range.end, &e.replacement);
        }
        out
    }

    #[test]
    fn the_fix_adds_an_attribution_to_complete() {
        // The quote stands as its own paragraph (an orphan), whatever mark ends it.
        let tail = "\n\nThe talks continue on Friday.\n";
        for (quote, want) in [
            (
                "“We will not back down.”",
                "“We will not back down,” [SPEAKER] said.",
            ),
            (
                "“We will not back down,”",
                "“We will not back down,” [SPEAKER] said",
            ),
            (
                "“Will we back down?”",
                "“Will we back down?” [SPEAKER] said.",
            ),
            (
                "“We will not back down”",
                "“We will not back down”, [SPEAKER] said",
            ),
        ] {
            assert_eq!(fixed(&format!("{quote}{tail}")), format!("{want}{tail}"));
        }
    }
}

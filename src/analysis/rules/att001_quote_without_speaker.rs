//! ATT001 `quote-without-speaker`.

use super::{Diagnostic, RuleContext};
use crate::analysis::diagnostic::{Edit, Fix};
use crate::analysis::document::BlockKind;
use crate::analysis::lexicon;
use crate::analysis::people::{self, SpeakerVia};
use crate::analysis::quotes::{self, Quote};
use crate::analysis::range::TextRange;
use crate::analysis::tokens::TokenKind;

declare_rule! {
    /// ## What it does
    /// Flags a direct quotation with no identified speaker.
    ///
    /// A quote has a speaker when a cue such as "said", "told" or "according to" attaches it to
    /// someone in its sentence, a colon introduction names the speaker, or it continues an
    /// attributed quote. The rule only speaks when, in addition, the quote's paragraph names
    /// nobody and uses no attribution verb outside quotation marks.
    ///
    /// ## Why it matters
    /// A quote nobody said cannot be checked, and readers cannot weigh it. Wire and house style
    /// require every direct quote to name its source.
    ///
    /// Not flagged: scare quotes (three words or fewer with no speech around them), titles of
    /// works and names in quotation marks ("The Steve Harvey Morning Show"), quotes in headings,
    /// quotes nested in another quote (they belong to the outer speaker), and unclosed quotes
    /// (ATT006 reports those; their extent, and so their speaker, is unknown).
    ///
    /// ## Example
    /// Flagged: `“We will not back down.” The talks continue on Friday.` (who said it?)
    ///
    /// Not flagged: `“We will not back down,” the minister said. The talks continue on Friday.`
    ATT001, "quote-without-speaker", Warning,
    cost: Heavy,
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
        // Anyone named, or any attribution verb, in the quote's paragraphs outside quotes.
        let mut context = false;
        for pi in q.paragraphs.clone() {
            let Some(p) = doc.paragraphs.get(pi) else {
                continue;
            };
            if p.kind == BlockKind::Heading {
                context = true;
                break;
            }
            for si in p.sentences.clone() {
                for t in doc.sentence_tokens(si) {
                    if t.kind != TokenKind::Word || doc.quote_at(t.range.start).is_some() {
                        continue;
                    }
                    let w = t.text(&doc.prose);
                    let w = lexicon::strip_possessive(w);
                    if lexicon::speech_verb(w).is_some()
                        || matches!(w, "found" | "finds" | "according" | "reads" | "read")
                        || people::user_verb_at(doc, t, &ctx.config.attribution_verbs)
                        || ctx.people.mention_at(t.range.start).is_some()
                        || matches!(w, "he" | "she" | "He" | "She" | "they" | "They")
                    {
                        context = true;
                        break;
                    }
                }
            }
        }
        if context {
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
        let mut d = ctx.diagnostic(
            q.range,
            format!("quotation `{excerpt}` has no speaker: say who said it"),
        );
        d.fix = add_attribution(ctx.text, q);
        out.push(d);
    }
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
        let tail = " The talks continue on Friday.\n";
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

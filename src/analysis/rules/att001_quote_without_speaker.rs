//! ATT001 `quote-without-speaker`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;
use crate::analysis::document::BlockKind;
use crate::analysis::lexicon;
use crate::analysis::people::{self, SpeakerVia};
use crate::analysis::quotes;
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
        out.push(ctx.diagnostic(
            q.range,
            format!("quotation `{excerpt}` has no speaker: say who said it"),
        ));
    }
}

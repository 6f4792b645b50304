//! Hover cards: a person (on any mention), a figure, a quote.

use std::fmt::Write as _;

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::analysis::TextRange;
use crate::analysis::people::{MentionKind, SpeakerVia};
use crate::analysis::reference::matching::{Checked, Standing};
use crate::lsp::convert;
use crate::lsp::snapshot::Snapshot;

pub fn hover(a: &Snapshot, offset: usize) -> Option<Hover> {
    let (range, text) = person(a, offset)
        .or_else(|| figure(a, offset))
        .or_else(|| quote(a, offset))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(a.range(range)),
    })
}

fn line_no(a: &Snapshot, offset: usize) -> usize {
    convert::line_of(&a.rope, offset) + 1
}

/// The person card for the mention at `offset`.
pub fn person_card(a: &Snapshot, p: usize) -> Option<String> {
    let people = &a.people;
    let person = people.persons.get(p)?;
    let mut s = format!("**{}**", person.name);
    if let Some(t) = &person.title {
        let _ = write!(s, " — {t}");
    }
    s.push('\n');
    if let Some(n) = &person.note {
        let _ = write!(s, "\n> {n}\n");
    }
    if person.in_registry {
        s.push_str("\n_In the people registry (copydesk.toml)._\n");
    }
    if let Some(c) = a.reference.persons.get(p) {
        sheet_line(&mut s, c);
    }
    if let Some(first) = person
        .mentions
        .first()
        .and_then(|&m| people.mentions.get(m))
    {
        let _ = write!(
            s,
            "\nFirst reference: line {} · {} mention{}\n",
            line_no(a, first.range.start),
            person.mentions.len(),
            if person.mentions.len() == 1 { "" } else { "s" }
        );
    }
    let quotes: Vec<usize> = people.quotes_of(p).collect();
    if !quotes.is_empty() {
        let _ = write!(s, "\nQuotes ({}):\n", quotes.len());
        for qi in quotes {
            let Some(q) = a.quotes.get(qi) else {
                continue;
            };
            let _ = writeln!(
                s,
                "- line {}: “{}”",
                line_no(a, q.range.start),
                a.quote_excerpt(qi, 8)
            );
        }
    }
    Some(s)
}

fn person(a: &Snapshot, offset: usize) -> Option<(TextRange, String)> {
    let m = a.people.mention_at(offset)?;
    let mut card = person_card(a, m.person)?;
    let how = match m.kind {
        MentionKind::FullName | MentionKind::Surname => None,
        MentionKind::Role => Some("role"),
        MentionKind::Pronoun => Some("pronoun"),
    };
    if let Some(how) = how {
        let _ = write!(
            card,
            "\n_`{}` refers to this person ({how})._\n",
            a.slice(m.range)
        );
    }
    Some((m.range, card))
}

fn figure(a: &Snapshot, offset: usize) -> Option<(TextRange, String)> {
    let figs = &a.figures;
    let i = figs.figure_at(offset)?;
    let f = figs.figures.get(i)?;
    let mut s = format!("**{}** ({})", f.value_text, f.kind.as_str());
    if let Some(u) = &f.unit {
        let _ = write!(s, " · unit: {u}");
    }
    s.push('\n');
    if let Some(c) = &f.counts {
        let _ = write!(s, "\nCounts: {c}\n");
    }
    // Only a figure the sheet knows gets a line: dates and most counts are in no sheet.
    if let Some(c) = a.reference.figures.get(i).filter(|c| c.entry.is_some()) {
        sheet_line(&mut s, c);
    }
    for check in figs.checks.iter().filter(|c| c.figures.contains(&i)) {
        let _ = write!(
            s,
            "\n{} {}:\n```text\n{}\n```\n",
            check.code,
            if check.consistent {
                "✓ consistent"
            } else {
                "✗ inconsistent"
            },
            check.computation.trim_end()
        );
    }
    Some((f.range, s))
}

/// What the reference sheet says, beside what the article says.
fn sheet_line(s: &mut String, c: &Checked) {
    let mark = match c.standing {
        Standing::Verified => "✓ verified",
        Standing::Conflict => "✗ in conflict with the article",
        Standing::NoDate => "not checked: the article has no date",
        Standing::NotInSheet => "not in the sheet: still to check",
    };
    match &c.entry {
        Some(e) => {
            let _ = write!(s, "\n**Reference sheet** ({mark}): {e}\n");
        }
        None => {
            let _ = write!(s, "\n**Reference sheet:** {mark}\n");
        }
    }
}

fn quote(a: &Snapshot, offset: usize) -> Option<(TextRange, String)> {
    let qi = a.quote_at(offset)?;
    let q = a.quotes.get(qi)?;
    let mut s = format!("**Quote** “{}”\n", a.quote_excerpt(qi, 10));
    match a.people.attributions.get(qi) {
        Some(att) if att.via != SpeakerVia::None => {
            let speaker = att
                .person
                .and_then(|p| a.people.persons.get(p))
                .map(|p| p.name.clone())
                .or_else(|| att.speaker.clone())
                .unwrap_or_else(|| "?".to_string());
            let _ = write!(s, "\nSpeaker: **{speaker}**\n");
            if let Some(cue) = &att.cue {
                let _ = write!(s, "\nCue: `{cue}`\n");
            }
            let _ = write!(s, "\nFound by: {}\n", att.via.describe());
            if att.candidates.len() > 1 {
                let names: Vec<&str> = att
                    .candidates
                    .iter()
                    .filter_map(|&c| a.people.persons.get(c))
                    .map(|p| p.name.as_str())
                    .collect();
                let _ = write!(s, "\nCould also be: {}\n", names.join(", "));
            }
        }
        _ => s.push_str("\nSpeaker: not found\n"),
    }
    if !q.closed {
        s.push_str("\n_The quotation is not closed._\n");
    }
    Some((q.range, s))
}

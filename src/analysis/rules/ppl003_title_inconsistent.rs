//! PPL003 `title-inconsistent`.

use super::RuleContext;
use crate::analysis::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Flags a person given two different titles in one article ("Defence Secretary" then "Foreign
    /// Secretary"). Titles that contain one another ("President" and "Ukrainian President",
    /// "national security adviser" and "White House national security adviser") agree; "Sen."
    /// and "Senator" are the same word; "former" is ignored.
    ///
    /// ## Why it matters
    /// A person has one role at a time; two titles means one of them is wrong or out of date.
    ///
    /// ## Example
    /// `Foreign Secretary Jack Straw … Home Secretary Jack Straw`
    PPL003, "title-inconsistent", Information,
}

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .map(|w| {
            match w.as_str() {
                "sen" => "senator",
                "gov" => "governor",
                "rep" => "representative",
                "gen" => "general",
                "prof" => "professor",
                "lt" => "lieutenant",
                "col" => "colonel",
                "capt" => "captain",
                "advisor" => "adviser",
                "defense" => "defence",
                other => other,
            }
            .to_string()
        })
        .filter(|w| {
            !w.is_empty() && !matches!(w.as_str(), "former" | "the" | "then" | "of" | "a" | "an")
        })
        .collect()
}

fn agree(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w))
}

pub(super) fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in &ctx.people.persons {
        let Some((first, first_range)) = p.titles.first() else {
            continue;
        };
        for (t, r) in p.titles.iter().skip(1) {
            if agree(first, t) {
                continue;
            }
            out.push(
                ctx.diagnostic(
                    *r,
                    format!("{} is `{t}` here but `{first}` earlier", p.name),
                )
                .with_related(*first_range, format!("first title: `{first}`")),
            );
        }
    }
}

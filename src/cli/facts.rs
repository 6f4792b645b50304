//! `copydesk facts FILE`: the fact-check sheet (people, quotes, figures) as Markdown or JSON.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::args::{FactsArgs, FactsFormat};
use super::check::display_path;
use super::input::{self, ConfigResolver};
use super::lines::char_offsets;
use crate::analysis::{self, Analysis};

#[derive(Serialize)]
pub struct Sheet {
    pub version: u32,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article date in force (YYYY-MM-DD), when known.
    pub article_date: Option<String>,
    pub people: Vec<PersonOut>,
    pub quotes: Vec<QuoteOut>,
    pub figures: Vec<FigureOut>,
}

#[derive(Serialize)]
pub struct PersonOut {
    pub name: String,
    pub title: Option<String>,
    pub note: Option<String>,
    pub in_registry: bool,
    /// Against the reference sheet: "verified", "conflict", "no-date" or "not-in-sheet" (only
    /// when a sheet is configured).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<&'static str>,
    /// The sheet entry it was checked against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_entry: Option<String>,
    pub mentions: Vec<MentionOut>,
    /// Indices into `quotes` of the quotes attributed to this person.
    pub quotes: Vec<usize>,
}

#[derive(Serialize)]
pub struct MentionOut {
    pub byte_range: [usize; 2],
    pub text: String,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct QuoteOut {
    pub byte_range: [usize; 2],
    pub char_range: [usize; 2],
    /// The quoted words without the outer marks.
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    /// How the speaker was found: named, continuation, pronoun, none.
    pub via: &'static str,
    pub closed: bool,
    /// For a quote inside another, the outer quote's index in `quotes`.
    pub parent: Option<usize>,
    /// Index into `people` of the speaker, when the speaker is a tracked person.
    pub person: Option<usize>,
}

#[derive(Serialize)]
pub struct FigureOut {
    pub byte_range: [usize; 2],
    pub text: String,
    pub value: Option<serde_json::Value>,
    pub kind: &'static str,
    pub value_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub unit: Option<String>,
    pub counts: Option<String>,
    /// Against the reference sheet, as for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_entry: Option<String>,
}

/// A JSON number: an integer when the value is whole, so `1000` reads as `1000`, not `1000.0`.
fn number(v: f64) -> Option<serde_json::Value> {
    if !v.is_finite() {
        return None;
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Some(serde_json::Value::from(v as i64))
    } else {
        serde_json::Number::from_f64(v).map(serde_json::Value::Number)
    }
}

/// Builds the sheet from an analysis of `text`.
pub fn sheet(path: &str, text: &str, a: &Analysis) -> Sheet {
    let people = &a.people;
    let doc = &a.document;
    let mut offsets = Vec::with_capacity(doc.quotes.len() * 2);
    for q in &doc.quotes {
        offsets.push(q.range.start);
        offsets.push(q.range.end);
    }
    let chars = char_offsets(text, &offsets);
    let quotes = doc
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            // One attribution per quote, same order; fall back to a search if that ever changes.
            let attribution = people
                .attributions
                .get(i)
                .filter(|at| at.quote == i)
                .or_else(|| people.attributions.iter().find(|at| at.quote == i));
            let person = attribution.and_then(|at| at.person);
            let speaker = attribution.and_then(|at| {
                at.speaker.clone().or_else(|| {
                    at.person
                        .and_then(|p| people.persons.get(p))
                        .map(|p| p.name.clone())
                })
            });
            QuoteOut {
                byte_range: [q.range.start, q.range.end],
                char_range: [chars[2 * i], chars[2 * i + 1]],
                text: q.content.slice(text).to_string(),
                speaker,
                cue: attribution.and_then(|at| at.cue.clone()),
                via: attribution.map_or("none", |at| at.via.as_str()),
                closed: q.closed,
                parent: q.parent,
                person,
            }
        })
        .collect();
    let persons = people
        .persons
        .iter()
        .enumerate()
        .map(|(pi, p)| PersonOut {
            name: p.name.clone(),
            title: p.title.clone(),
            note: p.note.clone(),
            in_registry: p.in_registry,
            reference: None,
            reference_entry: None,
            mentions: p
                .mentions
                .iter()
                .filter_map(|&mi| people.mentions.get(mi))
                .map(|m| MentionOut {
                    byte_range: [m.range.start, m.range.end],
                    text: m.range.slice(text).to_string(),
                    kind: m.kind.as_str(),
                })
                .collect(),
            quotes: people.quotes_of(pi).collect(),
        })
        .collect();
    let figures = a
        .figures
        .figures
        .iter()
        .map(|f| FigureOut {
            byte_range: [f.range.start, f.range.end],
            text: f.range.slice(text).to_string(),
            value: f.value.and_then(number),
            kind: f.kind.as_str(),
            value_text: f.value_text.clone(),
            high: f.high.and_then(number),
            date: f.date.map(|d| d.to_string()),
            unit: f.unit.clone(),
            counts: f.counts.clone(),
            reference: None,
            reference_entry: None,
        })
        .collect();
    Sheet {
        version: 1,
        path: path.to_string(),
        title: doc.meta.title.clone(),
        article_date: a.figures.article_date.map(|d| d.to_string()),
        people: persons,
        quotes,
        figures,
    }
}

fn md_cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn md_inline(s: &str) -> String {
    // Quoted text is shown as a blockquote-free inline; escape what Markdown would interpret.
    let mut out = String::with_capacity(s.len());
    for c in s.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '\\' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Marks each person and figure of `s` as verified against the desk's reference sheet, in
/// conflict, or not in it (when the configuration has a sheet).
pub fn mark_reference(s: &mut Sheet, a: &Analysis, config: &analysis::Config) {
    let status = analysis::sheet_status(a, config);
    for (p, c) in s.people.iter_mut().zip(status.persons) {
        p.reference = Some(c.standing.as_str());
        p.reference_entry = c.entry;
    }
    for (f, c) in s.figures.iter_mut().zip(status.figures) {
        f.reference = Some(c.standing.as_str());
        f.reference_entry = c.entry;
    }
}

fn standing_cell(standing: Option<&str>, entry: Option<&str>) -> String {
    let mark = match standing {
        Some("verified") => "✓ verified",
        Some("conflict") => "✗ conflict",
        Some("no-date") => "? no article date",
        Some(_) => "not in sheet",
        None => "",
    };
    match entry {
        Some(e) => format!("{mark}: {}", md_cell(e)),
        None => mark.to_string(),
    }
}

/// The sheet as Markdown (for the terminal and the editor's preview).
pub fn markdown(s: &Sheet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Fact-check sheet: {}", md_inline(&s.path));
    out.push('\n');
    if let Some(t) = &s.title {
        let _ = writeln!(out, "- **Title:** {}", md_inline(t));
    }
    let _ = writeln!(
        out,
        "- **Article date:** {}",
        s.article_date.as_deref().unwrap_or("unknown")
    );
    let _ = writeln!(
        out,
        "- **Counts:** {} people, {} quotes, {} figures",
        s.people.len(),
        s.quotes.len(),
        s.figures.len()
    );

    out.push_str("\n## People\n\n");
    if s.people.is_empty() {
        out.push_str("_No people identified._\n");
    } else {
        let sheet = s.people.iter().any(|p| p.reference.is_some());
        if sheet {
            out.push_str(
                "| Name | Title | Mentions | Quotes | Note | Reference sheet |\n|---|---|---|---|---|---|\n",
            );
        } else {
            out.push_str("| Name | Title | Mentions | Quotes | Note |\n|---|---|---|---|---|\n");
        }
        for p in &s.people {
            let mut mentions: Vec<String> = Vec::new();
            for m in &p.mentions {
                let t = md_cell(&m.text);
                if !mentions.contains(&t) {
                    mentions.push(t);
                }
            }
            let _ = write!(
                out,
                "| {}{} | {} | {} ({}) | {} | {} |",
                md_cell(&p.name),
                if p.in_registry { " ✓" } else { "" },
                p.title.as_deref().map_or(String::new(), md_cell),
                p.mentions.len(),
                mentions.join(", "),
                p.quotes.len(),
                p.note.as_deref().map_or(String::new(), md_cell),
            );
            if sheet {
                let _ = write!(
                    out,
                    " {} |",
                    standing_cell(p.reference, p.reference_entry.as_deref())
                );
            }
            out.push('\n');
        }
        if s.people.iter().any(|p| p.in_registry) {
            out.push_str("\n✓ in the `[[people]]` registry of copydesk.toml\n");
        }
    }

    out.push_str("\n## Quotes\n\n");
    if s.quotes.is_empty() {
        out.push_str("_No quotations._\n");
    } else {
        for (i, q) in s.quotes.iter().enumerate() {
            let speaker = match (&q.speaker, &q.cue) {
                (Some(sp), Some(cue)) => format!("**{}** ({})", md_inline(sp), md_inline(cue)),
                (Some(sp), None) => format!("**{}**", md_inline(sp)),
                (None, _) => "**speaker unknown**".to_string(),
            };
            let mut flags = Vec::new();
            if !q.closed {
                flags.push("never closed".to_string());
            }
            if let Some(p) = q.parent {
                flags.push(format!("inside quote {}", p + 1));
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" _({})_", flags.join("; "))
            };
            let _ = writeln!(
                out,
                "{}. “{}” — {}{}",
                i + 1,
                md_inline(&q.text),
                speaker,
                flags
            );
        }
    }

    out.push_str("\n## Figures\n\n");
    if s.figures.is_empty() {
        out.push_str("_No figures._\n");
    } else {
        let sheet = s.figures.iter().any(|f| f.reference.is_some());
        if sheet {
            out.push_str(
                "| Text | Value | Kind | Counts | Reference sheet |\n|---|---|---|---|---|\n",
            );
        } else {
            out.push_str("| Text | Value | Kind | Counts |\n|---|---|---|---|\n");
        }
        for f in &s.figures {
            let _ = write!(
                out,
                "| {} | {} | {} | {} |",
                md_cell(&f.text),
                md_cell(&f.value_text),
                f.kind,
                f.counts.as_deref().map_or(String::new(), md_cell)
            );
            if sheet {
                let _ = write!(
                    out,
                    " {} |",
                    standing_cell(f.reference, f.reference_entry.as_deref())
                );
            }
            out.push('\n');
        }
    }
    out
}

pub fn run(args: FactsArgs) -> i32 {
    let path = args.file.as_path();
    if path.is_dir() {
        eprintln!(
            "error: {}: is a directory; `copydesk facts` takes one article",
            path.display()
        );
        return 2;
    }
    let text = match input::read_article(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut resolver = ConfigResolver::new(args.config.as_deref(), args.date);
    let config = match resolver.for_file(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // A broken reference sheet: the facts without it, and a failed run.
    let broken_sheet = !resolver.sheet_errors.is_empty();
    for e in &resolver.sheet_errors {
        eprintln!("error: {}: {}", e.path.display(), e.message);
    }
    let out = super::guarded(|| {
        let a = analysis::analyze(&text, input::source_kind(path), &config);
        let mut s = sheet(&display_path(path), &text, &a);
        if !config.reference.is_empty() {
            mark_reference(&mut s, &a, &config);
        }
        match args.format {
            FactsFormat::Json => {
                let mut j = serde_json::to_string_pretty(&s).unwrap_or_default();
                j.push('\n');
                j
            }
            FactsFormat::Human => markdown(&s),
        }
    });
    match out {
        Ok(out) => {
            if super::emit(&out) && !broken_sheet {
                0
            } else {
                2
            }
        }
        Err(what) => {
            eprintln!(
                "error: {}: internal error while analysing this file ({what}); please report it with the file",
                Path::new(path).display()
            );
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::numbers::{Figure, FigureKind};
    use crate::analysis::people::{Attribution, Mention, MentionKind, Person, SpeakerVia};
    use crate::analysis::{Config, SourceKind, TextRange};

    /// People and figures are filled by other modules; inject some to check the sheet's shape.
    #[test]
    fn sheet_renders_people_quotes_and_figures() {
        let text = "Summit\n\n“We will send 1,000 troops,” Jens Halvorsen told reporters. Halvorsen left.\n";
        let mut a = analysis::analyze(text, SourceKind::PlainText, &Config::default());
        let full = text.find("Jens Halvorsen").unwrap();
        let sur = text.rfind("Halvorsen").unwrap();
        a.people.persons = vec![Person {
            name: "Jens Halvorsen".into(),
            title: Some("Secretary-General".into()),
            note: None,
            in_registry: true,
            titles: vec![],
            mentions: vec![0, 1],
        }];
        a.people.mentions = vec![
            Mention {
                range: TextRange::new(full, full + 14),
                person: 0,
                kind: MentionKind::FullName,
                variant: false,
            },
            Mention {
                range: TextRange::new(sur, sur + 9),
                person: 0,
                kind: MentionKind::Surname,
                variant: false,
            },
        ];
        let told = text.find("told").unwrap();
        a.people.attributions = vec![Attribution {
            quote: 0,
            person: Some(0),
            speaker: None,
            speaker_range: None,
            cue: Some("told".into()),
            cue_range: Some(TextRange::new(told, told + 4)),
            via: SpeakerVia::Named,
            candidates: vec![],
            speech: true,
        }];
        let n = text.find("1,000").unwrap();
        a.figures.figures = vec![Figure {
            range: TextRange::new(n, n + 5),
            kind: FigureKind::Count,
            value: Some(1000.0),
            high: None,
            date: None,
            value_text: "1000".into(),
            unit: None,
            counts: Some("troops".into()),
            ..Default::default()
        }];
        let s = sheet("s.txt", text, &a);
        let j = serde_json::to_value(&s).unwrap();
        assert_eq!(j["people"][0]["name"], "Jens Halvorsen");
        assert_eq!(j["people"][0]["title"], "Secretary-General");
        assert_eq!(j["people"][0]["mentions"][1]["text"], "Halvorsen");
        assert_eq!(j["people"][0]["quotes"], serde_json::json!([0]));
        assert_eq!(j["quotes"][0]["speaker"], "Jens Halvorsen");
        assert_eq!(j["quotes"][0]["cue"], "told");
        assert_eq!(j["quotes"][0]["via"], "named");
        assert_eq!(j["figures"][0]["value"], serde_json::json!(1000));
        assert_eq!(j["figures"][0]["text"], "1,000");
        assert_eq!(j["figures"][0]["kind"], "count");
        let md = markdown(&s);
        assert!(
            md.contains(
                "| Jens Halvorsen ✓ | Secretary-General | 2 (Jens Halvorsen, Halvorsen) | 1 |  |"
            ),
            "{md}"
        );
        assert!(md.contains("— **Jens Halvorsen** (told)"), "{md}");
        assert!(md.contains("| 1,000 | 1000 | count | troops |"), "{md}");
    }

    #[test]
    fn numbers_are_integers_when_whole() {
        assert_eq!(number(1000.0), Some(serde_json::json!(1000)));
        assert_eq!(number(2.5), Some(serde_json::json!(2.5)));
        assert_eq!(number(f64::NAN), None);
    }
}

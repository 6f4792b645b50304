//! Reading the desk's reference sheets (`reference = [...]` in `copydesk.toml`) into
//! [`Reference`](crate::analysis::Reference): TOML files of `[[person]]` (with
//! `[[person.office]]`) and `[[body]]` (with `[[body.count]]`), and CSV exports of people
//! databases with the header `name,aliases,title,from,to,born,source` (aliases separated by `;`,
//! one row per office).
//!
//! A problem is either an error (the sheet cannot be read as written: malformed TOML or CSV, a
//! bad date, an entry without a name, a count without a value) or a finding of
//! `copydesk reference check` only (a missing source, overlapping terms of one office). Errors
//! stop the configuration from loading; the others never do.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use crate::analysis::reference::{
    Origin, SheetBody, SheetCount, SheetOffice, SheetPerson, name_key,
};
use crate::analysis::{Date, Reference};

/// The people and bodies of one or more sheets, and what is wrong with them.
#[derive(Debug, Default)]
pub struct Sheets {
    pub people: Vec<SheetPerson>,
    pub bodies: Vec<SheetBody>,
    /// Problems that stop the sheet from loading.
    pub errors: Vec<ConfigError>,
    /// Problems `copydesk reference check` reports but that do not stop loading.
    pub warnings: Vec<ConfigError>,
}

impl Sheets {
    /// Merges the sheets into one [`Reference`]: entries with the same name in several sheets
    /// (or several CSV rows) are one person.
    pub fn into_reference(self) -> Reference {
        Reference::new(self.people, self.bodies)
    }
}

#[derive(Deserialize)]
struct RawSheet {
    #[serde(default)]
    person: Vec<Spanned<RawPerson>>,
    #[serde(default)]
    body: Vec<Spanned<RawBody>>,
}

#[derive(Deserialize)]
struct RawPerson {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    born: Option<Spanned<toml::Value>>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    office: Vec<Spanned<RawOffice>>,
}

#[derive(Deserialize)]
struct RawOffice {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    from: Option<Spanned<toml::Value>>,
    #[serde(default)]
    to: Option<Spanned<toml::Value>>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
struct RawBody {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    count: Vec<Spanned<RawCount>>,
}

#[derive(Deserialize)]
struct RawCount {
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    from: Option<Spanned<toml::Value>>,
    #[serde(default)]
    to: Option<Spanned<toml::Value>>,
}

/// Reading one sheet file: where it is and how errors name it.
struct Reader<'a> {
    path: &'a Path,
    /// The path as `copydesk.toml` writes it (what messages cite), shared by every origin.
    file: std::sync::Arc<str>,
    src: &'a str,
    out: &'a mut Sheets,
    /// The byte offset of each line's start: a line number is a binary search, not a scan (a
    /// newsroom sheet has 100,000 entries).
    line_starts: Vec<usize>,
}

impl Reader<'_> {
    fn problem(&self, offset: Option<usize>, message: String) -> ConfigError {
        let (line, column) = match offset {
            Some(o) => {
                let o = o.min(self.src.len());
                let l = self.line_starts.partition_point(|&s| s <= o).max(1);
                let start = self.line_starts.get(l - 1).copied().unwrap_or(0).min(o);
                let c = self.src.get(start..o).map_or(0, |t| t.chars().count()) + 1;
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        ConfigError {
            path: self.path.to_path_buf(),
            line,
            column,
            span: offset.map(|o| o..o),
            message,
        }
    }

    fn error(&mut self, offset: Option<usize>, message: String) {
        let e = self.problem(offset, message);
        self.out.errors.push(e);
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: self.file.clone(),
            line: self.line_starts.partition_point(|&s| s <= offset).max(1),
        }
    }

    /// A date written as a string ("2014-10-01") or a TOML date (2014-10-01).
    fn date(&mut self, v: Option<&Spanned<toml::Value>>, what: &str) -> Option<Date> {
        let v = v?;
        let parsed = match v.get_ref() {
            toml::Value::String(s) if s.trim().is_empty() => return None,
            toml::Value::String(s) => Date::parse_iso(s).filter(|_| s.trim().len() == 10),
            toml::Value::Datetime(d) => d
                .date
                .and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                Some(v.span().start),
                format!("`{what}` is not a date: expected YYYY-MM-DD, e.g. \"2014-10-01\""),
            );
        }
        parsed
    }

    fn toml(&mut self) {
        let raw: RawSheet = match toml::from_str(self.src) {
            Ok(r) => r,
            Err(e) => {
                let at = e.span().map(|s| s.start);
                self.error(at, format!("malformed TOML: {}", e.message().trim_end()));
                return;
            }
        };
        for p in raw.person {
            let at = p.span().start;
            let p = p.into_inner();
            let Some(name) = clean_owned(p.name.map(Spanned::into_inner)) else {
                self.error(Some(at), "a [[person]] has no `name`".to_string());
                continue;
            };
            let born = self.date(p.born.as_ref(), "born");
            let mut offices = Vec::new();
            for o in p.office {
                let oat = o.span().start;
                let o = o.into_inner();
                let Some(title) = clean_owned(o.title) else {
                    self.error(Some(oat), format!("an office of {name} has no `title`"));
                    continue;
                };
                let from = self.date(o.from.as_ref(), "from");
                let to = self.date(o.to.as_ref(), "to");
                offices.push(SheetOffice {
                    title,
                    aliases: aliases(o.aliases),
                    from,
                    to,
                    source: clean_owned(o.source),
                    origin: self.origin(oat),
                });
            }
            let person = SheetPerson {
                name,
                aliases: aliases(p.aliases),
                born,
                source: clean_owned(p.source),
                note: clean_owned(p.note),
                offices,
                origin: self.origin(at),
            };
            self.out.people.push(person);
        }
        for b in raw.body {
            let at = b.span().start;
            let b = b.into_inner();
            let Some(name) = clean_owned(b.name.map(Spanned::into_inner)) else {
                self.error(Some(at), "a [[body]] has no `name`".to_string());
                continue;
            };
            let mut counts = Vec::new();
            for c in b.count {
                let cat = c.span().start;
                let c = c.into_inner();
                let value = match c.value.as_ref().map(|v| (v.get_ref(), v.span().start)) {
                    Some((toml::Value::Integer(n), _)) if *n >= 0 => *n as u64,
                    Some((_, vat)) => {
                        self.error(
                            Some(vat),
                            format!("a count of {name} has a `value` that is not a whole number"),
                        );
                        continue;
                    }
                    None => {
                        self.error(Some(cat), format!("a count of {name} has no `value`"));
                        continue;
                    }
                };
                let nouns: Vec<String> = c
                    .nouns
                    .iter()
                    .map(|n| n.trim().to_lowercase())
                    .filter(|n| !n.is_empty())
                    .collect();
                if nouns.is_empty() {
                    self.error(
                        Some(cat),
                        format!("a count of {name} has no `nouns` (what it counts: \"seats\", \"members\")"),
                    );
                    continue;
                }
                let from = self.date(c.from.as_ref(), "from");
                let to = self.date(c.to.as_ref(), "to");
                counts.push(SheetCount {
                    nouns,
                    value,
                    from,
                    to,
                    origin: self.origin(cat),
                });
            }
            self.out.bodies.push(SheetBody {
                name,
                aliases: aliases(b.aliases),
                source: clean_owned(b.source),
                note: clean_owned(b.note),
                counts,
                origin: self.origin(at),
            });
        }
    }

    fn csv(&mut self) {
        const HEADER: [&str; 7] = ["name", "aliases", "title", "from", "to", "born", "source"];
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(self.src.as_bytes());
        let cols: Vec<Option<usize>> = match rdr.headers() {
            Ok(h) => {
                let h: Vec<String> = h.iter().map(|c| c.trim().to_lowercase()).collect();
                let cols: Vec<Option<usize>> = HEADER
                    .iter()
                    .map(|want| h.iter().position(|c| c == want))
                    .collect();
                if cols[0].is_none() {
                    self.error(
                        Some(0),
                        format!(
                            "malformed CSV: the header has no `name` column (expected `{}`)",
                            HEADER.join(",")
                        ),
                    );
                    return;
                }
                cols
            }
            Err(e) => {
                self.error(Some(0), format!("malformed CSV: {e}"));
                return;
            }
        };
        // Rows of one person (same name and birth date) follow each other or not: merge by key.
        let mut index: std::collections::HashMap<(String, Option<Date>), usize> =
            std::collections::HashMap::new();
        let first = self.out.people.len();
        let mut record = csv::StringRecord::new();
        loop {
            let offset = rdr.position().byte() as usize;
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map_or(offset, |p| p.byte() as usize);
                    self.error(Some(at), format!("malformed CSV: {}", csv_message(&e)));
                    break;
                }
            }
            let get = |k: usize| cols[k].and_then(|c| record.get(c)).unwrap_or("");
            let Some(name) = clean(Some(get(0))) else {
                self.error(Some(offset), "a row has no `name`".to_string());
                continue;
            };
            let born = self.csv_date(get(5), "born", offset);
            let from = self.csv_date(get(3), "from", offset);
            let to = self.csv_date(get(4), "to", offset);
            let alias_list: Vec<String> = get(1)
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let source = clean(Some(get(6)));
            let key = (name_key(&name), born);
            let pi = match index.get(&key) {
                Some(&pi) => pi,
                None => {
                    let pi = self.out.people.len();
                    let origin = self.origin(offset);
                    self.out.people.push(SheetPerson {
                        name: name.clone(),
                        born,
                        origin,
                        ..SheetPerson::default()
                    });
                    index.insert(key, pi);
                    pi
                }
            };
            let origin = self.origin(offset);
            let p = &mut self.out.people[pi];
            if p.source.is_none() {
                p.source.clone_from(&source);
            }
            if let Some(title) = clean(Some(get(2))) {
                // A row's aliases name the person, not the office (the CSV has one column).
                p.offices.push(SheetOffice {
                    title,
                    aliases: Vec::new(),
                    from,
                    to,
                    source,
                    origin,
                });
            }
            for a in alias_list {
                if !p.aliases.contains(&a) {
                    p.aliases.push(a);
                }
            }
        }
        debug_assert!(self.out.people.len() >= first);
    }

    fn csv_date(&mut self, s: &str, what: &str, offset: usize) -> Option<Date> {
        if s.trim().is_empty() {
            return None;
        }
        let d = Date::parse_iso(s).filter(|_| s.trim().len() == 10);
        if d.is_none() {
            self.error(
                Some(offset),
                format!("`{what}` is `{s}`, not a date: expected YYYY-MM-DD, e.g. \"2014-10-01\""),
            );
        }
        d
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8".to_string(),
        _ => e.to_string(),
    }
}

fn clean(s: Option<&str>) -> Option<String> {
    let s = s?;
    if is_clean(s) {
        return (!s.is_empty()).then(|| s.to_string());
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// [`clean`] of a string the sheet reader owns: kept as it is when already clean (no copy).
fn clean_owned(s: Option<String>) -> Option<String> {
    let s = s?;
    if is_clean(&s) {
        return (!s.is_empty()).then_some(s);
    }
    clean(Some(&s))
}

/// Whether `s` is its words joined by single spaces already (what [`clean`] makes of it).
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    s.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b
            .iter()
            .any(|&c| c != b' ' && char::from(c).is_whitespace())
}

fn aliases(v: Vec<String>) -> Vec<String> {
    v.into_iter().filter_map(|a| clean_owned(Some(a))).collect()
}

/// The problems `copydesk reference check` reports beyond errors: entries without a source, and
/// terms of one office that overlap (for one person, or for two people holding one office).
fn lint(sheets: &mut Sheets, files: &[(PathBuf, String)]) {
    let path_of = |o: &Origin| {
        files
            .iter()
            .find(|(_, shown)| **shown == *o.file)
            .map_or_else(|| PathBuf::from(&*o.file), |(p, _)| p.clone())
    };
    let at = |o: &Origin, message: String| ConfigError {
        path: path_of(o),
        line: Some(o.line),
        column: Some(1),
        span: None,
        message,
    };
    let mut warnings = Vec::new();
    for p in &sheets.people {
        if p.source.is_none() {
            warnings.push(at(
                &p.origin,
                format!("{} has no `source`: say where the desk verified it", p.name),
            ));
        }
        for o in &p.offices {
            if let (Some(f), Some(t)) = (o.from, o.to)
                && t < f
            {
                warnings.push(at(
                    &o.origin,
                    format!(
                        "{}'s term as {} ends ({t}) before it starts ({f})",
                        p.name, o.title
                    ),
                ));
            }
        }
    }
    for b in &sheets.bodies {
        if b.source.is_none() {
            warnings.push(at(
                &b.origin,
                format!("{} has no `source`: say where the desk verified it", b.name),
            ));
        }
        for (i, c) in b.counts.iter().enumerate() {
            for d in &b.counts[..i] {
                if c.nouns.iter().any(|n| d.counts(n)) && overlap(c.from, c.to, d.from, d.to) {
                    warnings.push(at(
                        &c.origin,
                        format!(
                            "two counts of {} by `{}` are in force at once (see line {})",
                            b.name, c.nouns[0], d.origin.line
                        ),
                    ));
                }
            }
        }
    }
    // Overlapping terms of one office: group the terms by office key.
    let mut by_office: std::collections::HashMap<String, Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    for (pi, p) in sheets.people.iter().enumerate() {
        for (oi, o) in p.offices.iter().enumerate() {
            by_office
                .entry(name_key(&o.title))
                .or_default()
                .push((pi, oi));
        }
    }
    let mut keys: Vec<&String> = by_office.keys().collect();
    keys.sort();
    for k in keys {
        let terms = &by_office[k];
        if terms.len() > 64 {
            // An office many people hold at once (a rank, a seat in a chamber): not one holder.
            continue;
        }
        for (i, &(pi, oi)) in terms.iter().enumerate() {
            for &(pj, oj) in &terms[..i] {
                let (a, b) = (
                    &sheets.people[pi].offices[oi],
                    &sheets.people[pj].offices[oj],
                );
                if overlap(a.from, a.to, b.from, b.to) {
                    let who = if pi == pj {
                        format!("{} holds {} twice", sheets.people[pi].name, a.title)
                    } else {
                        format!(
                            "{} and {} both hold {}",
                            sheets.people[pj].name, sheets.people[pi].name, a.title
                        )
                    };
                    warnings.push(at(
                        &a.origin,
                        format!(
                            "overlapping terms: {who} ({} and {}; see {})",
                            b.term(),
                            a.term(),
                            b.origin
                        ),
                    ));
                }
            }
        }
    }
    sheets.warnings.extend(warnings);
}

/// Whether two half-open periods share a day (a missing end is open).
fn overlap(af: Option<Date>, at: Option<Date>, bf: Option<Date>, bt: Option<Date>) -> bool {
    let starts_before_end = |f: Option<Date>, t: Option<Date>| match (f, t) {
        (Some(f), Some(t)) => f < t,
        _ => true,
    };
    starts_before_end(af, bt) && starts_before_end(bf, at)
}

/// Reads the sheets `names` (paths relative to `base`, as `copydesk.toml` writes them). With
/// `lint`, also the problems of `copydesk reference check`.
pub fn load(base: &Path, names: &[String], with_lint: bool) -> Sheets {
    let mut out = Sheets::default();
    let mut files = Vec::new();
    for shown in names {
        let path = base.join(shown);
        read_one(&path, shown, &mut out);
        files.push((path, shown.clone()));
    }
    merge_people(&mut out);
    if with_lint {
        lint(&mut out, &files);
    }
    out
}

/// Reads one sheet file into `out`; the kind comes from the extension (`.csv`, else TOML).
pub fn read_one(path: &Path, shown: &str, out: &mut Sheets) {
    let src = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                out.errors.push(ConfigError {
                    path: path.to_path_buf(),
                    line: None,
                    column: None,
                    span: None,
                    message: format!(
                        "the reference sheet is not valid UTF-8 (byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                });
                return;
            }
        },
        Err(e) => {
            out.errors.push(ConfigError {
                path: path.to_path_buf(),
                line: None,
                column: None,
                span: None,
                message: format!("cannot read the reference sheet: {e}"),
            });
            return;
        }
    };
    parse_into(path, shown, &src, out);
}

/// Parses the text of one sheet (`path` decides TOML or CSV and names errors).
pub fn parse_into(path: &Path, shown: &str, src: &str, out: &mut Sheets) {
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let line_starts = std::iter::once(0).chain(memchr_lines(src)).collect();
    let mut r = Reader {
        path,
        file: shown.into(),
        src,
        out,
        line_starts,
    };
    if is_csv { r.csv() } else { r.toml() }
}

/// The offsets just after each newline.
fn memchr_lines(src: &str) -> impl Iterator<Item = usize> + '_ {
    src.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// One person per name: entries of the same name and birth date (in several sheets) merge.
fn merge_people(out: &mut Sheets) {
    let mut seen: std::collections::HashMap<(String, Option<Date>), usize> =
        std::collections::HashMap::with_capacity(out.people.len());
    let mut merged: Vec<SheetPerson> = Vec::with_capacity(out.people.len());
    for p in std::mem::take(&mut out.people) {
        let key = (name_key(&p.name), p.born);
        match seen.get(&key) {
            Some(&i) => {
                let m = &mut merged[i];
                for a in p.aliases {
                    if !m.aliases.contains(&a) {
                        m.aliases.push(a);
                    }
                }
                m.offices.extend(p.offices);
                m.source = m.source.take().or(p.source);
                m.note = m.note.take().or(p.note);
            }
            None => {
                seen.insert(key, merged.len());
                merged.push(p);
            }
        }
    }
    out.people = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, src: &str) -> Sheets {
        let mut out = Sheets::default();
        parse_into(Path::new(name), name, src, &mut out);
        out
    }

    const SHEET: &str = r#"
[[person]]
name = "Jens Stoltenberg"
aliases = ["Stoltenberg"]
born = "1959-03-16"
source = "NATO biography"

[[person.office]]
title = "NATO Secretary-General"
aliases = ["secretary-general of NATO"]
from = "2014-10-01"
to = 2024-10-01

[[body]]
name = "State Duma"
aliases = ["Duma"]
source = "Constitution, art. 95"

[[body.count]]
nouns = ["members", "seats"]
value = 450
from = "1993-12-12"
"#;

    #[test]
    fn reads_the_toml_format() {
        let s = parse("desk.toml", SHEET);
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        let p = &s.people[0];
        assert_eq!(p.born, Date::new(1959, 3, 16));
        assert_eq!(p.offices[0].to, Date::new(2024, 10, 1));
        assert_eq!(p.origin.line, 2);
        assert_eq!(p.offices[0].origin.line, 8);
        let b = &s.bodies[0];
        assert_eq!(b.counts[0].value, 450);
        assert_eq!(b.counts[0].origin.to_string(), "desk.toml:19");
    }

    #[test]
    fn reads_csv_one_row_per_office() {
        let src = "name,aliases,title,from,to,born,source\n\
            Jens Stoltenberg,Stoltenberg,Prime Minister of Norway,2005-10-17,2013-10-16,1959-03-16,Government of Norway\n\
            \"Jens Stoltenberg\",Stoltenberg;Mr Stoltenberg,NATO Secretary-General,2014-10-01,2024-10-01,1959-03-16,NATO\n\
            Mark Rutte,Rutte,NATO Secretary-General,2024-10-01,,1967-02-14,NATO\n";
        let s = parse("people.csv", src);
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.people.len(), 2);
        assert_eq!(s.people[0].offices.len(), 2);
        assert_eq!(s.people[0].aliases, ["Stoltenberg", "Mr Stoltenberg"]);
        assert_eq!(s.people[1].offices[0].to, None);
        assert_eq!(s.people[1].origin.line, 4);
    }

    #[test]
    fn errors_have_lines() {
        let s = parse(
            "a.toml",
            "[[person]]\nname = \"X\"\nborn = \"1959-13-01\"\n",
        );
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].line, Some(3));
        let s = parse("a.toml", "[[person]\nname = 1\n");
        assert!(s.errors[0].message.contains("malformed TOML"));
        assert_eq!(s.errors[0].line, Some(1));
        let s = parse(
            "a.csv",
            "name,aliases,title,from,to,born,source\nX,,,,,,\nY,,\n",
        );
        assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
        assert_eq!(s.errors[0].line, Some(3));
        let s = parse(
            "a.csv",
            "name,aliases,title,from,to,born,source\nX,,T,2020-02-30,,,\n",
        );
        assert_eq!(s.errors[0].line, Some(2));
    }

    #[test]
    fn lint_finds_missing_sources_and_overlaps() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("s.toml"),
            "[[person]]\nname = \"A B\"\n[[person.office]]\ntitle = \"Mayor of X\"\nfrom = \"2010-01-01\"\n\
             [[person]]\nname = \"C D\"\nsource = \"s\"\n[[person.office]]\ntitle = \"Mayor of X\"\nfrom = \"2015-01-01\"\nto = \"2020-01-01\"\n",
        )
        .unwrap();
        let s = load(dir.path(), &["s.toml".to_string()], true);
        assert!(s.errors.is_empty());
        let msgs: Vec<String> = s.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("s.toml:1:1") && msgs[0].contains("no `source`"));
        assert!(msgs[1].contains(":9:1") && msgs[1].contains("overlapping terms"));
    }
}

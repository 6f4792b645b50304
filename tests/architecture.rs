//! The layer order of `ARCHITECTURE.md`, checked: every module's imports go down the layers.
//!
//! The test reads the layer table between `<!-- layers:start -->` and `<!-- layers:end -->` in
//! `ARCHITECTURE.md`, then every `.rs` file under `src/`: each `use` (nested groups, `self`,
//! `super`, renames, globs) and each path written inline (`crate::a::b`, `super::x`, `std::fs::read`,
//! a child module's `x::f`), resolved against the file's module. A path into a higher layer, or
//! into another layer of the same rank (peers), fails the test with its file and line. So does
//! the use of `std::fs`, `std::io`, `std::net`, `std::process`, `std::env`, an outside crate
//! (a `[dependencies]` entry of `Cargo.toml`) or a printing macro in a layer that the table does
//! not allow it. Code under `#[cfg(test)]` is not checked: tests may build a whole analysis.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The std modules that do IO; a layer uses one only if the table allows it.
const IO_MODULES: &[&str] = &["fs", "io", "net", "process", "env"];
/// Macros that print; a layer uses one only if the table allows it.
const PRINT_MACROS: &[&str] = &["print", "println", "eprint", "eprintln", "dbg"];

#[derive(Debug)]
struct Layer {
    rank: u32,
    name: String,
    /// Module paths relative to the crate root (`analysis::lexicon`); `crate` is the root.
    modules: Vec<Vec<String>>,
    /// What the layer may use besides the crate's own modules: `std::fs`, `println!`, a crate.
    may_use: BTreeSet<String>,
}

/// The rows of the layer table.
fn parse_layers(md: &str) -> Result<Vec<Layer>, String> {
    const START: &str = "<!-- layers:start -->";
    const END: &str = "<!-- layers:end -->";
    let start = md
        .find(START)
        .ok_or_else(|| format!("no `{START}` marker"))?;
    let end = md[start..]
        .find(END)
        .ok_or_else(|| format!("no `{END}` marker"))?
        + start;
    let mut layers = Vec::new();
    for row in md[start + START.len()..end].lines() {
        let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
        let Some(rank) = cells.first().and_then(|c| c.trim().parse::<u32>().ok()) else {
            continue; // the header and the separator
        };
        if cells.len() < 4 {
            return Err(format!("layer row `{row}` has fewer than 4 cells"));
        }
        let ticked = |cell: &str| -> Vec<String> {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        layers.push(Layer {
            rank,
            name: cells[1].trim().to_string(),
            modules: ticked(cells[2])
                .iter()
                .map(|m| {
                    m.split("::")
                        .filter(|s| *s != "crate")
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
            may_use: ticked(cells[3]).into_iter().collect(),
        });
    }
    if layers.is_empty() {
        return Err("the layer table has no rows".to_string());
    }
    Ok(layers)
}

/// The outside crates of `Cargo.toml`'s `[dependencies]`, as Rust names.
fn dependency_crates(cargo_toml: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_deps = false;
    for line in cargo_toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                out.insert(name.trim().replace('-', "_"));
            }
        }
    }
    out
}

// ------------------------------------------------------------------------------------ lexing

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
    /// A string literal's text as written between the quotes (escapes not decoded).
    Str(String),
}

/// The tokens of Rust source that matter for paths and rule codes, with their 1-based lines:
/// comments, character literals, lifetimes and numbers are dropped.
fn lex(src: &str) -> Vec<(Tok, usize)> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let count = |from: usize, to: usize, line: &mut usize| {
        *line += b[from..to.min(b.len())]
            .iter()
            .filter(|&&c| c == '\n')
            .count();
    };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let (mut depth, from) = (0usize, i);
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            count(from, i, &mut line);
        } else if let Some(end) = raw_string_end(&b, i) {
            // `b? r #* " text " #*`: the text is between the quotes.
            let open = (i..end).find(|&k| b[k] == '"').unwrap_or(end);
            let hashes = open.saturating_sub(i + 1 + usize::from(c == 'b'));
            let close = end.saturating_sub(1 + hashes);
            let text: String = b.get(open + 1..close).unwrap_or(&[]).iter().collect();
            out.push((Tok::Str(text), line));
            count(i, end, &mut line);
            i = end;
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            let from = i;
            i += if c == 'b' { 2 } else { 1 };
            let start = i;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            out.push((Tok::Str(b[start..i.min(b.len())].iter().collect()), line));
            i += 1;
            count(from, i, &mut line);
        } else if c == '\'' || (c == 'b' && next == Some('\'')) {
            // A character literal ('a', '\n', '\u{1F600}', b'x') or a lifetime ('a, 'static).
            let q = if c == 'b' { i + 1 } else { i };
            match (b.get(q + 1), b.get(q + 2)) {
                (Some('\\'), _) => {
                    i = q + 2;
                    while i < b.len() && b[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                (Some(_), Some('\'')) => i = q + 3,
                _ => {
                    // A lifetime: skip the quote and the identifier.
                    i = q + 1;
                    while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                        i += 1;
                    }
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let from = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(b[from..i].iter().collect()), line));
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_' || b[i] == '.') {
                if b[i] == '.' && !b.get(i + 1).is_some_and(char::is_ascii_digit) {
                    break;
                }
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            out.push((Tok::PathSep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// The end of a raw string literal starting at `i` (`r"…"`, `r#"…"#`, `br"…"`), if one does.
fn raw_string_end(b: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if b.get(j) == Some(&'b') {
        j += 1;
    }
    if b.get(j) != Some(&'r') || (i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')) {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while b.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if b.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < b.len() {
        if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(b.len())
}

// ------------------------------------------------------------------------------ extraction

/// One path a file uses: absolute (`crate` paths resolved, or `std::fs`, or an outside crate's
/// path), or a macro (`println!`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Use {
    line: usize,
    path: Vec<String>,
    written: String,
}

struct Source {
    /// The file's module path relative to the crate root (`["analysis", "tokens"]`).
    module: Vec<String>,
    uses: Vec<Use>,
    /// Child modules declared `#[cfg(test)] mod x;`: their files are test code.
    test_children: Vec<String>,
    /// String literals outside `#[cfg(test)]` items, with their lines.
    strings: Vec<(usize, String)>,
}

/// The module path of a source file under `src/` (`analysis/people/mod.rs` -> `analysis::people`).
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" && stem != "lib" {
            parts.push(stem);
        }
    }
    parts
}

/// Skips the item starting at token `i` (after an attribute): up to its `;` or its closing `}`.
fn skip_item(toks: &[(Tok, usize)], mut i: usize) -> usize {
    let mut depth = 0i32;
    while i < toks.len() {
        match toks[i].0 {
            Tok::Punct('{' | '(' | '[') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth <= 0 {
                    return i + 1;
                }
            }
            Tok::Punct(')' | ']') => depth -= 1,
            Tok::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Whether tokens at `i` are `# [ cfg ( test ) ]`; returns the index after it.
fn cfg_test_at(toks: &[(Tok, usize)], i: usize) -> Option<usize> {
    let want = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    let ok = want
        .iter()
        .enumerate()
        .all(|(k, w)| toks.get(i + k).map(|t| &t.0) == Some(w));
    ok.then_some(i + want.len())
}

fn ident(toks: &[(Tok, usize)], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some((Tok::Ident(s), _)) => Some(s),
        _ => None,
    }
}

/// The paths of a `use` tree starting at token `i`, each with the line of its last segment;
/// returns them and the index after the tree.
fn use_tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    prefix: &[String],
) -> (Vec<(Vec<String>, usize)>, usize) {
    let tok = |k: usize| toks.get(k).map(|t| &t.0);
    let mut path = prefix.to_vec();
    let mut line = toks.get(i).map_or(0, |t| t.1);
    let mut out = Vec::new();
    if tok(i) == Some(&Tok::PathSep) {
        i += 1; // a leading `::`: read as written
    }
    loop {
        match tok(i) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                line = toks[i].1;
                i += 1;
            }
            Some(Tok::Punct('*')) => {
                out.push((path, toks[i].1));
                return (out, i + 1);
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                loop {
                    match tok(i) {
                        Some(Tok::Punct('}')) => {
                            i += 1;
                            break;
                        }
                        Some(Tok::Punct(',')) => i += 1,
                        None => break,
                        _ => {
                            let (paths, next) = use_tree(toks, i, &path);
                            out.extend(paths);
                            i = next.max(i + 1);
                        }
                    }
                }
                return (out, i);
            }
            _ => {
                out.push((path, line));
                return (out, i);
            }
        }
        if tok(i) == Some(&Tok::PathSep) {
            i += 1;
            continue;
        }
        // The end of the path: `self` names the prefix itself; `as name` renames it.
        if path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        if ident(toks, i) == Some("as") {
            i += 2;
        }
        out.push((path, line));
        return (out, i);
    }
}

/// What a file's paths resolve to.
struct Resolver<'a> {
    crates: &'a BTreeSet<String>,
    /// In `main.rs`, the library's name stands for `crate`.
    lib_name: Option<&'a str>,
}

impl Resolver<'_> {
    /// The absolute form of `path` used in module `module` (whose declared child modules are
    /// `children`), or `None` when it names nothing the check cares about (a local type, a
    /// variable, an enum variant).
    fn resolve(
        &self,
        module: &[String],
        children: &BTreeSet<String>,
        path: &[String],
    ) -> Option<Vec<String>> {
        let (first, mut rest) = path.split_first()?;
        let mut abs: Vec<String> = match first.as_str() {
            "crate" => Vec::new(),
            "self" => module.to_vec(),
            "super" => {
                let mut up = module.to_vec();
                up.pop();
                while let Some(("super", more)) =
                    rest.split_first().map(|(s, more)| (s.as_str(), more))
                {
                    up.pop();
                    rest = more;
                }
                up
            }
            "std" | "core" | "alloc" => vec!["std".to_string()],
            name if Some(name) == self.lib_name => Vec::new(),
            name if children.contains(name) => {
                let mut m = module.to_vec();
                m.push(name.to_string());
                m
            }
            name if self.crates.contains(name) => vec![name.to_string()],
            _ => return None,
        };
        abs.extend(rest.iter().cloned());
        Some(abs)
    }

    /// `path`, written at `line`, as a [`Use`] when it names something the check cares about.
    fn use_at(
        &self,
        module: &[String],
        children: &BTreeSet<String>,
        line: usize,
        path: &[String],
    ) -> Option<Use> {
        Some(Use {
            line,
            written: path.join("::"),
            path: self.resolve(module, children, path)?,
        })
    }
}

/// Reads one file: its uses (outside `#[cfg(test)]` items) with lines.
fn read_source(rel: &Path, src: &str, resolver: &Resolver<'_>) -> Source {
    let module = module_of(rel);
    let toks = lex(src);
    // Child modules declared in this file (`mod x;` or `mod x { … }`), for paths like `x::f`.
    let mut children = BTreeSet::new();
    let mut test_children = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.0 == Tok::Ident("mod".into()) {
            if let Some(name) = ident(&toks, k + 1) {
                children.insert(name.to_string());
            }
        }
    }
    let mut uses = Vec::new();
    let mut strings = Vec::new();
    // Inline modules: (name, brace depth at which it closes).
    let mut inline: Vec<(String, i32)> = Vec::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < toks.len() {
        if let Some(after) = cfg_test_at(&toks, i) {
            if ident(&toks, after) == Some("mod")
                && toks.get(after + 2).map(|t| &t.0) == Some(&Tok::Punct(';'))
            {
                if let Some(name) = ident(&toks, after + 1) {
                    test_children.push(name.to_string());
                }
            }
            // Skip visibility and further attributes to reach the item, then the item.
            i = skip_item(&toks, after);
            continue;
        }
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        let line = toks[i].1;
        match &toks[i].0 {
            Tok::Str(text) => strings.push((line, text.clone())),
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(name), Some((Tok::Punct('{'), _))) =
                    (ident(&toks, i + 1), toks.get(i + 2))
                {
                    inline.push((name.to_string(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(w) if w == "use" => {
                let (paths, next) = use_tree(&toks, i + 1, &[]);
                for (p, line) in paths {
                    uses.extend(resolver.use_at(&here, &children, line, &p));
                }
                i = next;
                continue;
            }
            Tok::Ident(w)
                if PRINT_MACROS.contains(&w.as_str())
                    && toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Punct('!'))
                    && toks.get(i + 2).map(|t| &t.0) != Some(&Tok::Punct('='))
                    && i.checked_sub(1).and_then(|p| toks.get(p)).map(|t| &t.0)
                        != Some(&Tok::PathSep) =>
            {
                uses.push(Use {
                    line,
                    written: format!("{w}!"),
                    path: vec![format!("{w}!")],
                });
            }
            Tok::Ident(w) if toks.get(i + 1).map(|t| &t.0) == Some(&Tok::PathSep) => {
                let after_sep = i
                    .checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_some_and(|t| t.0 == Tok::PathSep);
                if !after_sep {
                    // `$crate::x` reads as `crate::x`.
                    let mut path = vec![w.clone()];
                    let mut j = i + 1;
                    while toks.get(j).map(|t| &t.0) == Some(&Tok::PathSep) {
                        match ident(&toks, j + 1) {
                            Some(s) => path.push(s.to_string()),
                            None => break,
                        }
                        j += 2;
                    }
                    uses.extend(resolver.use_at(&here, &children, line, &path));
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    Source {
        module,
        uses,
        test_children,
        strings,
    }
}

// ---------------------------------------------------------------------------------- checking

struct Architecture {
    layers: Vec<Layer>,
}

impl Architecture {
    /// The layer a module belongs to: the row with the longest module prefix of it.
    fn layer_of(&self, module: &[String]) -> Option<&Layer> {
        self.layers
            .iter()
            .flat_map(|l| l.modules.iter().map(move |m| (l, m)))
            // The root (`crate`) is a layer's module only for itself, not a prefix of all.
            .filter(|(_, m)| {
                if m.is_empty() {
                    module.is_empty()
                } else {
                    module.starts_with(m)
                }
            })
            .max_by_key(|(_, m)| m.len())
            .map(|(l, _)| l)
    }

    /// Whether `layer` may use `what` (`std::fs`, `println!`, `tokio`): listed for it, or for a
    /// layer of a lower rank.
    fn allows(&self, layer: &Layer, what: &str) -> bool {
        self.layers
            .iter()
            .filter(|l| l.name == layer.name || l.rank < layer.rank)
            .any(|l| l.may_use.contains(what))
    }
}

/// Every violation in `files` (paths relative to `src/`, sources), as `src/file:line: message`.
fn check(
    arch: &Architecture,
    crates: &BTreeSet<String>,
    files: &[(PathBuf, String)],
) -> Vec<String> {
    let lib = Resolver {
        crates,
        lib_name: None,
    };
    let bin = Resolver {
        crates,
        lib_name: Some("copydesk"),
    };
    let sources: BTreeMap<&Path, Source> = files
        .iter()
        .map(|(rel, src)| {
            let resolver = if rel == Path::new("main.rs") {
                &bin
            } else {
                &lib
            };
            (rel.as_path(), read_source(rel, src, resolver))
        })
        .collect();
    // Files that are `#[cfg(test)] mod x;` of another are test code.
    let mut test_modules: Vec<Vec<String>> = Vec::new();
    for s in sources.values() {
        for c in &s.test_children {
            let mut m = s.module.clone();
            m.push(c.clone());
            test_modules.push(m);
        }
    }
    let mut problems = Vec::new();
    for (rel, s) in &sources {
        if test_modules.iter().any(|m| s.module.starts_with(m)) {
            continue;
        }
        let shown = Path::new("src").join(rel);
        let shown = shown.display();
        let Some(from) = arch.layer_of(&s.module) else {
            problems.push(format!(
                "{shown}:1: module `{}` is in no layer of ARCHITECTURE.md's layer table",
                s.module.join("::")
            ));
            continue;
        };
        for u in &s.uses {
            let first = u.path.first().map(String::as_str).unwrap_or("");
            let capability = if first.ends_with('!') {
                Some(first.to_string())
            } else if first == "std" {
                match u.path.get(1) {
                    Some(m) if IO_MODULES.contains(&m.as_str()) => Some(format!("std::{m}")),
                    _ => None,
                }
            } else if crates.contains(first) {
                Some(first.to_string())
            } else {
                None
            };
            if let Some(cap) = capability {
                if !arch.allows(from, &cap) {
                    problems.push(format!(
                        "{shown}:{}: `{}` uses `{cap}`, which the {} layer may not use \
                         (ARCHITECTURE.md lists what each layer may use)",
                        u.line, u.written, from.name
                    ));
                }
                continue;
            }
            if first == "std" {
                continue;
            }
            let Some(to) = arch.layer_of(&u.path) else {
                problems.push(format!(
                    "{shown}:{}: `{}` names `crate::{}`, which is in no layer of ARCHITECTURE.md",
                    u.line,
                    u.written,
                    u.path.join("::")
                ));
                continue;
            };
            let upward = to.rank > from.rank;
            let sideways = to.rank == from.rank && to.name != from.name;
            if upward || sideways {
                let resolved = format!("crate::{}", u.path.join("::"));
                let via = if resolved == u.written {
                    String::new()
                } else {
                    format!(" (`{resolved}`)")
                };
                problems.push(format!(
                    "{shown}:{}: `{}`{via} goes from the {} layer (rank {}) to the {} layer \
                     (rank {}): {}",
                    u.line,
                    u.written,
                    from.name,
                    from.rank,
                    to.name,
                    to.rank,
                    if upward {
                        "a layer never imports a higher one"
                    } else {
                        "layers of one rank never import each other"
                    }
                ));
            }
        }
    }
    problems
}

/// Whether `s` is a rule code: three capital letters and three digits (`ATT006`).
/// Works on bytes: a six-byte literal such as `"I’ve"` must not be sliced inside a character.
fn is_rule_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 6
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..].iter().all(u8::is_ascii_digit)
}

/// Rule codes written as string literals outside their own rule file (and outside test code):
/// code names a rule through `Rule` (or a rule file through its `META`), so that a typo cannot
/// silently match nothing.
fn code_literals(files: &[(PathBuf, String)], crates: &BTreeSet<String>) -> Vec<String> {
    let resolver = Resolver {
        crates,
        lib_name: None,
    };
    let sources: Vec<(&Path, Source)> = files
        .iter()
        .map(|(rel, src)| (rel.as_path(), read_source(rel, src, &resolver)))
        .collect();
    let test_modules: Vec<Vec<String>> = sources
        .iter()
        .flat_map(|(_, s)| {
            s.test_children.iter().map(|c| {
                let mut m = s.module.clone();
                m.push(c.clone());
                m
            })
        })
        .collect();
    let mut problems = Vec::new();
    for (rel, s) in &sources {
        if test_modules.iter().any(|m| s.module.starts_with(m)) {
            continue;
        }
        let file = rel.file_name().map(|f| f.to_string_lossy().into_owned());
        for (line, text) in &s.strings {
            if !is_rule_code(text) {
                continue;
            }
            let own = format!("{}_", text.to_ascii_lowercase());
            let in_own_rule_file = rel.starts_with("analysis/rules")
                && file.as_deref().is_some_and(|f| f.starts_with(&own));
            if !in_own_rule_file {
                problems.push(format!(
                    "{}:{line}: the rule code `\"{text}\"` as a string: name the rule (`Rule`, \
                     or `META.code` in its own file)",
                    Path::new("src").join(rel).display()
                ));
            }
        }
    }
    problems
}

#[test]
fn rule_codes_are_not_strings_outside_their_rule_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crates = dependency_crates(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap());
    let mut files = Vec::new();
    rust_files(&root.join("src"), &root.join("src"), &mut files);
    files.sort();
    let problems = code_literals(&files, &crates);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn rust_files(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, root, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let src = std::fs::read_to_string(&p).expect("read a source file");
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            out.push((rel, src));
        }
    }
}

#[test]
fn imports_follow_the_layer_order_of_architecture_md() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let md = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let arch = Architecture {
        layers: parse_layers(&md).unwrap_or_else(|e| panic!("ARCHITECTURE.md: {e}")),
    };
    let crates = dependency_crates(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap());
    assert!(crates.contains("tokio") && crates.contains("pulldown_cmark"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "only {} sources under src/", files.len());
    // Not vacuous: the reader finds the imports a person reading the code finds.
    let resolver = Resolver {
        crates: &crates,
        lib_name: None,
    };
    let uses: usize = files
        .iter()
        .map(|(rel, src)| read_source(rel, src, &resolver).uses.len())
        .sum();
    assert!(uses > 500, "only {uses} paths found in src/");
    let tokens = files
        .iter()
        .find(|(rel, _)| rel == Path::new("analysis/tokens.rs"))
        .expect("src/analysis/tokens.rs");
    let seen = read_source(&tokens.0, &tokens.1, &resolver).uses;
    assert!(
        seen.iter()
            .any(|u| u.path == ["analysis", "range", "TextRange"]),
        "{seen:?}"
    );
    let problems = check(&arch, &crates, &files);
    assert!(
        problems.is_empty(),
        "imports against the layer order of ARCHITECTURE.md:\n{}",
        problems.join("\n")
    );
}

#[cfg(test)]
mod checker {
    //! The checker itself, on small in-memory crates: it must find what is planted.

    use super::*;

    const LAYERS: &str = "\
<!-- layers:start -->
| rank | layer | modules | may use |
|---|---|---|---|
| 1 | words | `a::words` | |
| 2 | text | `a::text` `a::util` | `memchr` |
| 3 | people | `a::people` | |
| 3 | numbers | `a::numbers` | |
| 4 | front | `a` `front` | `std::fs` `println!` `tokio` |
| 5 | binary | `main` `crate` | `std::process` |
<!-- layers:end -->
";

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let arch = Architecture {
            layers: parse_layers(LAYERS).unwrap(),
        };
        let crates: BTreeSet<String> = ["memchr", "tokio"].iter().map(|s| s.to_string()).collect();
        let files: Vec<(PathBuf, String)> = files
            .iter()
            .map(|(p, s)| (PathBuf::from(p), s.to_string()))
            .collect();
        check(&arch, &crates, &files)
    }

    fn lines_of(problems: &[String]) -> Vec<String> {
        problems
            .iter()
            .map(|p| p.split(": ").next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn a_clean_crate_passes() {
        let p = run(&[
            ("lib.rs", "pub mod a;\npub mod front;\n"),
            (
                "a/mod.rs",
                "pub mod words;\npub mod text;\npub use text::T;\nfn f() { people::g(); }\npub mod people;\n",
            ),
            ("a/words.rs", "pub fn w() {}\n"),
            (
                "a/text.rs",
                "use super::words::{self, w};\nuse memchr::memchr;\npub struct T;\n",
            ),
            (
                "a/people/mod.rs",
                "mod inner;\nuse crate::a::text::T;\nfn g() { inner::h(); super::words::w(); }\n",
            ),
            ("a/people/inner.rs", "use super::super::text;\n"),
            (
                "front/mod.rs",
                "use std::fs;\nfn f() { println!(\"hi\"); tokio::spawn(); }\n",
            ),
            (
                "main.rs",
                "fn main() { std::process::exit(copydesk::front::run()); }\n",
            ),
        ]);
        assert!(p.is_empty(), "{p:#?}");
    }

    #[test]
    fn every_kind_of_upward_import_is_found_with_its_line() {
        let p = run(&[
            (
                "a/mod.rs",
                "pub mod words;\npub mod text;\npub mod people;\npub mod numbers;\n",
            ),
            // 1: a use; 2: an inline path; 4: a nested group; 6: `$crate` in a macro.
            (
                "a/words.rs",
                "use crate::a::text::T;\nfn f() { crate::a::people::g(); }\nuse crate::a::{\n    numbers::N,\n};\nmacro_rules! m { () => { $crate::a::people::g() } }\n",
            ),
            // `super::` resolved: people/inner.rs -> a::numbers (a peer of people).
            ("a/people/mod.rs", "mod inner;\n"),
            ("a/people/inner.rs", "\n\nuse super::super::numbers::N;\n"),
            // The facade (`a`) is above text: importing through it is upward too.
            (
                "a/text.rs",
                "// crate::a::people in a comment\nconst S: &str = \"crate::a::people\";\nuse crate::a::Config;\n",
            ),
        ]);
        assert_eq!(
            lines_of(&p),
            [
                "src/a/people/inner.rs:3",
                "src/a/text.rs:3",
                "src/a/words.rs:1",
                "src/a/words.rs:2",
                "src/a/words.rs:4",
                "src/a/words.rs:6",
            ],
            "{p:#?}"
        );
        assert!(
            p[0].contains("layers of one rank never import each other"),
            "{}",
            p[0]
        );
        assert!(
            p[2].contains("a layer never imports a higher one"),
            "{}",
            p[2]
        );
    }

    #[test]
    fn io_crates_and_printing_need_the_table_s_leave() {
        let p = run(&[
            (
                "a/text.rs",
                "use std::{fs, io};\nfn f() {\n    let _ = std::fs::read(\"x\");\n    std::env::var(\"X\");\n    eprintln!(\"x\");\n    tokio::spawn();\n    let r#type = 1; let c = '\"'; let s = r#\"std::fs\"#; 'a: loop {}\n}\n",
            ),
            (
                "front/mod.rs",
                "use std::net::TcpStream;\nuse std::process::Command;\n",
            ),
        ]);
        assert_eq!(
            lines_of(&p),
            [
                "src/a/text.rs:1",
                "src/a/text.rs:1",
                "src/a/text.rs:3",
                "src/a/text.rs:4",
                "src/a/text.rs:5",
                "src/a/text.rs:6",
                "src/front/mod.rs:1",
                "src/front/mod.rs:2",
            ],
            "{p:#?}"
        );
        assert!(
            p[0].contains("`std::fs`") && p[1].contains("`std::io`"),
            "{p:#?}"
        );
    }

    #[test]
    fn test_code_is_not_checked() {
        let p = run(&[
            ("a/mod.rs", "pub mod words;\n"),
            (
                "a/words.rs",
                "#[cfg(test)]\nmod tests {\n    use crate::a::people::g;\n    fn t() { std::fs::read(\"x\"); }\n}\n#[cfg(test)]\nmod more;\n#[cfg(test)]\nuse crate::a::people::h;\nfn after() { crate::a::people::g(); }\n",
            ),
            ("a/words/more.rs", "use crate::a::people::g;\n"),
        ]);
        assert_eq!(lines_of(&p), ["src/a/words.rs:10"], "{p:#?}");
    }

    #[test]
    fn modules_outside_the_table_are_reported() {
        let p = run(&[
            ("stray.rs", "fn f() {}\n"),
            ("a/words.rs", "use crate::nowhere::X;\n"),
        ]);
        assert_eq!(
            lines_of(&p),
            ["src/a/words.rs:1", "src/stray.rs:1"],
            "{p:#?}"
        );
    }

    #[test]
    fn rule_codes_as_strings_are_found_outside_their_own_file_and_tests() {
        let files: Vec<(PathBuf, String)> = [
            ("analysis/rules/mod.rs", "fn f() { matches!(c, \"ATT003\" | \"ATT002\"); }\n"),
            (
                "analysis/rules/att001_quote.rs",
                "const A: &str = \"ATT001\";\nconst B: &str = \"ATT002\";\n",
            ),
            (
                "lsp/actions.rs",
                "\n// \"ATT001\" in a comment\nconst M: &str = \"see ATT001\"; const Q: &str = \"I\u{2019}ve\";\nconst R: &str = r#\"NUM001\"#;\n#[cfg(test)]\nmod tests { const T: &str = \"ATT006\"; }\n",
            ),
        ]
        .iter()
        .map(|(p, s)| (PathBuf::from(p), s.to_string()))
        .collect();
        let p = code_literals(&files, &BTreeSet::new());
        assert_eq!(
            lines_of(&p),
            [
                "src/analysis/rules/mod.rs:1",
                "src/analysis/rules/mod.rs:1",
                "src/analysis/rules/att001_quote.rs:2",
                "src/lsp/actions.rs:4",
            ],
            "{p:#?}"
        );
        assert!(p[2].contains("ATT002"), "{}", p[2]);
        assert!(p[3].contains("NUM001"), "{}", p[3]);
    }

    #[test]
    fn the_table_must_exist() {
        assert!(parse_layers("# no table").is_err());
        assert!(parse_layers("<!-- layers:start -->\n<!-- layers:end -->").is_err());
        let crates = dependency_crates(
            "[package]\nname = \"x\"\n[dependencies]\ntower-lsp-server = \"1\"\n# c\nregex = { version = \"1\" }\n[dev-dependencies]\nproptest = \"1\"\n",
        );
        assert_eq!(
            crates.into_iter().collect::<Vec<_>>(),
            ["regex", "tower_lsp_server"]
        );
    }
}

//! Document symbols: people with their quotes as children, quotes with no tracked speaker, and
//! the figures a NUM rule checked.

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use crate::analysis::TextRange;
use crate::lsp::snapshot::Snapshot;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
fn symbol(
    a: &Snapshot,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: TextRange,
    selection: TextRange,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(empty)".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: a.range(range),
        selection_range: a.range(selection),
        children,
    }
}

fn quote_symbol(a: &Snapshot, qi: usize) -> Option<DocumentSymbol> {
    let q = a.quotes.get(qi)?;
    let name = format!("“{}”", a.quote_excerpt(qi, 8));
    let att = a.people.attributions.get(qi);
    let detail = att.and_then(|t| t.cue.clone());
    Some(symbol(
        a,
        name,
        detail,
        SymbolKind::STRING,
        q.range,
        q.range,
        None,
    ))
}

pub fn symbols(a: &Snapshot) -> Vec<DocumentSymbol> {
    let an = a;
    let mut out = Vec::new();
    for (p, person) in an.people.persons.iter().enumerate() {
        let mentions: Vec<TextRange> = person
            .mentions
            .iter()
            .filter_map(|&m| an.people.mentions.get(m))
            .map(|m| m.range)
            .collect();
        let Some(&first) = mentions.first() else {
            continue;
        };
        let quotes: Vec<usize> = an.people.quotes_of(p).collect();
        let mut range = mentions.iter().fold(first, |acc, r| acc.cover(*r));
        for &qi in &quotes {
            if let Some(q) = an.quotes.get(qi) {
                range = range.cover(q.range);
            }
        }
        let children: Vec<DocumentSymbol> = quotes
            .iter()
            .filter_map(|&qi| quote_symbol(a, qi))
            .collect();
        out.push(symbol(
            a,
            person.name.clone(),
            person.title.clone(),
            SymbolKind::CLASS,
            range,
            first,
            Some(children),
        ));
    }
    // Top-level quotes with no tracked person.
    for (qi, q) in an.quotes.iter().enumerate() {
        let tracked = an
            .people
            .attributions
            .get(qi)
            .is_some_and(|t| t.person.is_some());
        if q.parent.is_none() && !tracked {
            out.extend(quote_symbol(a, qi));
        }
    }
    // Figures involved in a NUM check.
    let mut checked: Vec<usize> = an
        .figures
        .checks
        .iter()
        .filter(|c| c.code.starts_with("NUM"))
        .flat_map(|c| c.figures.iter().copied())
        .collect();
    checked.sort_unstable();
    checked.dedup();
    for i in checked {
        let Some(f) = an.figures.figures.get(i) else {
            continue;
        };
        let detail = match &f.counts {
            Some(c) => format!("{} · {c}", f.kind.as_str()),
            None => f.kind.as_str().to_string(),
        };
        out.push(symbol(
            a,
            f.value_text.clone(),
            Some(detail),
            SymbolKind::NUMBER,
            f.range,
            f.range,
            None,
        ));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

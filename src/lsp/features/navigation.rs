//! Go to definition (a person's first reference), references (every mention) and rename (every
//! mention that spells the name).

use std::collections::HashMap;

use tower_lsp_server::ls_types::{Location, PrepareRenameResponse, TextEdit, WorkspaceEdit};

use crate::analysis::people::surname_of;
use crate::analysis::people::{Mention, MentionKind};
use crate::lsp::snapshot::Snapshot;

fn mention(a: &Snapshot, offset: usize) -> Option<&Mention> {
    a.people.mention_at(offset)
}

fn mentions_of(a: &Snapshot, person: usize) -> impl Iterator<Item = &Mention> {
    a.people
        .persons
        .get(person)
        .map(|p| p.mentions.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(|&m| a.people.mentions.get(m))
}

pub fn definition(a: &Snapshot, offset: usize) -> Option<Location> {
    let m = mention(a, offset)?;
    let first = mentions_of(a, m.person).next()?;
    Some(Location::new(a.uri.clone(), a.range(first.range)))
}

pub fn references(a: &Snapshot, offset: usize, include_declaration: bool) -> Option<Vec<Location>> {
    let m = mention(a, offset)?;
    let locs = mentions_of(a, m.person)
        .skip(usize::from(!include_declaration))
        .map(|m| Location::new(a.uri.clone(), a.range(m.range)))
        .collect();
    Some(locs)
}

fn is_name(m: &Mention) -> bool {
    matches!(m.kind, MentionKind::FullName | MentionKind::Surname)
}

pub fn prepare_rename(a: &Snapshot, offset: usize) -> Option<PrepareRenameResponse> {
    let m = mention(a, offset).filter(|m| is_name(m))?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: a.range(m.range),
        placeholder: a.slice(m.range),
    })
}

/// Renames a person. From a surname mention, `new_name` replaces the surname everywhere (the last
/// word of each full-name mention, every surname mention); from a full-name mention it replaces
/// every full-name mention, and its last word replaces every surname mention. Roles and pronouns
/// are left alone.
pub fn rename(a: &Snapshot, offset: usize, new_name: &str) -> Option<WorkspaceEdit> {
    let m = mention(a, offset).filter(|m| is_name(m))?;
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return None;
    }
    let from_surname = m.kind == MentionKind::Surname;
    let new_surname = surname_of(new_name);
    let mut edits = Vec::new();
    for other in mentions_of(a, m.person).filter(|o| is_name(o)) {
        let text = a.slice(other.range);
        let (range, replacement) = match (other.kind, from_surname) {
            (MentionKind::Surname, _) => (other.range, new_surname.to_string()),
            (_, false) => (other.range, new_name.to_string()),
            (_, true) => {
                // Replace only the last word of the full name.
                let trimmed = text.trim_end();
                let end = other.range.start + trimmed.len();
                let start = end - surname_of(trimmed).len();
                (
                    crate::analysis::TextRange::new(start, end),
                    new_surname.to_string(),
                )
            }
        };
        if a.slice(range) != replacement {
            edits.push(TextEdit::new(a.range(range), replacement));
        }
    }
    let mut changes = HashMap::new();
    changes.insert(a.uri.clone(), edits);
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

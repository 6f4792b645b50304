//! What the server keeps of one analysed version of a document: a typed snapshot.
//!
//! An [`Analysis`] holds the whole `Document` (prose, tokens, sentences, paragraphs, masks) that
//! the rules needed; no request needs it once the findings exist, and on a large document it is
//! most of the memory. [`Snapshot::new`] takes the analysis apart and keeps only what requests
//! read: the findings, the people, the figures and the quotations, beside the text (as a rope)
//! and the position encoding. What is not kept is not a field, so no request can ask for it.

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert::{self, Encoding};
use crate::analysis::quotes::{self, Quote};
use crate::analysis::reference::matching::SheetStatus;
use crate::analysis::{Analysis, Diagnostic, Document, Figures, People, SourceKind, TextRange};

/// One analysed version of a document, consistent with itself.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    /// The client's version of the analysed text.
    pub version: i32,
    pub kind: SourceKind,
    pub rope: Rope,
    pub encoding: Encoding,
    /// Sorted by range start, then code.
    pub diagnostics: Vec<Diagnostic>,
    pub people: People,
    pub figures: Figures,
    /// The quotations, in source order (`Attribution::quote` indexes them).
    pub quotes: Vec<Quote>,
    /// Where each person and figure stands against the reference sheet (empty without one).
    pub reference: SheetStatus,
}

impl Snapshot {
    /// Keeps what requests read of `analysis` (of the text in `rope`) and drops the rest.
    pub fn new(
        uri: Uri,
        version: i32,
        kind: SourceKind,
        rope: Rope,
        encoding: Encoding,
        analysis: Analysis,
        reference: SheetStatus,
    ) -> Snapshot {
        let Analysis {
            document: Document { quotes, .. },
            people,
            figures,
            diagnostics,
        } = analysis;
        Snapshot {
            uri,
            version,
            kind,
            rope,
            encoding,
            diagnostics,
            people,
            figures,
            quotes,
            reference,
        }
    }

    pub fn range(&self, r: TextRange) -> lsp::Range {
        convert::to_range(&self.rope, r, self.encoding)
    }

    pub fn offset(&self, p: lsp::Position) -> usize {
        convert::to_offset_lenient(&self.rope, p, self.encoding)
    }

    /// The source text of `r` (empty when out of bounds).
    pub fn slice(&self, r: TextRange) -> String {
        let end = r.end.min(self.rope.len_bytes());
        let start = r.start.min(end);
        self.rope.byte_slice(start..end).to_string()
    }

    /// The top-level quotation containing `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<usize> {
        quotes::quote_at(&self.quotes, offset)
    }

    /// The first `n` words of quote `qi` (between the marks), with an ellipsis when cut.
    pub fn quote_excerpt(&self, qi: usize, n: usize) -> String {
        self.quotes
            .get(qi)
            .map(|q| quotes::excerpt(&self.slice(q.content), n))
            .unwrap_or_default()
    }
}

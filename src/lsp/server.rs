//! The `LanguageServer` implementation: thin handlers. Notifications only enqueue a `DocEvent`
//! (they never await); requests ask the document actor for an analysed snapshot and call a feature.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities;
use super::convert;
use super::documents::{DocEvent, Documents, InitInfo};
use super::features::{actions, hover, inlay, navigation, symbols};
use super::snapshot::Snapshot;
use crate::analysis::TextRange;

/// How long a request waits for the analysis of the current text.
const ANALYSIS_WAIT: Duration = Duration::from_secs(30);

pub struct Backend {
    client: Client,
    docs: Documents,
    shutdown: Arc<AtomicBool>,
    caps: OnceLock<ClientCapabilities>,
}

/// `copydesk/documentText` parameters.
#[derive(Debug, Deserialize)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

/// `copydesk/documentText` result: the text and version the server holds (a debugging aid).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTextResult {
    pub text: String,
    pub version: i32,
    pub out_of_sync: bool,
}

impl Backend {
    pub fn new(client: Client, docs: Documents, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            docs,
            shutdown,
            caps: OnceLock::new(),
        }
    }

    async fn analyzed(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        tokio::time::timeout(ANALYSIS_WAIT, self.docs.analysis(uri.clone()))
            .await
            .ok()
            .flatten()
    }

    /// The custom request `copydesk/documentText` {uri} → {text, version, outOfSync}.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentTextResult> {
        match self.docs.text(params.uri).await {
            Some(t) => Ok(DocumentTextResult {
                text: t.text,
                version: t.version,
                out_of_sync: t.desynced,
            }),
            None => Err(Error::invalid_params("the document is not open")),
        }
    }

    fn pull_configuration(&self) {
        let pull = self
            .caps
            .get()
            .is_some_and(capabilities::can_pull_configuration);
        if !pull {
            return;
        }
        let client = self.client.clone();
        let docs = self.docs.clone();
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("copydesk".to_string()),
            };
            if let Ok(mut values) = client.configuration(vec![item]).await {
                if let Some(v) = values.pop().filter(|v| v.is_object()) {
                    docs.send(DocEvent::Settings(v));
                }
            }
        });
    }
}

/// Runs a feature; a panic in it becomes an internal error for this request, not a dead server.
fn guarded<T>(f: impl FnOnce() -> Option<T>) -> Result<Option<T>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| Error::internal_error())
}

fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if out.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            out.push(p.into_owned());
        }
    }
    out
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = capabilities::negotiated_encoding(&params);
        self.docs.send(DocEvent::Init(InitInfo {
            encoding,
            roots: roots(&params),
            options: params.initialization_options.clone(),
        }));
        let _ = self.caps.set(params.capabilities);
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Client requests are spawned, never awaited here.
        if self.caps.get().is_some_and(capabilities::can_watch_files) {
            let client = self.client.clone();
            tokio::spawn(async move {
                let options = serde_json::json!({
                    // copydesk.toml and the reference sheets it names (TOML or CSV).
                    "watchers": [
                        { "globPattern": "**/copydesk.toml" },
                        { "globPattern": "**/*.toml" },
                        { "globPattern": "**/*.csv" }
                    ]
                });
                let reg = Registration {
                    id: "copydesk-config-watcher".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: Some(options),
                };
                let _ = client.register_capability(vec![reg]).await;
            });
        }
        self.pull_configuration();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let d = p.text_document;
        self.docs.send(DocEvent::Open {
            uri: d.uri,
            language_id: d.language_id,
            version: d.version,
            text: d.text,
        });
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        self.docs.send(DocEvent::Change {
            uri: p.text_document.uri,
            version: p.text_document.version,
            changes: p.content_changes,
        });
    }

    async fn did_save(&self, p: DidSaveTextDocumentParams) {
        self.docs.send(DocEvent::Saved {
            uri: p.text_document.uri,
        });
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        self.docs.send(DocEvent::Close {
            uri: p.text_document.uri,
        });
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        let has_section = match &p.settings {
            Value::Object(m) => !m.is_empty(),
            _ => false,
        };
        if has_section {
            self.docs.send(DocEvent::Settings(p.settings));
        } else {
            self.pull_configuration();
        }
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        self.docs.send(DocEvent::WatchedFiles(
            p.changes.into_iter().map(|c| c.uri).collect(),
        ));
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let tp = p.text_document_position_params;
        let Some(a) = self.analyzed(&tp.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| hover::hover(&a, a.offset(tp.position)))
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let tp = p.text_document_position_params;
        let Some(a) = self.analyzed(&tp.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| {
            navigation::definition(&a, a.offset(tp.position)).map(GotoDefinitionResponse::Scalar)
        })
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let tp = p.text_document_position;
        let Some(a) = self.analyzed(&tp.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| navigation::references(&a, a.offset(tp.position), p.context.include_declaration))
    }

    async fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(a) = self.analyzed(&p.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| navigation::prepare_rename(&a, a.offset(p.position)))
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let tp = p.text_document_position;
        let Some(a) = self.analyzed(&tp.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| navigation::rename(&a, a.offset(tp.position), &p.new_name))
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.analyzed(&p.text_document.uri).await else {
            return Ok(None);
        };
        guarded(|| Some(DocumentSymbolResponse::Nested(symbols::symbols(&a))))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(a) = self.analyzed(&p.text_document.uri).await else {
            return Ok(None);
        };
        let range = TextRange::new(a.offset(p.range.start), a.offset(p.range.end));
        let range = TextRange::new(range.start.min(range.end), range.end.max(range.start));
        guarded(|| Some(actions::actions(&a, range)))
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.analyzed(&p.text_document.uri).await else {
            return Ok(None);
        };
        let start = a.offset(p.range.start);
        let end = convert::to_offset_lenient(&a.rope, p.range.end, a.encoding).max(start);
        guarded(|| Some(inlay::hints(&a, TextRange::new(start, end))))
    }
}

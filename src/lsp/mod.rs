//! The language server (`copydesk lsp`), on tower-lsp-server (the maintained continuation of
//! tower-lsp) and tokio.
//!
//! - `transport`: our Content-Length framing in front of the framework (survives bad input).
//! - `server`: thin `LanguageServer` handlers.
//! - `documents`: the document actor (ropes, ordered edits, debounced analysis, stale results
//!   dropped, configuration).
//! - `snapshot`: what the server keeps of an analysed version (findings, people, figures,
//!   quotes, the text), typed so that nothing dropped can be asked for.
//! - `convert`: UTF-8 byte offsets ↔ LSP positions (UTF-8/16/32), the only place that does it.
//! - `features/*`: diagnostics, hover, navigation, symbols, code actions, inlay hints.

pub mod capabilities;
pub mod convert;
pub mod documents;
pub mod features;
pub mod server;
pub mod settings;
pub mod snapshot;
pub mod transport;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::{LspService, Server};

use documents::{Documents, Outgoing};
use server::Backend;

/// Runs the server on stdin/stdout until `exit` (or end of input). Blocking; builds its own
/// runtime. Returns the process exit status: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start the runtime: {e}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    code
}

/// Serves one client on `input`/`output`; returns the exit status.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (out_tx, out_rx) = mpsc::unbounded_channel();
    let writer = tokio::spawn(transport::write_out(output, out_rx));
    let pump = tokio::spawn(transport::pump_server(from_server, out_tx.clone()));
    tokio::spawn(transport::read_client(input, to_server, out_tx.clone()));

    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::build(move |client| {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(forward_outgoing(client.clone(), rx));
        let docs = Documents::spawn(crate::analysis::analyze, tx);
        Backend::new(client, docs, flag)
    })
    .custom_method("copydesk/documentText", Backend::document_text)
    .finish();
    Server::new(server_in, server_out, socket)
        .serve(service)
        .await;

    // Everything the server wrote is in the pipe: drain it, then flush the real output.
    let _ = pump.await;
    let (done, flushed) = oneshot::channel();
    let _ = out_tx.send(transport::Out::Flush(done));
    let _ = flushed.await;
    drop(out_tx);
    drop(writer);
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// Sends what the document actor asks for, in order.
async fn forward_outgoing(
    client: tower_lsp_server::Client,
    mut rx: mpsc::UnboundedReceiver<Outgoing>,
) {
    while let Some(out) = rx.recv().await {
        match out {
            Outgoing::Publish {
                uri,
                diagnostics,
                version,
            } => client.publish_diagnostics(uri, diagnostics, version).await,
            Outgoing::Log { typ, message } => client.log_message(typ, message).await,
        }
    }
}

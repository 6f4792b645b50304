//! A framed JSON-RPC client that drives the real `copydesk lsp` binary over stdio, and a
//! client-side text model with its own (independent) position arithmetic.
//!
//! Synchronisation is by waiting for specific messages with a timeout, never by sleeping.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::text::lines;

pub const TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Utf16,
    Utf32,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "utf-8",
            Enc::Utf16 => "utf-16",
            Enc::Utf32 => "utf-32",
        }
    }

    pub fn units(self, s: &str) -> usize {
        match self {
            Enc::Utf8 => s.len(),
            Enc::Utf16 => s.encode_utf16().count(),
            Enc::Utf32 => s.chars().count(),
        }
    }
}

pub struct Server {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    rx: Receiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
    pub enc: Enc,
}

fn write_frame(stdin: &Mutex<Option<ChildStdin>>, body: &[u8]) {
    let mut guard = stdin.lock().unwrap();
    if let Some(w) = guard.as_mut() {
        let _ = w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        let _ = w.write_all(body);
        let _ = w.flush();
    }
}

impl Server {
    pub fn spawn() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn copydesk lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        let answer = stdin.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = line.split_once(':') {
                        if k.eq_ignore_ascii_case("content-length") {
                            len = v.trim().parse::<usize>().ok();
                        }
                    }
                }
                let mut body = vec![0; len.expect("server frame without Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = serde_json::from_slice(&body).expect("server sent invalid JSON");
                // Answer server-to-client requests at once.
                if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
                    let result = if method == "workspace/configuration" {
                        let n = msg["params"]["items"].as_array().map_or(0, Vec::len);
                        Value::Array(vec![Value::Null; n])
                    } else {
                        Value::Null
                    };
                    let resp = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    write_frame(&answer, resp.to_string().as_bytes());
                }
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            backlog: VecDeque::new(),
            next_id: 1,
            enc: Enc::Utf16,
        }
    }

    pub fn send_raw(&self, bytes: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        if let Some(w) = guard.as_mut() {
            let _ = w.write_all(bytes);
            let _ = w.flush();
        }
    }

    pub fn send(&self, msg: &Value) {
        write_frame(&self.stdin, msg.to_string().as_bytes());
    }

    pub fn close_stdin(&self) {
        self.stdin.lock().unwrap().take();
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The first message (in arrival order) that satisfies `pred`; others are kept for later.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_within(TIMEOUT, what, pred)
    }

    pub fn wait_for_within(
        &mut self,
        timeout: Duration,
        what: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push_back(m),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed while waiting for {what}")
                }
            }
        }
    }

    /// The response to request `id` (result or error).
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m.get("method").is_none() && m.get("id") == Some(&json!(id))
        })
    }

    /// Sends a request and returns its result; panics on an error response.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    pub fn initialize(&mut self, encodings: &[&str], options: Value) -> Value {
        let root = std::env::temp_dir();
        self.initialize_in(encodings, options, &root)
    }

    pub fn initialize_in(
        &mut self,
        encodings: &[&str],
        options: Value,
        root: &std::path::Path,
    ) -> Value {
        let root_uri = file_uri(root);
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "initializationOptions": options,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "workspace": {"configuration": true,
                                  "didChangeWatchedFiles": {"dynamicRegistration": true}},
                    "textDocument": {"publishDiagnostics": {"versionSupport": true}}
                }
            }),
        );
        self.enc = match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Enc::Utf8,
            Some("utf-32") => Enc::Utf32,
            _ => Enc::Utf16,
        };
        self.notify("initialized", json!({}));
        result
    }

    /// The next `publishDiagnostics` for `uri` with exactly `version`.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version:?}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"].as_i64() == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, doc: &Doc) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": doc.uri, "languageId": doc.language, "version": doc.version, "text": doc.text}}),
        );
    }

    /// Applies `edits` (each relative to the text after the previous one) on the client side and
    /// sends them as one `didChange`.
    pub fn change(&mut self, doc: &mut Doc, edits: &[(Value, &str)]) {
        let mut changes = Vec::new();
        for (range, text) in edits {
            doc.apply(range, text, self.enc);
            changes.push(json!({"range": range, "text": text}));
        }
        doc.version += 1;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc.uri, "version": doc.version}, "contentChanges": changes}),
        );
    }

    pub fn shutdown_and_exit(&mut self) -> Option<i32> {
        let id = self.request("shutdown", Value::Null);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits (bounded) for the process to end; `None` if it did not.
    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn file_uri(path: &std::path::Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The client's copy of a document.
#[derive(Clone, Debug)]
pub struct Doc {
    pub uri: String,
    pub language: String,
    pub version: i64,
    pub text: String,
}

pub fn position(text: &str, offset: usize, enc: Enc) -> Value {
    let ls = lines(text);
    let l = ls.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
    json!({"line": l, "character": enc.units(&text[ls[l].0..offset])})
}

pub fn range(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    json!({"start": position(text, start, enc), "end": position(text, end, enc)})
}

pub fn offset(text: &str, pos: &Value, enc: Enc) -> usize {
    let ls = lines(text);
    let l = pos["line"].as_u64().unwrap() as usize;
    let Some(&(s, e)) = ls.get(l) else {
        return text.len();
    };
    let want = pos["character"].as_u64().unwrap() as usize;
    let mut units = 0;
    for (i, c) in text[s..e].char_indices() {
        if units >= want {
            return s + i;
        }
        units += enc.units(c.encode_utf8(&mut [0; 4]));
    }
    e
}

impl Doc {
    pub fn new(uri: &str, language: &str, text: &str) -> Doc {
        Doc {
            uri: uri.to_string(),
            language: language.to_string(),
            version: 1,
            text: text.to_string(),
        }
    }

    pub fn apply(&mut self, range: &Value, new_text: &str, enc: Enc) {
        let s = offset(&self.text, &range["start"], enc);
        let e = offset(&self.text, &range["end"], enc);
        self.text.replace_range(s..e, new_text);
    }

    /// The range of the first occurrence of `needle`.
    pub fn find(&self, needle: &str, enc: Enc) -> Value {
        let s = self
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in the text"));
        range(&self.text, s, s + needle.len(), enc)
    }

    /// What a fresh analysis of the client's text says, as (code, range, message).
    pub fn expected(
        &self,
        kind: copydesk::analysis::SourceKind,
        enc: Enc,
    ) -> Vec<(String, Value, String)> {
        self.expected_with(kind, enc, &copydesk::analysis::Config::default())
    }

    pub fn expected_with(
        &self,
        kind: copydesk::analysis::SourceKind,
        enc: Enc,
        config: &copydesk::analysis::Config,
    ) -> Vec<(String, Value, String)> {
        let a = copydesk::analysis::analyze(&self.text, kind, config);
        a.diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    range(&self.text, d.range.start, d.range.end, enc),
                    d.message.clone(),
                )
            })
            .collect()
    }
}

pub fn summarize(diags: &[Value]) -> Vec<(String, Value, String)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"].clone(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

//! Our own Content-Length framing in front of tower-lsp-server's `Server`, which stops at the
//! first message it cannot decode. Every frame read from the client is checked here:
//!
//! - a body that is not JSON gets a `-32700` parse error (id null), a JSON body that is not a
//!   JSON-RPC message gets `-32600` (with its id when it has one), and serving goes on;
//! - a header block without a usable `Content-Length` is skipped, and reading resumes at the next
//!   `Content-Length:`; junk before a header is skipped the same way;
//! - well-formed messages are re-framed and passed to the server through an in-memory pipe.
//!
//! The server's own output is split into frames and written to the real output together with our
//! error answers, one whole frame at a time.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{Request, Response};

/// Larger bodies are refused (the header is skipped) rather than buffered.
pub const MAX_BODY: usize = 1 << 30;
/// A header block longer than this is not one.
pub const MAX_HEADER: usize = 8 * 1024;
const HEADER: &[u8] = b"content-length:";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Case-insensitive search for `Content-Length:`.
fn find_header(hay: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'C', b'c', &hay[from..]) {
        let at = from + i;
        match hay.get(at..at + HEADER.len()) {
            Some(w) if w.eq_ignore_ascii_case(HEADER) => return Some(at),
            Some(_) => from = at + 1,
            None => return None,
        }
    }
    None
}

/// What to do with one frame's body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Forward,
    /// Answer with this error response.
    Reject(Value),
}

pub fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// The answer to a message whose Content-Length was larger than the message: a parse error
/// carrying the message's id, so a client waiting for that response is not left hanging.
fn too_long_error(message: &Value) -> Value {
    let id = message
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    error_response(
        id,
        -32700,
        "Parse error: the Content-Length header is larger than the message",
    )
}

/// Checks that the server's decoder will accept `body`.
pub fn check_body(body: &[u8]) -> Verdict {
    if let Ok(req) = serde_json::from_slice::<Request>(body) {
        // The protocol: a request whose method starts with `$/` that the server does not know
        // must be answered with MethodNotFound. The server knows no `$/` request (the standard
        // `$/` messages are all notifications) and would leave the client waiting for ever.
        if let (Some(id), true) = (req.id(), req.method().starts_with("$/")) {
            let id = serde_json::to_value(id).unwrap_or(Value::Null);
            return Verdict::Reject(error_response(
                id,
                -32601,
                &format!("Method not found: {}", req.method()),
            ));
        }
        return Verdict::Forward;
    }
    if serde_json::from_slice::<Response>(body).is_ok() {
        return Verdict::Forward;
    }
    match serde_json::from_slice::<Value>(body) {
        Err(e) => Verdict::Reject(error_response(
            Value::Null,
            -32700,
            &format!("Parse error: {e}"),
        )),
        Ok(v) => {
            let id = match v.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                _ => Value::Null,
            };
            Verdict::Reject(error_response(
                id,
                -32600,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
            ))
        }
    }
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Incremental frame splitter.
#[derive(Default)]
pub struct Framer {
    buf: Vec<u8>,
    /// How far into an incomplete body we have looked for a following header.
    scanned: usize,
}

/// One step of the framer.
#[derive(Debug, PartialEq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A complete JSON body followed by another header before its Content-Length was reached:
    /// the Content-Length was too large. Answered with an error; reading resumes at the header.
    TooLong(Vec<u8>),
    /// Bytes that were skipped, and why (for the log).
    Skipped(usize, &'static str),
}

impl Framer {
    pub fn push(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Puts bytes back at the front (a resync point found inside a bad body).
    pub fn unread(&mut self, data: &[u8]) {
        let mut v = data.to_vec();
        v.extend_from_slice(&self.buf);
        self.buf = v;
        self.scanned = 0;
    }

    /// While a body is incomplete: if a `Content-Length:` header follows a complete JSON value,
    /// the declared length was too large (it would swallow the next message). Only new bytes are
    /// scanned, so a large body arriving in chunks costs linear time. A header inside a JSON string
    /// leaves an incomplete prefix and is passed over.
    fn too_long(&mut self, start: usize) -> Option<Frame> {
        // Back up a little: a header may straddle the previous chunk boundary.
        let mut from = self.scanned.saturating_sub(HEADER.len() - 1).max(start);
        loop {
            let Some(i) = find_header(&self.buf[from..]) else {
                self.scanned = self.buf.len();
                return None;
            };
            let at = from + i;
            if serde_json::from_slice::<serde::de::IgnoredAny>(&self.buf[start..at]).is_ok() {
                let body = self.buf[start..at].to_vec();
                self.buf.drain(..at);
                self.scanned = 0;
                return Some(Frame::TooLong(body));
            }
            from = at + 1;
        }
    }

    /// The next frame, or `None` when more input is needed.
    pub fn next_frame(&mut self) -> Option<Frame> {
        // Junk before the header: skip to the next `Content-Length:`.
        match find_header(&self.buf) {
            Some(0) => {}
            Some(i) => {
                self.buf.drain(..i);
                self.scanned = 0;
                return Some(Frame::Skipped(i, "bytes before a Content-Length header"));
            }
            None => {
                // Keep a tail that could be the start of a header.
                let keep = HEADER.len().min(self.buf.len());
                let drop = self.buf.len() - keep;
                if drop > 0 {
                    self.buf.drain(..drop);
                    self.scanned = 0;
                    return Some(Frame::Skipped(drop, "bytes outside any frame"));
                }
                return None;
            }
        }
        // A header block is short: look for its end only in the first MAX_HEADER bytes, so that
        // a `Content-Length:` never followed by a blank line (a client using bare LF) is not
        // rescanned and buffered without bound.
        let Some(end) = find(&self.buf[..self.buf.len().min(MAX_HEADER)], b"\r\n\r\n") else {
            if self.buf.len() < MAX_HEADER {
                return None;
            }
            let skip = find_header(&self.buf[1..]).map_or(1, |i| i + 1);
            self.buf.drain(..skip);
            self.scanned = 0;
            return Some(Frame::Skipped(skip, "a header block that never ends"));
        };
        let headers = String::from_utf8_lossy(&self.buf[..end]).into_owned();
        let mut len: Option<Option<usize>> = None;
        for line in headers.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                len = Some(None);
                break;
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|&n| n <= MAX_BODY),
                );
            }
        }
        match len {
            Some(Some(n)) => {
                let start = end + 4;
                if self.buf.len() < start + n {
                    return self.too_long(start);
                }
                self.scanned = 0;
                // Move the frame out without copying the (possibly huge) body twice.
                let rest = self.buf.split_off(start + n);
                let mut body = std::mem::replace(&mut self.buf, rest);
                body.drain(..start);
                Some(Frame::Body(body))
            }
            _ => {
                // Skip the whole header block; the body (if any) is skipped as junk next time.
                // When the block holds another `Content-Length:` (a frame with bare LF
                // separators runs into the next one), resume there instead, so that the next
                // message is not lost with the bad one.
                let skip = find_header(&self.buf[1..end]).map_or(end + 4, |i| i + 1);
                self.buf.drain(..skip);
                self.scanned = 0;
                Some(Frame::Skipped(
                    skip,
                    "a header without a valid Content-Length",
                ))
            }
        }
    }
}

pub enum Out {
    Frame(Vec<u8>),
    Flush(oneshot::Sender<()>),
}

/// Reads client frames from `input`, forwards good ones to `server`, answers bad ones on `out`.
pub async fn read_client<I, W>(mut input: I, mut server: W, out: mpsc::UnboundedSender<Out>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        while let Some(next) = framer.next_frame() {
            match next {
                Frame::Skipped(n, why) => eprintln!("copydesk lsp: skipped {n} {why}"),
                Frame::TooLong(body) => {
                    let err = too_long_error(&serde_json::from_slice(&body).unwrap_or_default());
                    eprintln!("copydesk lsp: rejected a message whose Content-Length is too large");
                    let _ = out.send(Out::Frame(frame(err.to_string().as_bytes())));
                }
                Frame::Body(body) => match check_body(&body) {
                    Verdict::Forward => {
                        let header = format!("Content-Length: {}\r\n\r\n", body.len());
                        if server.write_all(header.as_bytes()).await.is_err()
                            || server.write_all(&body).await.is_err()
                        {
                            return;
                        }
                        let _ = server.flush().await;
                    }
                    Verdict::Reject(mut err) => {
                        // A too-long Content-Length swallows (part of) the next message: resume at
                        // a header found inside the bad body, and answer the complete message
                        // before it with its id.
                        if let Some(i) = find_header(&body).filter(|&i| i > 0) {
                            if let Ok(v) = serde_json::from_slice::<Value>(&body[..i]) {
                                err = too_long_error(&v);
                            }
                            framer.unread(&body[i..]);
                        }
                        eprintln!(
                            "copydesk lsp: rejected a message: {}",
                            err["error"]["message"]
                        );
                        let _ = out.send(Out::Frame(frame(err.to_string().as_bytes())));
                    }
                },
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => framer.push(&chunk[..n]),
        }
    }
    let _ = server.shutdown().await;
}

/// Splits the server's (well-formed) output into frames for the writer.
pub async fn pump_server<R: AsyncRead + Unpin>(mut from: R, out: mpsc::UnboundedSender<Out>) {
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        while let Some(f) = framer.next_frame() {
            if let Frame::Body(body) = f {
                let _ = out.send(Out::Frame(frame(&body)));
            }
        }
        match from.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => framer.push(&chunk[..n]),
        }
    }
}

/// Writes whole frames to the real output.
pub async fn write_out<O: AsyncWrite + Unpin>(mut output: O, mut rx: mpsc::UnboundedReceiver<Out>) {
    while let Some(msg) = rx.recv().await {
        match msg {
            Out::Frame(bytes) => {
                if output.write_all(&bytes).await.is_err() {
                    break;
                }
                if rx.is_empty() {
                    let _ = output.flush().await;
                }
            }
            Out::Flush(done) => {
                let _ = output.flush().await;
                let _ = done.send(());
            }
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(input: &[u8]) -> Vec<Frame> {
        let mut f = Framer::default();
        f.push(input);
        std::iter::from_fn(|| f.next_frame()).collect()
    }

    #[test]
    fn splits_frames_and_resyncs_after_bad_headers() {
        let a = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = frame(a);
        input.extend_from_slice(b"Content-Length: abc\r\n\r\n{}");
        input.extend_from_slice(b"garbage");
        input.extend_from_slice(&frame(a));
        input.extend_from_slice(b"Content-Type: x\r\n\r\n");
        let got = bodies(&input);
        assert_eq!(got[0], Frame::Body(a.to_vec()));
        assert!(matches!(got[1], Frame::Skipped(_, _)));
        assert!(matches!(got[2], Frame::Skipped(9, _)), "{got:?}");
        assert_eq!(got[3], Frame::Body(a.to_vec()));
        assert!(got.len() >= 4);
    }

    #[test]
    fn header_names_are_case_insensitive_and_partial_input_waits() {
        let mut f = Framer::default();
        f.push(b"content-length: 2\r\n\r\n{");
        assert_eq!(f.next_frame(), None);
        f.push(b"}");
        assert_eq!(f.next_frame(), Some(Frame::Body(b"{}".to_vec())));
    }

    #[test]
    fn a_bad_header_block_does_not_swallow_the_next_frame() {
        let a = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
        // Bare LF separators: the block runs into the next frame's header.
        let mut input = b"Content-Length: 3\n\n{}\n".to_vec();
        input.extend_from_slice(&frame(a));
        let got = bodies(&input);
        assert!(matches!(got[0], Frame::Skipped(_, _)), "{got:?}");
        assert_eq!(got.last(), Some(&Frame::Body(a.to_vec())), "{got:?}");
    }

    #[test]
    fn a_header_that_never_ends_is_not_buffered_for_ever() {
        let mut f = Framer::default();
        f.push(b"Content-Length: 5\n\n");
        f.push(&vec![b'x'; 3 * MAX_HEADER]);
        while f.next_frame().is_some() {}
        assert!(f.buffered() <= MAX_HEADER, "{}", f.buffered());
        let a = br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#;
        f.push(&frame(a));
        let mut last = None;
        while let Some(fr) = f.next_frame() {
            last = Some(fr);
        }
        assert_eq!(last, Some(Frame::Body(a.to_vec())));
    }

    #[test]
    fn dollar_requests_are_method_not_found_and_dollar_notifications_pass() {
        let Verdict::Reject(e) = check_body(br#"{"jsonrpc":"2.0","id":"q","method":"$/x"}"#) else {
            panic!()
        };
        assert_eq!(
            (e["error"]["code"].as_i64(), e["id"].as_str()),
            (Some(-32601), Some("q"))
        );
        assert_eq!(
            check_body(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#),
            Verdict::Forward
        );
    }

    #[test]
    fn a_content_length_too_large_is_detected_at_the_next_header() {
        let a = br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut f = Framer::default();
        f.push(format!("Content-Length: {}\r\n\r\n", a.len() + 200).as_bytes());
        f.push(a);
        assert_eq!(f.next_frame(), None, "may still be arriving");
        // A header inside a JSON string is not a frame boundary.
        let tricky = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"Content-Length: 3"}}"#;
        let mut g = Framer::default();
        g.push(format!("Content-Length: {}\r\n\r\n", tricky.len()).as_bytes());
        g.push(&tricky[..30]);
        assert_eq!(g.next_frame(), None);
        g.push(&tricky[30..]);
        assert_eq!(g.next_frame(), Some(Frame::Body(tricky.to_vec())));
        // The next message arrives: the first body is cut at its header.
        f.push(&frame(a));
        assert_eq!(f.next_frame(), Some(Frame::TooLong(a.to_vec())));
        assert_eq!(f.next_frame(), Some(Frame::Body(a.to_vec())));
        assert_eq!(f.next_frame(), None);
    }

    fn drain(f: &mut Framer) -> Vec<Frame> {
        std::iter::from_fn(|| f.next_frame()).collect()
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(chunks in proptest::collection::vec(proptest::collection::vec(proptest::num::u8::ANY, 0..64), 0..16)) {
            let mut f = Framer::default();
            for c in &chunks {
                f.push(c);
                for fr in drain(&mut f) {
                    if let Frame::Body(b) | Frame::TooLong(b) = fr {
                        let _ = check_body(&b);
                    }
                }
            }
        }

        #[test]
        fn good_frames_survive_junk_between_them(
            junk in proptest::collection::vec("[a-z{}\\[\\]\"\r\n: 0-9]{0,20}", 1..6),
            split in 1usize..50,
        ) {
            let msgs: Vec<Vec<u8>> = (0..junk.len())
                .map(|i| format!(r#"{{"jsonrpc":"2.0","id":{i},"method":"m"}}"#).into_bytes())
                .collect();
            let mut input = Vec::new();
            for (m, j) in msgs.iter().zip(&junk) {
                // Junk never contains a header name, so it can only be skipped.
                proptest::prop_assume!(!j.to_ascii_lowercase().contains("content-length"));
                input.extend_from_slice(j.as_bytes());
                input.extend_from_slice(&frame(m));
            }
            let mut f = Framer::default();
            let mut got = Vec::new();
            for c in input.chunks(split) {
                f.push(c);
                got.extend(drain(&mut f).into_iter().filter_map(|fr| match fr {
                    Frame::Body(b) => Some(b),
                    _ => None,
                }));
            }
            proptest::prop_assert_eq!(got, msgs);
        }
    }

    #[test]
    fn verdicts() {
        assert_eq!(
            check_body(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            Verdict::Forward
        );
        assert_eq!(
            check_body(br#"{"jsonrpc":"2.0","id":1,"result":null}"#),
            Verdict::Forward
        );
        let Verdict::Reject(e) = check_body(b"{not json") else {
            panic!()
        };
        assert_eq!(
            (e["error"]["code"].as_i64(), e["id"].is_null()),
            (Some(-32700), true)
        );
        let Verdict::Reject(e) = check_body(br#"{"id":7,"foo":1}"#) else {
            panic!()
        };
        assert_eq!(
            (e["error"]["code"].as_i64(), e["id"].as_i64()),
            (Some(-32600), Some(7))
        );
        let Verdict::Reject(e) = check_body(b"") else {
            panic!()
        };
        assert_eq!(e["error"]["code"].as_i64(), Some(-32700));
    }
}

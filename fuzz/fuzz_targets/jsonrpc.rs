//! Fuzzes the language server's input path: arbitrary bytes, split into arbitrary chunks, go
//! through the Content-Length framer, and every body through the JSON-RPC check that decides
//! between forwarding to the server and answering with a protocol error. Nothing may panic, the
//! framer must make progress, and what it forwards must decode as the server expects.
#![no_main]

use copydesk::lsp::transport::{Frame, Framer, Verdict, check_body};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a chunk size so that frames arrive split at every possible point.
    let Some((&chunk, rest)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(chunk).max(1);
    let mut framer = Framer::default();
    let mut consumed = 0usize;
    for piece in rest.chunks(chunk) {
        framer.push(piece);
        // Each call either returns a frame (shrinking the buffer) or asks for more input.
        let mut guard = 0;
        while let Some(frame) = framer.next_frame() {
            guard += 1;
            assert!(guard <= rest.len() + 2, "framer made no progress");
            match frame {
                Frame::Body(body) => {
                    consumed += body.len();
                    if let Verdict::Reject(v) = check_body(&body) {
                        assert!(v.get("error").is_some());
                    }
                }
                Frame::TooLong(body) => {
                    // A complete JSON body cut at the next header (its Content-Length was too
                    // large); it is answered with an error, never forwarded.
                    consumed += body.len();
                }
                Frame::Skipped(n, _) => {
                    assert!(n > 0);
                    consumed += n;
                }
            }
        }
    }
    assert!(consumed <= rest.len());
});
